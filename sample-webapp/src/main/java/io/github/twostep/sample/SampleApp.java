package io.github.twostep.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.twostep.TwoStep;
import io.github.twostep.TwoStepException;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.SettingsWatcher;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.delivery.RoutingCodeSender;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The TwoStep sample: a small web application on embedded Jetty 12 with built-in login, an H2
 * users table holding four demo accounts, a public home page, a protected area, a user menu,
 * admin pages and, while no SMTP server is set, the dev outbox at {@code /dev/outbox}.
 * {@code java -jar twostep-sample.jar [--port N] [--settings FILE] [--db JDBC_URL]}.
 *
 * <p>Two contexts share the server: {@code /} runs behind {@link TwoStepFilter}; {@code /dev}
 * (the outbox, loopback only) does not, so a developer reads a code without signing in.
 */
public final class SampleApp implements AutoCloseable {
    static final String DEFAULT_SETTINGS = "config/twostep.json";

    private final HikariDataSource pool;
    private final TwoStepFilter filter;
    private final DevOutbox outbox;
    private final Server server;
    private final ServerConnector connector;

    private SampleApp(HikariDataSource pool, TwoStepFilter filter, DevOutbox outbox, Server server,
            ServerConnector connector) {
        this.pool = pool;
        this.filter = filter;
        this.outbox = outbox;
        this.server = server;
        this.connector = connector;
    }

    /** Runs the sample until the process ends; exit code 2 for a wrong command line, 1 when it cannot start. */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("twostep-sample: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        SampleApp app;
        try {
            app = start(options, System::getenv, System.out);
        } catch (TwoStepException e) {
            System.err.println("twostep-sample cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "twostep-sample-stop"));
        app.server.join();
    }

    /**
     * Starts the sample in this process, printing the start-up lines to {@code out}.
     *
     * @param environment looks up environment variables (<code>${env:NAME}</code> in the settings, {@code TWOSTEP_KEY})
     * @throws TwoStepException if the settings are invalid, the database or the port cannot be used
     */
    public static SampleApp start(Options options, Function<String, String> environment, PrintStream out) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(out, "out");
        String location = options.settings() != null ? options.settings()
                : Files.isRegularFile(Path.of(DEFAULT_SETTINGS)) ? DEFAULT_SETTINGS : "classpath:" + DEFAULT_SETTINGS;
        KeyedEnvironment keyed = new KeyedEnvironment(environment, options.dataDirectory());
        SettingsLoader loader = new SettingsLoader(keyed);
        SettingsWatcher watcher = location.startsWith("classpath:") ? null
                : new SettingsWatcher(Path.of(location), loader);
        Settings settings = watcher != null ? watcher.current() : loader.load(location, null);
        HikariDataSource pool = pool(options.db());
        try {
            DemoUsers users = new DemoUsers(pool);
            int added = users.install();
            DevOutbox outbox = settings.smtp() == null ? new DevOutbox(Clock.systemUTC()) : null;
            TwoStep.Builder builder = TwoStep.builder(settings).dataSource(pool);
            if (outbox != null) {
                builder.codeSender(new RoutingCodeSender(outbox, outbox, outbox));
            }
            TwoStep twoStep = builder.build();
            TwoStepFilter filter = watcher != null ? new TwoStepFilter(twoStep, watcher) : new TwoStepFilter(twoStep);
            SampleApp app = serve(options, pool, filter, outbox, users);
            new StartBanner(out).print(app.port(), location, settings, keyed.key(), options.db(), added,
                    outbox != null);
            return app;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("twostep-sample");
        config.setMaximumPoolSize(10);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new TwoStepException("cannot open the database " + StartBanner.withoutParameters(url) + ": "
                    + e.getMessage(), e);
        }
    }

    private static SampleApp serve(Options options, HikariDataSource pool, TwoStepFilter filter, DevOutbox outbox,
            DemoUsers users) {
        int port = options.port();
        TwoStep twoStep = filter.twoStep();
        Site site = new Site(twoStep.settings(), outbox != null);
        ServletContextHandler app = new ServletContextHandler(ServletContextHandler.SESSIONS);
        app.setContextPath("/");
        SessionCookieConfig cookie = app.getSessionHandler().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        app.getSessionHandler().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        if (options.sharedSessions()) {
            SharedSessions.keepIn(pool, app.getSessionHandler());
        }
        app.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        app.getServletHandler().addServlet(new ServletHolder("pages", new AppPages(site)));
        ServletMapping pages = new ServletMapping();
        pages.setServletName("pages");
        pages.setPathSpecs(new String[] {"", "/protected", "/account"});
        app.getServletHandler().addServletMapping(pages);
        app.addServlet(new ServletHolder(new AdminPage(site, twoStep, users)), "/admin");
        app.addServlet(new ServletHolder(new Stylesheet()), "/static/sample.css");

        ServletContextHandler dev = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        dev.setContextPath("/dev");
        dev.addServlet(new ServletHolder(new OutboxPage(site, outbox)), "/outbox");

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ContextHandlerCollection(app, dev));
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new TwoStepException("cannot start the web server on port " + port + ": " + e.getMessage(), e);
        }
        return new SampleApp(pool, filter, outbox, server, connector);
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The TwoStep the filter runs now (a reload of the settings file replaces it). */
    public TwoStep twoStep() {
        return filter.twoStep();
    }

    /**
     * Looks at the settings file now instead of at the filter's next poll; true when it changed
     * and was read (whether the filter took it is then {@link #twoStep()}'s settings).
     */
    public boolean checkSettingsNow() {
        return filter.checkSettingsNow();
    }

    /** The dev outbox, when mail and SMS go there (no {@code smtp} settings). */
    public Optional<DevOutbox> outbox() {
        return Optional.ofNullable(outbox);
    }

    /** Stops the server and closes the database pool. */
    @Override
    public void close() {
        stopQuietly(server);
        pool.close();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("twostep-sample: stopping the web server failed: " + e);
        }
    }

    /**
     * The environment as the settings see it: {@code TWOSTEP_KEY} from the process, else the
     * sample's key file, resolved on first use; every other name from the process.
     */
    static final class KeyedEnvironment implements Function<String, String> {
        private final Function<String, String> environment;
        private final Path dataDirectory;
        private SampleKey key;

        KeyedEnvironment(Function<String, String> environment, Path dataDirectory) {
            this.environment = environment;
            this.dataDirectory = dataDirectory;
        }

        @Override
        public synchronized String apply(String name) {
            if (!SampleKey.VARIABLE.equals(name)) {
                return environment.apply(name);
            }
            if (key == null) {
                key = SampleKey.resolve(environment, dataDirectory);
            }
            return key.value();
        }

        /** Where the key came from; empty if the settings never asked for it. */
        synchronized Optional<SampleKey> key() {
            return Optional.ofNullable(key);
        }
    }
}
