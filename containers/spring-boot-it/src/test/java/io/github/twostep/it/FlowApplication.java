package io.github.twostep.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application under test: Spring Security's form login, TwoStep after it, and
 * one controller. Its beans are listed, not scanned, so nothing else in this package joins in.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({FlowSecurity.class, TwoStepConfiguration.class, FlowController.class})
class FlowApplication {
}
