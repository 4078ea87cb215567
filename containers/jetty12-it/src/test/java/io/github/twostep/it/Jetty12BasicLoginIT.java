package io.github.twostep.it;

/** External login with the container's BASIC authentication on Jetty 12 ee10. */
class Jetty12BasicLoginIT extends BasicLoginContract {

    @Override
    protected BasicLoginServer container() {
        return new JettyBasicLogin();
    }
}
