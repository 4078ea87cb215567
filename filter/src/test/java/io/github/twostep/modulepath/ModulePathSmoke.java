package io.github.twostep.modulepath;

import io.github.twostep.AccountSummary;
import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An application of the class path using TwoStep from the module path, as {@link
 * io.github.twostep.ModulePathIT} starts it: builds TwoStep through the API, serves it in Jetty
 * and asks for TwoStep's status and its login page (a template and a message bundle of the
 * module). Prints {@code module-path smoke: ok} and exits 0, or fails.
 */
public final class ModulePathSmoke {
    private ModulePathSmoke() {
    }

    public static void main(String[] args) throws Exception {
        String module = TwoStep.class.getModule().getName();
        if (!"io.github.twostep".equals(module)) {
            throw new AssertionError("TwoStep was loaded from " + module + ", not from the module path");
        }
        String json = """
                {"login": {"mode": "builtin"}, "store": {"type": "memory"}}
                """;
        Settings settings = new SettingsLoader(name -> null)
                .load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "smoke.json");
        TwoStep twoStep = TwoStep.builder(settings).passwordVerifier((user, password) -> Optional.empty()).build();
        AccountSummary summary = twoStep.administration().summary("alice");
        if (summary.enrolled()) {
            throw new AssertionError("a new user is enrolled: " + summary);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new TwoStepFilter(twoStep)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write("app");
            }
        }), "/");
        server.setHandler(context);
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(base + "/2fa/api/status"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (status.statusCode() != 200 || !status.body().contains("\"state\":\"anonymous\"")) {
                throw new AssertionError("status: " + status.statusCode() + " " + status.body());
            }
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200 || !login.body().contains("<form") || !login.body().contains("password")) {
                throw new AssertionError("login page: " + login.statusCode() + " " + login.body());
            }
            System.out.println("module-path smoke: ok");
        } finally {
            server.stop();
            twoStep.close();
        }
    }
}
