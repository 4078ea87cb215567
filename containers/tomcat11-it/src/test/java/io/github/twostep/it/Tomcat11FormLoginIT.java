package io.github.twostep.it;

/** External login with the container's FORM authentication on Tomcat 11. */
class Tomcat11FormLoginIT extends FormLoginContract {

    @Override
    protected BasicLoginContract.BasicLoginServer container() {
        return TomcatBasicLogin.form();
    }
}
