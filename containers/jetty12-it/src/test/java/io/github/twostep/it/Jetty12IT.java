package io.github.twostep.it;

/** The shared flow on Jetty 12 ee10 (Servlet 6.0), the container the filter module's own tests use. */
class Jetty12IT extends ContainerFlowContract {

    @Override
    protected ServletContainer container() {
        return new EmbeddedJetty();
    }
}
