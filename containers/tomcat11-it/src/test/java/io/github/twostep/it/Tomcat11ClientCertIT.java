package io.github.twostep.it;

/** External login with TLS client certificates on Tomcat 11 ({@link TomcatClientCertContract}). */
class Tomcat11ClientCertIT extends TomcatClientCertContract {
}
