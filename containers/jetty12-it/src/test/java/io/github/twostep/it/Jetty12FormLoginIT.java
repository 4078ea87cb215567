package io.github.twostep.it;

/** External login with the container's FORM authentication on Jetty 12 ee10. */
class Jetty12FormLoginIT extends FormLoginContract {

    @Override
    protected BasicLoginContract.BasicLoginServer container() {
        return JettyBasicLogin.form();
    }
}
