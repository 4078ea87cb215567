package io.github.twostep.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * TwoStep on Tomcat (10.1 or 11, see {@link EmbeddedTomcat}) without editing the WAR: first
 * through the context's {@code altDDName} (a copy of the WAR's web.xml with TwoStep's filter
 * before the application's), as INTEGRATION.md shows; last when declared in the global
 * {@code conf/web.xml}, whose filters Tomcat merges after the application's.
 */
abstract class TomcatFilterOrderContract extends FilterOrderContract {

    @Override
    protected AutoCloseable deploy(Path war, boolean twoStepFirst, Path settings) throws Exception {
        Tomcat tomcat = new Tomcat();
        Connector connector = EmbeddedTomcat.loopback(tomcat);
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("", war.toAbsolutePath().toString());
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        if (twoStepFirst) {
            context.setAltDDName(Files.writeString(dir.resolve("shop-web.xml"),
                    webXml(TWOSTEP_FILTER + WAR_FILTERS + WAR_SERVLET)).toString());
        } else {
            Path confWebXml = Files.writeString(dir.resolve("web.xml"), webXml(TWOSTEP_FILTER));
            for (LifecycleListener listener : context.findLifecycleListeners()) {
                if (listener instanceof ContextConfig config) {
                    config.setDefaultWebXml(confWebXml.toString());
                }
            }
        }
        context.addParameter("twostep.settings", settings.toString());
        tomcat.start();
        port = connector.getLocalPort();
        return () -> EmbeddedTomcat.stop(tomcat);
    }
}
