package io.github.twostep.it;

/** External login with TLS client certificates on Tomcat 10.1 ({@link TomcatClientCertContract}). */
class Tomcat10ClientCertIT extends TomcatClientCertContract {
}
