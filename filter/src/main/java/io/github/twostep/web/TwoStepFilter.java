package io.github.twostep.web;

import io.github.twostep.Caller;
import io.github.twostep.TwoStep;
import io.github.twostep.TwoStepException;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.SettingsWatcher;
import io.github.twostep.internal.Extensions;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.logging.Log;
import io.github.twostep.internal.web.Gatekeeper;
import io.github.twostep.internal.web.Http;
import io.github.twostep.internal.web.Identity;
import io.github.twostep.internal.web.SignInSession;
import io.github.twostep.login.AuthenticatedUser;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The drop-in filter: holds every signed-in user until a second factor is proven. Declared in
 * {@code web.xml} it reads its settings from the init parameter {@code settings}
 * ({@code /WEB-INF/…}, {@code classpath:…} or a file path), else the system property
 * {@code twostep.settings}, else the environment variable {@code TWOSTEP_SETTINGS}. Registered
 * in code it takes a ready {@link TwoStep}. If the settings are invalid the filter does not
 * start, and the container does not serve the application.
 */
public final class TwoStepFilter implements Filter {
    /** Servlet context attribute under which an application may place a ready {@link TwoStep}. */
    public static final String CONTEXT_ATTRIBUTE = TwoStep.class.getName();
    private static final Log LOG = Log.get(TwoStepFilter.class);

    private static final int RELOAD_SECONDS = 5;
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(RELOAD_SECONDS);

    private volatile TwoStep twoStep;
    private volatile Gatekeeper gatekeeper;
    /** Whether this filter built {@link #twoStep} from its settings, and so closes it. */
    private boolean ownsTwoStep;
    private SettingsWatcher watcher;
    private ServletContext context;

    /** For {@code web.xml}: settings are read at {@link #init(FilterConfig)}. */
    public TwoStepFilter() {
    }

    /** For registration in code. */
    public TwoStepFilter(TwoStep twoStep) {
        this.twoStep = java.util.Objects.requireNonNull(twoStep, "twoStep");
    }

    /**
     * For registration in code, with the settings file {@code watcher} watches applied as it
     * changes, as for a filter declared in {@code web.xml}: a valid new file takes effect for the
     * next request (through {@link TwoStep#reconfigured}, so the store, key and collaborators
     * given in code stay), an invalid one is refused and the old settings stay. The filter owns
     * the watcher from now on and closes it.
     */
    public TwoStepFilter(TwoStep twoStep, SettingsWatcher watcher) {
        this(twoStep);
        this.watcher = java.util.Objects.requireNonNull(watcher, "watcher");
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        try {
            if (twoStep == null) {
                Object given = config.getServletContext().getAttribute(CONTEXT_ATTRIBUTE);
                ownsTwoStep = !(given instanceof TwoStep);
                twoStep = given instanceof TwoStep ready ? ready : TwoStep.builder(loadSettings(config)).build();
            }
            context = config.getServletContext();
            context.setAttribute(CONTEXT_ATTRIBUTE, twoStep);
            gatekeeper = gatekeeper(twoStep);
            if (watcher != null) {
                watcher.onChange(this::reload);
                watcher.onError(this::rejected);
                watcher.startPolling(RELOAD_INTERVAL);
            }
            if (twoStep.settings().paths().publicUrl() == null && (twoStep.settings().verify().email()
                    || twoStep.settings().verify().sms())) {
                LOG.warn("paths.publicUrl is not set: code emails go without the \"this wasn't me\" link and texts "
                        + "without the WebOTP line (neither is ever built from a request's Host header). "
                        + "Set paths.publicUrl to have them.");
            }
            LOG.info("TwoStep started: login {}, set-up {}, prefix {}", twoStep.settings().login().mode().jsonName(),
                    twoStep.settings().setup().mode().jsonName(), twoStep.settings().paths().prefix());
        } catch (TwoStepException e) {
            LOG.error("TwoStep cannot start, so the application is not served: {}", e.getMessage());
            throw new ServletException("TwoStep cannot start: " + e.getMessage(), e);
        }
    }

    private Gatekeeper gatekeeper(TwoStep built) {
        String resolverClass = built.settings().login().principalResolver();
        PrincipalResolver resolver = resolverClass == null ? null
                : Extensions.create(resolverClass, PrincipalResolver.class);
        return new Gatekeeper(built, resolver == null ? null : resolver::user);
    }

