package io.github.twostep.it;

/** External login with the container's BASIC authentication on Tomcat 11. */
class Tomcat11BasicLoginIT extends BasicLoginContract {

    @Override
    protected BasicLoginServer container() {
        return new TomcatBasicLogin();
    }
}
