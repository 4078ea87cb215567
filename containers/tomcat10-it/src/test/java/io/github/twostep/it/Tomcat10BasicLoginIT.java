package io.github.twostep.it;

/** External login with the container's BASIC authentication on Tomcat 10.1. */
class Tomcat10BasicLoginIT extends BasicLoginContract {

    @Override
    protected BasicLoginServer container() {
        return new TomcatBasicLogin();
    }
}
