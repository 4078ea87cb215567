package io.github.twostep.it;

import io.github.twostep.TwoStep;
import io.github.twostep.config.JdbcStoreSettings;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.StoreType;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.security.authentication.AuthenticationManager;

/**
 * TwoStep in a Spring Boot application, as docs/INTEGRATION.md shows it: settings from the JSON
 * file that the property {@code twostep.settings} names, the users table through the
 * application's own {@link DataSource} bean named in {@code store.jdbc.dataSource}, the password check for set-up through Spring Security,
 * and the filter registered right after Spring Security's filter chain, which sets the user.
 */
@Configuration(proxyBeanMethods = false)
class TwoStepConfiguration {

    @Bean
    TwoStep twoStep(@Value("${twostep.settings}") Resource file, Environment environment, BeanFactory beans,
            AuthenticationManager authentication) throws IOException {
        // ${env:NAME} in the file resolves through Spring's Environment: properties, then OS variables
        Settings settings = new SettingsLoader(environment::getProperty).load(file.getInputStream(), file.getDescription());
        TwoStep.Builder twoStep = TwoStep.builder(settings).passwordVerifier(new SpringPasswordVerifier(authentication));
        JdbcStoreSettings jdbc = settings.store().jdbc();
        if (settings.store().type() == StoreType.JDBC && jdbc.dataSource() != null) {
            // store.jdbc.dataSource names a DataSource bean of this application (not a JNDI name)
            twoStep.dataSource(beans.getBean(jdbc.dataSource(), DataSource.class));
        }
        return twoStep.build();
    }

    @Bean
    FilterRegistrationBean<TwoStepFilter> twoStepFilter(TwoStep twoStep, SecurityFilterProperties security) {
        FilterRegistrationBean<TwoStepFilter> registration = new FilterRegistrationBean<>(new TwoStepFilter(twoStep));
        registration.setName("twostep");
        registration.setOrder(security.getOrder() + 1);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }
}
