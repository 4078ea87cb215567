package io.github.twostep.it;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.DigestAuthenticator;
import org.eclipse.jetty.security.authentication.FormAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

/** Jetty 12 (ee10) with a BASIC (or DIGEST, or FORM) login-config and a hash realm, as a web.xml would set it up. */
final class JettyBasicLogin implements BasicLoginContract.BasicLoginServer {
    private final Server server = new Server();
    private final String method;

    /** BASIC login. */
    JettyBasicLogin() {
        this("BASIC");
    }

    private JettyBasicLogin(String method) {
        this.method = method;
    }

    /** The same with {@code <auth-method>DIGEST</auth-method>}. */
    static JettyBasicLogin digest() {
        return new JettyBasicLogin("DIGEST");
    }

    /** The same with {@code <auth-method>FORM</auth-method>} and the application's login and error pages. */
    static JettyBasicLogin form() {
        return new JettyBasicLogin("FORM");
    }

    @Override
    public int start(Filter filter, Servlet app) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.setSecurityHandler(security(switch (method) {
            case "DIGEST" -> new DigestAuthenticator();
            case "FORM" -> new FormAuthenticator(FormLoginContract.LOGIN_PAGE, FormLoginContract.ERROR_PAGE, false);
            default -> new BasicAuthenticator();
        }));
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(app), "/");
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    private static ConstraintSecurityHandler security(Authenticator authenticator) {
        UserStore users = new UserStore();
        users.addUser(BasicLoginContract.ALICE, Credential.getCredential(BasicLoginContract.ALICE_PASSWORD),
                new String[] {BasicLoginContract.ROLE});
        users.addUser(BasicLoginContract.CAROL, Credential.getCredential(BasicLoginContract.CAROL_PASSWORD),
                new String[] {BasicLoginContract.ROLE, BasicLoginContract.EXEMPT_ROLE});
        HashLoginService realm = new HashLoginService("twostep-it");
        realm.setUserStore(users);
        ConstraintMapping constrained = new ConstraintMapping();
        constrained.setPathSpec(BasicLoginContract.CONSTRAINED);
        constrained.setConstraint(Constraint.from(BasicLoginContract.ROLE));
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(realm);
        security.setAuthenticator(authenticator);
        security.addConstraintMapping(constrained);
        return security;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
