package io.github.twostep.it;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

/**
 * {@link FlowApplication} on its embedded Tomcat at a free loopback port, with a fresh
 * in-memory database holding alice and a fresh data key for TwoStep.
 */
final class SpringBootServer implements ServletContainer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfigurableApplicationContext context;

    /** Starts the application, with the configuration classes {@code changes} added, and answers its port. */
    int start(Class<?>... changes) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        context = new SpringApplicationBuilder(FlowApplication.class).sources(changes)
                .run("--TWOSTEP_KEY=k1:" + Base64.getEncoder().encodeToString(key));
        addUser(FlowApp.USER, FlowApp.PASSWORD, "USER");
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Adds a user to Spring Security's users table (roles without the {@code ROLE_} prefix). */
    void addUser(String name, String password, String... roles) {
        PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
        context.getBean(JdbcUserDetailsManager.class).createUser(User.withUsername(name)
                .password(encoder.encode(password)).roles(roles).build());
    }

    /**
     * Not for this container: in a Spring application TwoStep's filter and the application are
     * the application's own beans ({@link TwoStepConfiguration}, {@link FlowController}); use {@link #start(Class...)}.
     */
    @Override
    public int start(Filter filter, Servlet app) {
        throw new UnsupportedOperationException("the Spring application registers TwoStep and its controller itself");
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
