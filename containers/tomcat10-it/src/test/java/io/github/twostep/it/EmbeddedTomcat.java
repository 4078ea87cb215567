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
 * Tomcat 10.1 embedded with its defaults: one root context on loopback port 0. The Tomcat 10.1
 * and 11 modules each hold a copy, as the two versions cannot share a class path.
 */
final class EmbeddedTomcat implements ServletContainer {
    private final Tomcat tomcat = new Tomcat();

    @Override
    public int start(Filter filter, Servlet app) throws Exception {
        tomcat.setBaseDir(Path.of("target", "tomcat-" + UUID.randomUUID()).toAbsolutePath().toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        FilterDef def = new FilterDef();
        def.setFilterName("twostep");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("twostep");
        map.addURLPattern("/*");
        map.setDispatcher(DispatcherType.REQUEST.name());
        context.addFilterMap(map);
        Tomcat.addServlet(context, "app", app);
        context.addServletMappingDecoded("/", "app");
        tomcat.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
