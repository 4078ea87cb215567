package io.github.twostep.it;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Tomcat embedded with its defaults: one root context on loopback port 0. This source (like
 * everything in {@code containers/tomcat-shared}) is compiled into the Tomcat 10.1 and the
 * Tomcat 11 module, each against its own Tomcat, as the two cannot share a class path; it uses
 * only what both versions have alike.
 */
final class EmbeddedTomcat implements ServletContainer {
    private final Tomcat tomcat = new Tomcat();

    @Override
    public int start(Filter filter, Servlet app) throws Exception {
        Connector connector = loopback(tomcat);
        addFilterAndApp(tomcat.addContext("", null), filter, app);
        tomcat.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        stop(tomcat);
    }

    /** A fresh base directory under target/ and a plain connector on loopback port 0. */
    static Connector loopback(Tomcat tomcat) {
        tomcat.setBaseDir(Path.of("target", "tomcat-" + UUID.randomUUID()).toAbsolutePath().toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        return connector;
    }

    /**
     * TwoStep's filter on every path (requests only) and the application's servlet on "/", as
     * web.xml would declare them. The servlet is added when the context starts, through the
     * Servlet API, since Tomcat 10.1 and 11 spell {@code addServletMapping} differently.
     */
    static void addFilterAndApp(Context context, Filter filter, Servlet app) {
        FilterDef def = new FilterDef();
        def.setFilterName("twostep");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("twostep");
        map.addURLPattern("/*");
        map.setDispatcher(DispatcherType.REQUEST.name());
        context.addFilterMap(map);
        context.addServletContainerInitializer((classes, servletContext) ->
                servletContext.addServlet("app", app).addMapping("/"), null);
    }

    static void stop(Tomcat tomcat) throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
