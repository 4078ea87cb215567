package io.github.twostep.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.twostep.TwoStep;
import io.github.twostep.TwoStepException;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.SettingsWatcher;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.delivery.RoutingCodeSender;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
 * {@code java -jar twostep-sample.jar [--host ADDRESS] [--port N] [--settings FILE] [--db JDBC_URL]}.
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
        return start(options, environment, out, Clock.systemUTC());
    }

    /** {@link #start(Options, Function, PrintStream)} on {@code clock} (tests move it). */
    static SampleApp start(Options options, Function<String, String> environment, PrintStream out, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(out, "out");
        String location = options.settings() != null ? options.settings()
                : Files.isRegularFile(Path.of(DEFAULT_SETTINGS)) ? DEFAULT_SETTINGS : "classpath:" + DEFAULT_SETTINGS;
        KeyedEnvironment keyed = new KeyedEnvironment(environment, options.dataDirectory());
        SettingsLoader loader = new SettingsLoader(keyed);
        Settings loaded = loader.load(location, null);
        Server server = new Server();
        ServerConnector connector = listen(server, options.host(), options.port());
        HikariDataSource pool = null;
        try {
            String base = SampleSettings.publicUrl(options.host(), connector.getLocalPort());
            UnaryOperator<Settings> adapt = read -> SampleSettings.adapt(read, base,
                    resetPages(read) ? List.of(PasswordResetPages.FORGOT, PasswordResetPages.RESET) : List.of());
            SettingsWatcher watcher = location.startsWith("classpath:") ? null
                    : new SettingsWatcher(Path.of(location), loader, adapt);
            Settings settings = watcher != null ? watcher.current() : adapt.apply(loaded);
            pool = pool(options.db(), settings.store().timeoutSeconds());
            DemoUsers users = new DemoUsers(pool);
            int added = users.install();
            PasswordResets resets = new PasswordResets(pool, clock, new SecureRandom());
            resets.install();
            DevOutbox outbox = settings.smtp() == null ? new DevOutbox(clock) : null;
            TwoStep.Builder builder = TwoStep.builder(settings).dataSource(pool).clock(clock);
            if (outbox != null) {
                builder.codeSender(new RoutingCodeSender(outbox, phone(settings.delivery().sms(), outbox),
                        phone(settings.delivery().call(), outbox)));
            }
            TwoStep twoStep = builder.build();
            TwoStepFilter filter = watcher != null ? new TwoStepFilter(twoStep, watcher) : new TwoStepFilter(twoStep);
            SampleApp app = serve(options, server, connector, pool, filter, outbox, users, resets);
            new StartBanner(out).print(base, location, settings, keyed.key(), options.db(), added,
                    outbox != null);
            return app;
        } catch (RuntimeException e) {
            stopQuietly(server);
            connector.close();
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    /**
     * Binds the port before anything else, so that {@code paths.publicUrl} can name the port
     * really used (also when {@code --port 0} picks one).
     */
    private static ServerConnector listen(Server server, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (IOException | RuntimeException e) {
            connector.close();
            throw new TwoStepException("cannot listen on " + host + " port " + port + ": " + e.getMessage(), e);
        }
        return connector;
    }

    /**
     * The SMS or call sender while the dev outbox is in use: the outbox itself when the settings
     * name none, the outbox through {@link OutboxPhoneSender} when they name it, else the
     * application's class the settings name.
     */
    private static CodeSender phone(String className, DevOutbox outbox) {
        if (className == null) {
            return outbox;
        }
        if (className.equals(OutboxPhoneSender.class.getName())) {
            return new OutboxPhoneSender(outbox);
        }
        try {
            return Class.forName(className).asSubclass(CodeSender.class).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new TwoStepException("cannot create the code sender " + className + ": " + e, e);
        }
    }

    /** Whether users have passwords the sample keeps: built-in login, not password-less. */
    private static boolean passwordPages(Settings settings) {
        return settings.login().mode() == LoginMode.BUILTIN && !settings.disableLoginPassword();
    }

    /** Whether the forgot-password pages run: passwords, and a dev outbox to mail the link to. */
    private static boolean resetPages(Settings settings) {
        return passwordPages(settings) && settings.smtp() == null;
    }

    /** The pool waits for a connection no longer than TwoStep waits for its store ({@code store.timeoutSeconds}). */
    private static HikariDataSource pool(String url, int timeoutSeconds) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("twostep-sample");
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(timeoutSeconds * 1000L);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new TwoStepException("cannot open the database " + StartBanner.withoutParameters(url) + ": "
                    + e.getMessage(), e);
        }
    }

    private static SampleApp serve(Options options, Server server, ServerConnector connector, HikariDataSource pool,
            TwoStepFilter filter, DevOutbox outbox, DemoUsers users, PasswordResets resets) {
        TwoStep twoStep = filter.twoStep();
        Settings settings = twoStep.settings();
        boolean passwords = passwordPages(settings);
        Site site = new Site(settings, outbox != null, passwords);
        ServletContextHandler app = new ServletContextHandler(ServletContextHandler.SESSIONS);
        app.setContextPath("/");
        SessionCookieConfig cookie = app.getSessionHandler().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        app.getSessionHandler().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        int idleMinutes = settings.session().idleMinutes();
        if (idleMinutes > 0) {
            // a minute longer than TwoStep's own limit, so TwoStep ends (and audits) it first
            app.getSessionHandler().setMaxInactiveInterval(idleMinutes * 60 + 60);
        }
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
        if (passwords) {
            app.addServlet(new ServletHolder(new PasswordChangePage(site, twoStep, users)), PasswordChangePage.PATH);
        }
        if (resetPages(settings)) {
            ServletHolder reset = new ServletHolder(new PasswordResetPages(site, twoStep, users, resets, outbox));
            app.addServlet(reset, PasswordResetPages.FORGOT);
            app.addServlet(reset, PasswordResetPages.RESET);
        }

        ServletContextHandler dev = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        dev.setContextPath("/dev");
        dev.addServlet(new ServletHolder(new OutboxPage(site, outbox)), "/outbox");

        server.setHandler(new ContextHandlerCollection(app, dev));
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            throw new TwoStepException("cannot start the web server on port " + connector.getLocalPort() + ": "
                    + e.getMessage(), e);
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

    /** Stops the server, lets queued emails out (a few seconds at most) and closes the database pool. */
    @Override
    public void close() {
        stopQuietly(server);
        filter.twoStep().close();
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
