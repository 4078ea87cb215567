package io.github.twostep.it;

/** External login with the container's DIGEST authentication on Tomcat 10.1. */
class Tomcat10DigestLoginIT extends DigestLoginContract {

    @Override
    protected BasicLoginContract.BasicLoginServer container() {
        return TomcatBasicLogin.digest();
    }
}
