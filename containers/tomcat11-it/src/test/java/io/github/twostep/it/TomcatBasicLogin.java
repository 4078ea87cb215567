package io.github.twostep.it;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.authenticator.DigestAuthenticator;
import org.apache.catalina.authenticator.FormAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Tomcat 11 embedded with a BASIC (or DIGEST, or FORM) login-config, a constraint and Tomcat's in-memory
 * realm, as a web.xml and tomcat-users.xml would set them up (without preemptive authentication).
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
        tomcat.setBaseDir(Path.of("target", "tomcat-" + UUID.randomUUID()).toAbsolutePath().toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.addUser(BasicLoginContract.ALICE, BasicLoginContract.ALICE_PASSWORD);
        tomcat.addRole(BasicLoginContract.ALICE, BasicLoginContract.ROLE);
        tomcat.addUser(BasicLoginContract.CAROL, BasicLoginContract.CAROL_PASSWORD);
        tomcat.addRole(BasicLoginContract.CAROL, BasicLoginContract.ROLE);
        tomcat.addRole(BasicLoginContract.CAROL, BasicLoginContract.EXEMPT_ROLE);
        Context context = tomcat.addContext("", null);
        secure(context);
        FilterDef def = new FilterDef();
        def.setFilterName("twostep");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("twostep");
        map.addURLPattern("/*");
        map.setDispatcher(DispatcherType.REQUEST.name());
        context.addFilterMap(map);
        Tomcat.addServlet(context, "app", app);
        context.addServletMapping("/", "app");
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
        tomcat.stop();
        tomcat.destroy();
    }
}
