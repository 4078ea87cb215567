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
import org.eclipse.jetty.security.authentication.SslClientCertAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** External login with TLS client certificates on Jetty 12 ee10 (Jetty answers 403 without one). */
class Jetty12ClientCertIT extends ClientCertLoginContract {

    @Override
    protected ClientCertServer container() {
        return new ClientCertServer() {
            private final Server server = new Server();

            @Override
            public int start(Filter filter, Servlet app, ClientCertificates certificates) throws Exception {
                SslContextFactory.Server tls = new SslContextFactory.Server();
                tls.setKeyStorePath(certificates.path("server.p12").toString());
                tls.setKeyStorePassword(ClientCertificates.PASSWORD);
                tls.setTrustStorePath(certificates.path("server-trust.p12").toString());
                tls.setTrustStorePassword(ClientCertificates.PASSWORD);
                tls.setWantClientAuth(true);
                ServerConnector connector = new ServerConnector(server, tls);
                connector.setHost("127.0.0.1");
                connector.setPort(0);
                server.addConnector(connector);
                UserStore users = new UserStore();
                // Jetty signs a certificate in as its subject, with the certificate's signature as the credential
                users.addUser(ALICE, Credential.getCredential(certificates.signature("alice")), new String[] {ROLE});
                users.addUser(CAROL, Credential.getCredential(certificates.signature("carol")),
                        new String[] {ROLE, EXEMPT_ROLE});
                HashLoginService realm = new HashLoginService("twostep-it");
                realm.setUserStore(users);
                ConstraintMapping constrained = new ConstraintMapping();
                constrained.setPathSpec(CONSTRAINED);
                constrained.setConstraint(Constraint.from(ROLE));
                ConstraintSecurityHandler security = new ConstraintSecurityHandler();
                security.setLoginService(realm);
                security.setAuthenticator(new SslClientCertAuthenticator(tls));
                security.addConstraintMapping(constrained);
                ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
                context.setContextPath("/");
                context.setSecurityHandler(security);
                context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
                context.addServlet(new ServletHolder(app), "/");
                server.setHandler(context);
                server.start();
                return connector.getLocalPort();
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }

    @Override
    protected int refusalWithoutCertificate() {
        return 403;
    }
}
