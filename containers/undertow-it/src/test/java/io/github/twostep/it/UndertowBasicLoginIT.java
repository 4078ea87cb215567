package io.github.twostep.it;

/** External login with the container's BASIC authentication on Undertow. */
class UndertowBasicLoginIT extends BasicLoginContract {

    @Override
    protected BasicLoginServer container() {
        return new UndertowBasicLogin();
    }

    @Override
    protected boolean checksCredentialsOnEveryPath() {
        return true;
    }
}