    /**
     * Settings from a file path are watched: a valid new file takes effect for the next
     * request (sessions stay signed in); an invalid one is refused, and the old settings stay.
     */
    private Settings loadSettings(FilterConfig config) {
        String location = settingsLocation(config);
        SettingsLoader loader = new SettingsLoader();
        if (location.startsWith("classpath:") || location.startsWith("/WEB-INF/")) {
            return loader.load(location, config.getServletContext()::getResourceAsStream);
        }
        watcher = new SettingsWatcher(Path.of(location), loader);
        return watcher.current();
    }

    private void reload(Settings settings) {
        TwoStep previous = twoStep;
        try {
            TwoStep next = previous.reconfigured(settings);
            Gatekeeper nextGate = gatekeeper(next);
            twoStep = next;
            gatekeeper = nextGate;
            context.setAttribute(CONTEXT_ATTRIBUTE, next);
            Engine.of(next).accounts().record(null, AuditEvent.Type.SETTINGS_RELOADED, AuditEvent.Outcome.SUCCESS,
                    Caller.APPLICATION, "");
            LOG.info("TwoStep settings reloaded");
        } catch (TwoStepException e) {
            rejected(e);
        }
    }

    private void rejected(TwoStepException e) {
        Engine.of(twoStep).accounts().record(null, AuditEvent.Type.SETTINGS_REJECTED, AuditEvent.Outcome.FAILURE,
                Caller.APPLICATION, "");
        LOG.error("New TwoStep settings refused; the previous ones stay in force: {}", e.getMessage());
    }

    /**
     * Looks at the settings file now instead of at the next poll (every
     * {@value #RELOAD_SECONDS} seconds), e.g. right after deploying a new file; false when the
     * settings do not come from a file or it has not changed.
     */
    public boolean checkSettingsNow() {
        return watcher != null && watcher.checkNow();
    }

    private static String settingsLocation(FilterConfig config) {
        String location = config.getInitParameter("settings");
        if (location == null || location.isBlank()) {
            location = config.getServletContext().getInitParameter("twostep.settings");
        }
        if (location == null || location.isBlank()) {
            location = System.getProperty("twostep.settings");
        }
        if (location == null || location.isBlank()) {
            location = System.getenv("TWOSTEP_SETTINGS");
        }
        if (location == null || location.isBlank()) {
            throw new TwoStepException("no settings file: set the filter's init-param \"settings\", the context "
                    + "parameter twostep.settings, the system property twostep.settings or the environment variable "
                    + "TWOSTEP_SETTINGS");
        }
        return location.strip();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            if ("TRACE".equals(http.getMethod())) {
                // TRACE echoes the request, HttpOnly cookies included, to whoever can make the browser send it
                httpResponse.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
                Http.plain(httpResponse, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "TRACE is not allowed.");
                return;
            }
            gatekeeper.handle(http, httpResponse, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    /**
     * Stops watching the settings file and, for a TwoStep this filter built from its settings,
     * stops its background sender (queued sends get a few seconds to go out: {@link TwoStep#close}).
     * A TwoStep given in code or in the servlet context is the application's to close.
     */
    @Override
    public void destroy() {
        if (watcher != null) {
            watcher.close();
        }
        if (ownsTwoStep && twoStep != null) {
            twoStep.close();
        }
    }

    /**
     * The CSRF token of {@code request}'s session, for the application's own forms that post to
     * TwoStep (such as a sign-out button: {@code POST /logout} with field {@code _csrf}).
     */
    public static Optional<String> csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.of(SignInSession.of(session).csrfToken());
    }

    /**
     * Signs {@code user} in with the first factor only, as the built-in login does after a
     * correct password, for an application's own first-factor flows under built-in login (such as
     * signing in after a password reset): a new session id, the user kept in the session, a new
     * CSRF token, and whatever this session knew of an earlier sign-in forgotten. The second
     * factor is untouched: the next request through the filter works out the user's standing, so
     * a user with two-factor authentication is at the challenge. The caller has proved the first
     * factor and records the sign-in in the audit trail.
     */
    public static void signInFirstFactor(HttpServletRequest request, AuthenticatedUser user) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(user, "user");
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(Identity.USER_ATTRIBUTE, user);
        SignInSession state = SignInSession.of(session);
        state.follow(null);
        state.follow(user.name());
        state.rotateCsrfToken();
    }

    /** The TwoStep this filter runs, for the application's own calls such as {@link TwoStep#passwordChanged}. */
    public TwoStep twoStep() {
        return twoStep;
    }
}
