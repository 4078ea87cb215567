package io.github.twostep.it;

/** External login with the container's DIGEST authentication on Jetty 12 ee10. */
class Jetty12DigestLoginIT extends DigestLoginContract {

    @Override
    protected BasicLoginContract.BasicLoginServer container() {
        return JettyBasicLogin.digest();
    }
}
