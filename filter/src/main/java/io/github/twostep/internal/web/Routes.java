package io.github.twostep.internal.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.TwoStep;
import io.github.twostep.TwoStepException;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.internal.core.Decision.Action;
import io.github.twostep.internal.core.Endpoint;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.State;
import io.github.twostep.internal.logging.Log;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * TwoStep's own addresses: everything under {@code paths.prefix}, and with built-in login the
 * login page and {@code /logout}. Every answer is {@code no-store}; every state-changing call
 * must carry the session's CSRF token, checked before anything else happens. A session that
 * has not proven its second factor reaches only what its state allows.
 */
final class Routes {
    private static final Log LOG = Log.get(Routes.class);
    private final Settings settings;
    private final String prefix;
    private final boolean builtin;
    private final UserApi userApi;
    private final AdminApi adminApi;
    private final AdminPages adminPages;
    private final Pages pages;
    private final SignIn signIn;
    private final WebAuthnApi webAuthnApi;
    private final TwoStep twoStep;

    Routes(TwoStep twoStep) {
        this.twoStep = twoStep;
        this.settings = twoStep.settings();
        this.prefix = settings.paths().prefix();
        this.builtin = settings.login().mode() == LoginMode.BUILTIN;
        Flows flows = new Flows(twoStep);
        this.userApi = new UserApi(twoStep, flows);
        this.adminApi = new AdminApi(twoStep);
        this.pages = new Pages(twoStep, flows);
        this.adminPages = new AdminPages(twoStep, pages.templates());
        this.signIn = builtin ? new SignIn(twoStep) : null;
        this.webAuthnApi = new WebAuthnApi(twoStep, flows, signIn);
    }

