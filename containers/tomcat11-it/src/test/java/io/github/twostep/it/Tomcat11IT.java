package io.github.twostep.it;

/** The shared flow on Tomcat 11 (Servlet 6.1). */
class Tomcat11IT extends ContainerFlowContract {

    @Override
    protected ServletContainer container() {
        return new EmbeddedTomcat();
    }
}
