package io.github.twostep.it;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.SSLAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * External login with TLS client certificates on Tomcat (10.1 or 11, see {@link EmbeddedTomcat}):
 * {@code certificateVerification "optional"} on the connector, {@code
 * <auth-method>CLIENT-CERT</auth-method>}, and the realm's users named as the certificates'
 * subjects (Tomcat's default user name retriever). Tomcat answers 401 on a constrained path
 * without a certificate.
 */
abstract class TomcatClientCertContract extends ClientCertLoginContract {

    @Override
    protected ClientCertServer container() {
        return new ClientCertServer() {
            private final Tomcat tomcat = new Tomcat();

            @Override
            public int start(Filter filter, Servlet app, ClientCertificates certificates) throws Exception {
                Connector connector = EmbeddedTomcat.loopback(tomcat);
                connector.setSecure(true);
                connector.setScheme("https");
                connector.setProperty("SSLEnabled", "true");
                SSLHostConfig tls = new SSLHostConfig();
                tls.setCertificateVerification("optional");
                tls.setTruststoreFile(certificates.path("server-trust.p12").toString());
                tls.setTruststorePassword(ClientCertificates.PASSWORD);
                tls.setTruststoreType("PKCS12");
                SSLHostConfigCertificate key = new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
                key.setCertificateKeystoreFile(certificates.path("server.p12").toString());
                key.setCertificateKeystorePassword(ClientCertificates.PASSWORD);
                key.setCertificateKeystoreType("PKCS12");
                tls.addCertificate(key);
                connector.addSslHostConfig(tls);
                tomcat.addUser(ALICE, "");
                tomcat.addRole(ALICE, ROLE);
                tomcat.addUser(CAROL, "");
                tomcat.addRole(CAROL, ROLE);
                tomcat.addRole(CAROL, EXEMPT_ROLE);
                Context context = tomcat.addContext("", null);
                LoginConfig login = new LoginConfig();
                login.setAuthMethod("CLIENT-CERT");
                context.setLoginConfig(login);
                SecurityCollection paths = new SecurityCollection();
                paths.addPattern(CONSTRAINED);
                SecurityConstraint constraint = new SecurityConstraint();
                constraint.addAuthRole(ROLE);
                constraint.addCollection(paths);
                context.addConstraint(constraint);
                context.addSecurityRole(ROLE);
                context.addSecurityRole(EXEMPT_ROLE);
                context.getPipeline().addValve(new SSLAuthenticator());
                EmbeddedTomcat.addFilterAndApp(context, filter, app);
                tomcat.start();
                return connector.getLocalPort();
            }

            @Override
            public void close() throws Exception {
                EmbeddedTomcat.stop(tomcat);
            }
        };
    }

    @Override
    protected int refusalWithoutCertificate() {
        return 401;
    }
}
