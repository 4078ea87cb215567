package io.github.twostep.it;

/** The shared flow on Undertow 2.3 (Servlet 6.0). */
class UndertowIT extends ContainerFlowContract {

    @Override
    protected ServletContainer container() {
        return new EmbeddedUndertow();
    }
}
