package io.github.twostep.it;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * TwoStep put first with Jetty's defaults descriptor (a copy of webdefault-ee10.xml with
 * TwoStep's filter added), and last with an override descriptor, as INTEGRATION.md shows.
 */
class Jetty12FilterOrderIT extends FilterOrderContract {

    @Override
    protected AutoCloseable deploy(Path war, boolean twoStepFirst, Path settings) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setWar(war.toString());
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        context.setInitParameter("twostep.settings", settings.toString());
        if (twoStepFirst) {
            context.setDefaultsDescriptor(defaultsWithTwoStep().toString());
        } else {
            context.setOverrideDescriptor(Files.writeString(dir.resolve("override-twostep.xml"),
                    webXml(TWOSTEP_FILTER)).toString());
        }
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        return server::stop;
    }

    private Path defaultsWithTwoStep() throws Exception {
        String defaults;
        try (InputStream in = WebAppContext.class.getResourceAsStream("webdefault-ee10.xml")) {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int end = defaults.lastIndexOf("</web-app>");
        return Files.writeString(dir.resolve("webdefault-twostep.xml"),
                defaults.substring(0, end) + TWOSTEP_FILTER + defaults.substring(end));
    }
}
