package io.github.twostep.it;

/** The shared flow on Tomcat 10.1 (Servlet 6.0). */
class Tomcat10IT extends ContainerFlowContract {

    @Override
    protected ServletContainer container() {
        return new EmbeddedTomcat();
    }
}
