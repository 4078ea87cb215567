package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.web.PrincipalResolver;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** External login read from a session attribute the application sets, or from a PrincipalResolver. */
class ExternalIdentityIT {
    private static Server start(String loginJson) throws Exception {
        Settings settings = new SettingsLoader(name -> null).load(new ByteArrayInputStream(("""
                {"login": %s, "exempt": {"paths": ["/", "/app-login"]}}""".formatted(loginJson))
                .getBytes(StandardCharsets.UTF_8)), "it.json");
        TwoStep twoStep = TwoStep.builder(settings).store(new InMemoryUserDataStore()).build();
        Server server = new Server(0);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new TwoStepFilter(twoStep)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AppLogin()), "/app-login");
        context.addServlet(new ServletHolder(new TestApp.AppServlet()), "/");
        server.setHandler(context);
        server.start();
        return server;
    }

    private static URI uri(Server server, String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    @Test
    void sessionAttributeWhenApplicationSetsItThenTwoStepSeesTheUser() throws Exception {
        Server server = start("{\"mode\": \"external\", \"sessionAttribute\": \"currentUser\"}");
        try {
            Browser browser = new Browser(null);
            assertEquals("anonymous", Browser.JSON.readTree(browser.send(HttpRequest.newBuilder(
                    uri(server, "/2fa/api/status")).build()).body()).get("state").asText());

            browser.send(HttpRequest.newBuilder(uri(server, "/app-login?u=alice")).build());

            var status = Browser.JSON.readTree(browser.send(HttpRequest.newBuilder(uri(server, "/2fa/api/status"))
                    .build()).body());
            assertEquals("alice", status.get("user").asText());
            assertEquals("optional", status.get("state").asText());
        } finally {
            server.stop();
        }
    }

    @Test
    void principalResolverWhenHeaderNamesUserThenTwoStepSeesTheUser() throws Exception {
        Server server = start("{\"mode\": \"external\", "
                + "\"principalResolver\": \"class:io.github.twostep.internal.web.HeaderPrincipalResolver\"}");
        try {
            Browser browser = new Browser(null);
            var status = Browser.JSON.readTree(browser.send(HttpRequest.newBuilder(uri(server, "/2fa/api/status"))
                    .header("X-Test-User", "bob").build()).body());

            assertEquals("bob", status.get("user").asText());
            assertEquals("optional", status.get("state").asText());
        } finally {
            server.stop();
        }
    }

    /** The application's own sign-in: puts the user named in {@code u} into the session. */
    static final class AppLogin extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true).setAttribute("currentUser", request.getParameter("u"));
            response.getWriter().write("signed in");
        }
    }
}
