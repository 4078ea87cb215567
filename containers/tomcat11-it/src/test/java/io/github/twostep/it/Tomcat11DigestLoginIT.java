package io.github.twostep.it;

/** External login with the container's DIGEST authentication on Tomcat 11. */
class Tomcat11DigestLoginIT extends DigestLoginContract {

    @Override
    protected BasicLoginContract.BasicLoginServer container() {
        return TomcatBasicLogin.digest();
    }
}
