package io.github.twostep.it;

import static io.github.twostep.it.SpringBootIT.springLogIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.web.TwoStepFilter;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What docs/INTEGRATION.md ("Spring Boot and Spring Security") tells a Spring Security user,
 * over HTTP: who checks CSRF on TwoStep's paths, why TwoStep must come after Spring's filter
 * chain, what the application sees on a public page while the second factor is pending, and
 * that set-up asks Spring for the password.
 */
class SpringSecurityIT {
    private final Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
    private final SpringBootServer server = new SpringBootServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void twoStepCallWhenSpringCsrfIgnoresItsPathsThenTwoStepsOwnTokenStillRequired() throws Exception {
        int port = server.start();
        OtpSecret secret = enrolAndSignOut(port);
        Visitor visitor = new Visitor(port);
        visitor.status();
        assertEquals("challenge", springLogIn(visitor).path("state").asText());
        String token = visitor.csrfToken();
        String code = "{\"code\": \"" + code(secret, 1) + "\"}";

        visitor.useCsrfToken("not-the-token");
        HttpResponse<String> forged = visitor.post("/2fa/api/verify", code);

        assertEquals(403, forged.statusCode(), forged.body());
        assertEquals("csrf", Visitor.json(forged).path("error").asText());
        assertEquals("challenge", visitor.status().path("state").asText());
        visitor.useCsrfToken(token);
        HttpResponse<String> verified = visitor.post("/2fa/api/verify", code);
        assertEquals(200, verified.statusCode(), "the refused call must not have used the code: " + verified.body());
    }

    @Test
    void twoStepCallWhenSpringCsrfAlsoCoversItsPathsThenSpringRefusesTwoStepsToken() throws Exception {
        Visitor visitor = new Visitor(server.start(SpringCsrfOnTwoStepPaths.class));
        visitor.status();
        assertEquals("optional", springLogIn(visitor).path("state").asText());

        HttpResponse<String> started = visitor.post("/2fa/api/setup/start",
                "{\"password\": \"" + FlowApp.PASSWORD + "\", \"consent\": true}");

        assertEquals(403, started.statusCode(), started.body());
        assertNotEquals("{\"error\":\"csrf\"}", started.body().replace(" ", ""), "TwoStep itself refused the call");
    }

    @Test
    void challengedWhenPublicPageThenRequestHasNoUserButSpringContextStillHoldsFirstFactor() throws Exception {
        int port = server.start();
        enrolAndSignOut(port);
        Visitor visitor = new Visitor(port);
        visitor.status();
        assertEquals("challenge", springLogIn(visitor).path("state").asText());

        HttpResponse<String> page = visitor.get("/static/whoami");

        assertEquals(200, page.statusCode(), page.body());
        assertEquals("remote:null spring:" + FlowApp.USER, page.body());
    }

    @Test
    void twoStepBeforeSpringSecurityWhenSignedInThenTwoStepSeesNobodyAndHoldsNothing() throws Exception {
        Visitor visitor = new Visitor(server.start(TwoStepFirst.class));
        visitor.status();

        assertEquals("anonymous", springLogIn(visitor).path("state").asText());
        HttpResponse<String> page = visitor.get("/protected");
        assertEquals("app:/protected:" + FlowApp.USER, page.body());
    }

    @Test
    void challengedWhenSpringLogoutThenSignedOutWithoutACode() throws Exception {
        int port = server.start();
        enrolAndSignOut(port);
        Visitor visitor = new Visitor(port);
        visitor.status();
        assertEquals("challenge", springLogIn(visitor).path("state").asText());

        HttpResponse<String> out = SpringBootIT.postForm(visitor, "/logout",
                SpringBootIT.springCsrfToken(visitor, "/logout"), "");

        assertEquals(302, out.statusCode(), out.body());
        assertEquals("anonymous", visitor.status().path("state").asText());
        assertEquals(302, visitor.get("/protected").statusCode());
    }

    @Test
    void exemptRoleWhenSpringAuthorityHasRolePrefixThenUserExempt() throws Exception {
        int port = server.start();
        server.addUser("carol", "carol-password", "api");
        Visitor carol = new Visitor(port);
        carol.status();

        assertEquals("exempt", springLogIn(carol, "carol", "carol-password").path("state").asText());
        assertEquals("app:/protected:carol", carol.get("/protected").body());
    }

    @Test
    void setupStartWhenPasswordWrongThenSpringsCheckRefusesIt() throws Exception {
        Visitor visitor = new Visitor(server.start());
        visitor.status();
        springLogIn(visitor);

        HttpResponse<String> wrong = visitor.post("/2fa/api/setup/start", "{\"password\": \"wrong\", \"consent\": true}");
        HttpResponse<String> right = visitor.post("/2fa/api/setup/start",
                "{\"password\": \"" + FlowApp.PASSWORD + "\", \"consent\": true}");

        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("invalid_credentials", Visitor.json(wrong).path("error").asText());
        assertEquals(200, right.statusCode(), right.body());
    }

    /** Signs alice in, enrols her with the app, signs her out; answers her secret. */
    private OtpSecret enrolAndSignOut(int port) throws Exception {
        Visitor visitor = new Visitor(port);
        visitor.status();
        assertEquals("optional", springLogIn(visitor).path("state").asText());
        HttpResponse<String> started = visitor.post("/2fa/api/setup/start",
                "{\"password\": \"" + FlowApp.PASSWORD + "\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(Visitor.json(started).path("secret").asText());
        HttpResponse<String> confirmed = visitor.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + code(secret, 0) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        HttpResponse<String> out = SpringBootIT.postForm(visitor, "/logout",
                SpringBootIT.springCsrfToken(visitor, "/logout"), "");
        assertEquals(302, out.statusCode(), out.body());
        return secret;
    }

    private String code(OtpSecret secret, int stepsAhead) {
        return totp.key(secret).generate(totp.currentStep() + stepsAhead);
    }

    /** The mistake: a chain for TwoStep's paths with Spring's CSRF protection left on. */
    @Configuration(proxyBeanMethods = false)
    static class SpringCsrfOnTwoStepPaths {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain twoStepPaths(HttpSecurity http) throws Exception {
            http.securityMatcher("/2fa/**").authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
    }

    /** The mistake: TwoStep ordered before Spring Security's filter chain. */
    @Configuration(proxyBeanMethods = false)
    static class TwoStepFirst {
        @Bean
        static BeanPostProcessor twoStepFirst() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (bean instanceof FilterRegistrationBean<?> registration
                            && registration.getFilter() instanceof TwoStepFilter) {
                        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
                    }
                    return bean;
                }
            };
        }
    }
}
