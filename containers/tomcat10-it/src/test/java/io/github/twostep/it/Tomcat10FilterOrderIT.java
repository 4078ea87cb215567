package io.github.twostep.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * TwoStep put first, or last, on Tomcat 10.1 through the context's {@code altDDName}: a copy of
 * the WAR's web.xml with TwoStep's filter added, as INTEGRATION.md shows.
 */
class Tomcat10FilterOrderIT extends FilterOrderContract {

    @Override
    protected AutoCloseable deploy(Path war, boolean twoStepFirst, Path settings) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("", war.toAbsolutePath().toString());
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        Path altDd = Files.writeString(dir.resolve("shop-web.xml"), webXml(twoStepFirst
                ? TWOSTEP_FILTER + WAR_FILTERS + WAR_SERVLET : WAR_FILTERS + TWOSTEP_FILTER + WAR_SERVLET));
        context.setAltDDName(altDd.toString());
        context.addParameter("twostep.settings", settings.toString());
        tomcat.start();
        port = connector.getLocalPort();
        return () -> {
            tomcat.stop();
            tomcat.destroy();
        };
    }
}
