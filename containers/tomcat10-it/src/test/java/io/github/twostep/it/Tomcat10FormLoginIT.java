package io.github.twostep.it;

/** External login with the container's FORM authentication on Tomcat 10.1. */
class Tomcat10FormLoginIT extends FormLoginContract {

    @Override
    protected BasicLoginContract.BasicLoginServer container() {
        return TomcatBasicLogin.form();
    }
}
