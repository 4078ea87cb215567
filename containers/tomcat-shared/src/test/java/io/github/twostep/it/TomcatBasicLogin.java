package io.github.twostep.it;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.authenticator.DigestAuthenticator;
import org.apache.catalina.authenticator.FormAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Tomcat (10.1 or 11, see {@link EmbeddedTomcat}) embedded with a BASIC (or DIGEST, or FORM)
 * login-config, a constraint and Tomcat's in-memory realm, as a web.xml and tomcat-users.xml
 * would set them up (without preemptive authentication).
 */
final class TomcatBasicLogin implements BasicLoginContract.BasicLoginServer {
    private final Tomcat tomcat = new Tomcat();
    private final String method;

    /** BASIC login. */
    TomcatBasicLogin() {
        this("BASIC");
    }

    private TomcatBasicLogin(String method) {
        this.method = method;
    }

    /** The same with {@code <auth-method>DIGEST</auth-method>}. */
    static TomcatBasicLogin digest() {
        return new TomcatBasicLogin("DIGEST");
    }

    /** The same with {@code <auth-method>FORM</auth-method>} and the application's login and error pages. */
    static TomcatBasicLogin form() {
        return new TomcatBasicLogin("FORM");
    }

    @Override
    public int start(Filter filter, Servlet app) throws Exception {
        Connector connector = EmbeddedTomcat.loopback(tomcat);
        tomcat.addUser(BasicLoginContract.ALICE, BasicLoginContract.ALICE_PASSWORD);
        tomcat.addRole(BasicLoginContract.ALICE, BasicLoginContract.ROLE);
        tomcat.addUser(BasicLoginContract.CAROL, BasicLoginContract.CAROL_PASSWORD);
        tomcat.addRole(BasicLoginContract.CAROL, BasicLoginContract.ROLE);
        tomcat.addRole(BasicLoginContract.CAROL, BasicLoginContract.EXEMPT_ROLE);
        Context context = tomcat.addContext("", null);
        secure(context);
        EmbeddedTomcat.addFilterAndApp(context, filter, app);
        tomcat.start();
        return connector.getLocalPort();
    }

    private void secure(Context context) {
        LoginConfig login = new LoginConfig();
        login.setAuthMethod(method);
        login.setLoginPage(FormLoginContract.LOGIN_PAGE);
        login.setErrorPage(FormLoginContract.ERROR_PAGE);
        login.setRealmName("twostep-it");
        context.setLoginConfig(login);
        SecurityCollection paths = new SecurityCollection();
        paths.addPattern(BasicLoginContract.CONSTRAINED);
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole(BasicLoginContract.ROLE);
        constraint.addCollection(paths);
        context.addConstraint(constraint);
        context.addSecurityRole(BasicLoginContract.ROLE);
        context.addSecurityRole(BasicLoginContract.EXEMPT_ROLE);
        context.getPipeline().addValve(switch (method) {
            case "DIGEST" -> new DigestAuthenticator();
            case "FORM" -> new FormAuthenticator();
            default -> new BasicAuthenticator();
        });
    }

    @Override
    public void close() throws Exception {
        EmbeddedTomcat.stop(tomcat);
    }
}