    /**
     * What a request to {@code path} with {@code method} asks for: one of TwoStep's own pages or
     * calls (everything under {@code paths.prefix}, and with built-in login the login page and
     * {@code /logout}), or else a path of the application.
     */
    Endpoint endpoint(String path, String method) {
        if (builtin && path.equals(settings.login().path())) {
            return Endpoint.LOGIN;
        }
        if (builtin && path.equals("/logout")) {
            return Endpoint.LOGOUT;
        }
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return Endpoint.APPLICATION;
        }
        String inside = path.substring(prefix.length());
        if (inside.startsWith("/api/")) {
            return apiEndpoint(inside.substring("/api/".length()), method);
        }
        if (inside.equals("/admin") || inside.startsWith("/admin/api/")) {
            return Endpoint.ADMIN;
        }
        return switch (inside) {
            case "/static/twostep.css", "/static/webauthn.js" -> Endpoint.ASSET;
            case "/not-me" -> Endpoint.NOT_ME;
            case "/verify" -> Endpoint.VERIFY_PAGE;
            case "/setup" -> Endpoint.SETUP;
            case "/devices" -> Endpoint.ACCOUNT;
            default -> Endpoint.OTHER;
        };
    }

    private Endpoint apiEndpoint(String call, String method) {
        if (call.startsWith("webauthn/")) {
            return webAuthnEndpoint(call.substring("webauthn/".length()), method);
        }
        return switch (call) {
            case "status" -> method.equals("GET") ? Endpoint.STATUS : Endpoint.ACCOUNT;
            case "login" -> builtin && method.equals("POST") ? Endpoint.LOGIN : Endpoint.ACCOUNT;
            case "verify", "send" -> Endpoint.VERIFY;
            case "setup/start", "setup/confirm" -> Endpoint.SETUP;
            default -> Endpoint.ACCOUNT;
        };
    }

    /**
     * Security keys: registering is a set-up step, answering the challenge with a key a
     * verification, a passkey sign-in (built-in login) a login, and the key list the account's.
     */
    private Endpoint webAuthnEndpoint(String call, String method) {
        if (WebAuthnApi.isLogin(call, method)) {
            return builtin ? Endpoint.LOGIN : Endpoint.ACCOUNT;
        }
        return switch (call) {
            case "register/options", "register" -> Endpoint.SETUP;
            case "authenticate/options", "verify" -> Endpoint.VERIFY;
            default -> Endpoint.ACCOUNT;
        };
    }

    /** Answers a request to one of TwoStep's own addresses, which {@code action} lets through or not. */
    void answer(Exchange x, Endpoint endpoint, Action action) throws IOException {
        try {
            dispatch(x, endpoint, action);
        } catch (Json.BadRequest notOneObject) {
            if (!x.response().isCommitted()) {
                x.response().reset();
                Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "bad_request");
            }
        } catch (TwoStepException e) {
            LOG.error("A TwoStep call failed; answering 503, nothing granted: {}", e.getMessage());
            failed(x);
        } catch (RuntimeException e) {
            // an application's extension (password check, contacts, sender, store) failed in a way
            // of its own: the same answer, and only the type in the log (its message may hold input)
            LOG.error("A TwoStep call failed in an extension; answering 503, nothing granted: {}",
                    e.getClass().getName());
            failed(x);
        }
    }

    /** 503 for a call that failed half-way: whatever was written so far is dropped, nothing granted. */
    private void failed(Exchange x) throws IOException {
        if (!x.response().isCommitted()) {
            x.response().reset();
            unavailable(x.request(), x.response(), x.path().startsWith(prefix + "/api/")
                    || x.path().startsWith(prefix + "/admin/api/"));
        }
    }

    private void dispatch(Exchange x, Endpoint endpoint, Action action) throws IOException {
        NoStore.apply(x.response());
        String path = x.path();
        boolean json = path.startsWith(prefix + "/api/") || path.startsWith(prefix + "/admin/api/");
        if (Http.isStateChanging(x.request()) && !csrfPresent(x)) {
            Http.drain(x.request());
            if (json) {
                Json.error(x.response(), HttpServletResponse.SC_FORBIDDEN, "csrf");
            } else {
                Http.plain(x.response(), HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token.");
            }
            return;
        }
        if (action != Action.PROCEED) {
            refuse(x, endpoint, action, json);
            return;
        }
        if (path.equals(prefix + "/static/twostep.css")) {
            asset(x.response(), "twostep.css", "text/css;charset=UTF-8");
        } else if (path.equals(prefix + "/static/webauthn.js")) {
            asset(x.response(), "webauthn.js", "text/javascript;charset=UTF-8");
        } else if (path.startsWith(prefix + "/api/webauthn/")) {
            webAuthnApi.handle(x, path.substring((prefix + "/api/webauthn/").length()));
        } else if (path.equals(prefix + "/api/login") && builtin && x.request().getMethod().equals("POST")) {
            apiLogin(x);
        } else if (path.startsWith(prefix + "/api/")) {
            userApi.handle(x, path.substring((prefix + "/api/").length()));
        } else if (path.startsWith(prefix + "/admin/api/")) {
            adminApi.handle(x, path.substring((prefix + "/admin/api/").length()));
        } else if (path.equals(prefix + "/admin")) {
            adminPages.handle(x);
        } else if (path.equals(prefix + "/not-me")) {
            notMe(x);
        } else if (builtin && path.equals(settings.login().path())) {
            loginPage(x);
        } else if (builtin && path.equals("/logout")) {
            logout(x);
        } else {
            page(x, path.substring(prefix.length()));
        }
    }

    private void page(Exchange x, String page) throws IOException {
        switch (page) {
            case "/verify" -> pages.verify(x);
            case "/setup" -> pages.setup(x);
            case "/devices" -> pages.devices(x);
            default -> Http.plain(x.response(), HttpServletResponse.SC_NOT_FOUND, "Not found.");
        }
    }

    /**
     * The answer when {@link io.github.twostep.internal.core.Guard} does not let a request through: JSON
     * calls get the contract's error, pages a redirect to where the user must go (the admin page,
     * which has none, a plain refusal).
     */
    private void refuse(Exchange x, Endpoint endpoint, Action action, boolean json) throws IOException {
        HttpServletResponse response = x.response();
        if (json) {
            Refusals.json(response, action);
            return;
        }
        switch (action) {
            case LOGIN -> {
                if (builtin && endpoint != Endpoint.ADMIN) {
                    Http.redirect(x.request(), response, settings.login().path());
                } else {
                    Http.plain(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in first.");
                }
            }
            case CHALLENGE, STEP_UP, ENROLL -> Http.redirect(x.request(), response, Refusals.page(action, prefix));
            case FORBIDDEN -> Http.plain(response, HttpServletResponse.SC_FORBIDDEN, "Administrators only.");
            default -> unavailable(x.request(), response, false);
        }
    }

    /** "This wasn't me": reachable in every state, signed in or not; acts only on POST with the session's CSRF token. */
    private void notMe(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        Exchange withSession = withSession(x);
        View view = View.of("not-me", withSession, messages, "not_me_title", prefix);
        String token = x.request().getParameter("t");
        if (x.request().getMethod().equals("POST")) {
            boolean done = Engine.of(twoStep).accounts().reportNotMe(token, x.caller()).isPresent();
            view.with(done ? "done" : "invalid", messages.get(done ? "not_me_done" : "not_me_invalid"));
        } else {
            view.with("ask", true).with("token", token == null ? "" : token);
        }
        view.render(x.response(), pages.templates(), 200);
    }

    private static Exchange withSession(Exchange x) {
        return x.session() != null ? x : new Exchange(x.request(), x.response(), x.path(), x.user(), x.roles(),
                x.state(), SignInSession.of(x.request().getSession(true)), x.started());
    }

    private void apiLogin(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        if (settings.disableLoginPassword()) {
            Optional<Duration> busy = signIn.logInWithCode(x.request(),
                    body.map(b -> UserApi.text(b, "username")).orElse(null), x.started());
            if (busy.isPresent()) {
                Refusals.tooMany(x.response(), busy.get());
                return;
            }
            Json.write(x.response(), 200, new Answers.SignedIn(State.CHALLENGE.wireName(), csrfOf(x)));
            return;
        }
        SignIn.LogInResult result = signIn.logIn(x.request(), body.map(b -> UserApi.text(b, "username")).orElse(null),
                body.map(b -> UserApi.text(b, "password")).orElse(null));
        if (result.throttled()) {
            Refusals.tooMany(x.response(), result.retryAfter());
            return;
        }
        Optional<State> state = result.state();
        if (state.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials");
            return;
        }
        Json.write(x.response(), 200, new Answers.SignedIn(state.get().wireName(), csrfOf(x)));
    }

    /** Days a user may still skip required enrolment; they are shown the set-up page first. */
    private static int graceDays(HttpServletRequest request) {
        var evaluation = SignInSession.of(request.getSession()).evaluation();
        return evaluation == null ? 0 : evaluation.graceDays();
    }

    private static String csrfOf(Exchange x) {
        return SignInSession.of(x.request().getSession()).csrfToken();
    }

    private void loginPage(Exchange x) throws IOException {
        Messages messages = Messages.forLocales(x.request().getLocales());
        HttpServletRequest request = x.request();
        if (request.getMethod().equals("POST") && settings.disableLoginPassword()) {
            Optional<Duration> busy = signIn.logInWithCode(request, request.getParameter("username"), x.started());
            if (busy.isPresent()) {
                x.response().setHeader("Retry-After", Long.toString(Refusals.seconds(busy.get())));
                loginView(x, messages).with("error", Pages.waitText(messages, busy.get()))
                        .with("username", request.getParameter("username"))
                        .render(x.response(), pages.templates(), 429);
                return;
            }
            Http.redirect(request, x.response(), prefix + "/verify");
            return;
        }
        if (request.getMethod().equals("POST")) {
            String username = request.getParameter("username");
            SignIn.LogInResult result = signIn.logIn(request, username, request.getParameter("password"));
            if (result.throttled()) {
                loginView(x, messages).with("error", Pages.throttledText(messages, result.retryAfter()))
                        .with("username", username).render(x.response(), pages.templates(), 429);
                return;
            }
            Optional<State> state = result.state();
            if (state.isPresent()) {
                Http.redirect(request, x.response(), switch (state.get()) {
                    case CHALLENGE -> prefix + "/verify";
                    case ENROLL -> prefix + "/setup";
                    case OPTIONAL -> graceDays(request) > 0 ? prefix + "/setup"
                            : ReturnTo.sameOrigin(SignInSession.of(request.getSession()).takeReturnTo()).orElse("/");
                    default -> ReturnTo.sameOrigin(SignInSession.of(request.getSession()).takeReturnTo()).orElse("/");
                });
                return;
            }
            loginView(x, messages).with("error", messages.get("login_failed")).with("username", username)
                    .render(x.response(), pages.templates(), 200);
            return;
        }
        loginView(x, messages).render(x.response(), pages.templates(), 200);
    }

    private View loginView(Exchange x, Messages messages) {
        View view = View.of("login", withSession(x), messages, "login_title", prefix)
                .with("loginAction", x.request().getContextPath() + settings.login().path())
                .with("askPassword", !settings.disableLoginPassword());
        pages.keys().login(view);
        return view;
    }

    private void logout(Exchange x) throws IOException {
        if (!x.request().getMethod().equals("POST")) {
            Http.plain(x.response(), HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Use POST.");
            return;
        }
        signIn.logOut(x.request());
        Http.redirect(x.request(), x.response(), "/");
    }

    /** The page (or JSON answer) for a user whose record cannot be read right now: 503, nothing granted. */
    void unavailable(HttpServletRequest request, HttpServletResponse response, boolean json) throws IOException {
        if (json) {
            Refusals.json(response, Action.DENY);
            return;
        }
        pages.unavailable(new Exchange(request, response, Http.path(request), null, role -> false, State.CHALLENGE,
                null, Engine.of(twoStep).pacing().start()));
    }

    /**
     * The session's CSRF token, from the {@code X-CSRF-Token} header, or for HTML forms (never
     * under the JSON API) from the {@code _csrf} field of a form-encoded body.
     */
    private boolean csrfPresent(Exchange x) {
        String presented = x.request().getHeader(CsrfToken.HEADER);
        boolean api = x.path().startsWith(prefix + "/api/") || x.path().startsWith(prefix + "/admin/api/");
        if (presented == null && !api) {
            String type = x.request().getContentType();
            if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                presented = x.request().getParameter(CsrfToken.FIELD);
            }
        }
        return x.session() != null && CsrfToken.matches(x.session().csrfToken(), presented);
    }

    private static void asset(HttpServletResponse response, String name, String type) throws IOException {
        try (InputStream asset = Routes.class.getResourceAsStream(name)) {
            if (asset == null) {
                Http.plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found.");
                return;
            }
            response.setContentType(type);
            asset.transferTo(response.getOutputStream());
        }
    }
}
