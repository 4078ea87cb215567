package io.github.twostep.it;

/** External login with the container's FORM authentication on Undertow. */
class UndertowFormLoginIT extends FormLoginContract {

    @Override
    protected BasicLoginContract.BasicLoginServer container() {
        return UndertowBasicLogin.form();
    }
}
