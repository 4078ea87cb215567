package io.github.twostep.internal.web;

import io.github.twostep.TwoStep;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Decision.Action;
import io.github.twostep.internal.core.Decision;
import io.github.twostep.internal.core.Endpoint;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.Guard;
import io.github.twostep.internal.core.SignInState;
import io.github.twostep.internal.core.Standing;
import io.github.twostep.internal.core.State;
import io.github.twostep.internal.core.Visit;
import io.github.twostep.login.AuthenticatedUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the filter does with each request: find the user, know their standing (from the
 * session; the store is read only at sign-in and at each re-check), then either answer one of
 * TwoStep's own pages and API calls, or let the request through, or send the user to sign in,
 * set up or prove the second factor.
 */
public final class Gatekeeper {
    private final TwoStep twoStep;
    private final Settings settings;
    private final Accounts accounts;
    private final Identity identity;
    private final Routes routes;

    public Gatekeeper(TwoStep twoStep, Function<HttpServletRequest, String> resolver) {
        this.twoStep = twoStep;
        this.settings = twoStep.settings();
        this.accounts = Engine.of(twoStep).accounts();
        this.identity = new Identity(settings.login(), resolver);
        this.routes = new Routes(twoStep);
    }

    public void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = Engine.of(twoStep).pacing().start();
        if (request.isRequestedSessionIdFromURL() && !request.isRequestedSessionIdFromCookie()) {
            Http.plain(response, HttpServletResponse.SC_BAD_REQUEST,
                    "Session ids in the address are not accepted; enable cookies.");
            return;
        }
        String path = Http.path(request);
        if (!identity.letContainerSignIn(request, response)) {
            return;
        }
        String user = identity.user(request);
        Predicate<String> roles = identity.roles(request);
        SignInSession session = null;
        boolean exemptUser = user != null && Engine.of(twoStep).guard().isExemptUser(user, roles);
        HttpSession httpSession = request.getSession(user != null && !exemptUser);
        if (httpSession != null) {
            session = SignInSession.of(httpSession);
            session.follow(user);
            if (user != null && outlived(request, user, session, httpSession)) {
                if (settings.login().mode() != LoginMode.BUILTIN) {
                    loginAgain(request, response);
                    return;
                }
                user = null;
                roles = role -> false;
                session = null;
            }
        }
        boolean codeLogin = session != null && session.codeLoginPending();
        Standing standing = null;
        if (codeLogin ? !session.ghost()
                : user != null && settings.enabled() && !exemptUser) {
            standing = standing(request, user, session);
        }
        Endpoint endpoint = routes.endpoint(path, request.getMethod());
        Decision decision = Engine.of(twoStep).guard().decide(new Visit(endpoint, path, user, roles, standing,
                session == null ? null : session.codeEnteredAt(), codeLogin,
                endpoint == Endpoint.ADMIN && AdminApi.isLoopback(request.getRemoteAddr())),
                twoStep.clock().instant());
        if (endpoint != Endpoint.APPLICATION) {
            routes.answer(new Exchange(request, response, path, user, roles, decision.state(), session, started),
                    endpoint, decision.action());
            return;
        }
        if (decision.reported() != decision.action() && session != null
                && session.firstReport(decision.reported().name())) {
            accounts.record(user, AuditEvent.Type.DECISION, AuditEvent.Outcome.INFO, Http.caller(request),
                    "report_only_" + decision.reported().name().toLowerCase(java.util.Locale.ROOT));
        }
        act(request, response, chain, decision, session);
    }

    /**
     * Whether the session has outlived {@code session.idleMinutes} or {@code session.absoluteHours}:
     * then it is invalidated (sign-in, standing, CSRF token and all) and audited once.
     */
    private boolean outlived(HttpServletRequest request, String user, SignInSession session, HttpSession httpSession) {
        SignInState.Lifetime lifetime = session.touch(twoStep.clock().instant(),
                Duration.ofMinutes(settings.session().idleMinutes()),
                Duration.ofHours(settings.session().absoluteHours()));
        if (lifetime == SignInState.Lifetime.LIVE) {
            return false;
        }
        if (lifetime != SignInState.Lifetime.ENDED) {
            accounts.record(user, AuditEvent.Type.SESSION_EXPIRED, AuditEvent.Outcome.INFO, Http.caller(request),
                    lifetime.name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            httpSession.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
            // a parallel request of the same session ended it first
        }
        return true;
    }

    /**
     * With external login the container (or the application's resolver) still names the user
     * on this request, so it must not reach the application: JSON gets 401
     * {@code login_required}, a page is sent to its own address, where the container's login
     * takes over (or, with a resolver, a new session starts at the second factor).
     */
    private void loginAgain(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Http.wantsJson(request, settings.paths().prefix() + "/api/")) {
            Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "login_required");
        } else {
            Http.redirect(request, response, Http.currentTarget(request));
        }
    }

    /**
     * The user's standing: from the session while the store confirmed it less than
     * {@code session.recheckSeconds} ago; once it is due, re-checked by one request of the session
     * at a time while the others go on with it. A standing the store last confirmed
     * {@code recheckSeconds + store.timeoutSeconds} ago or more is never used as it is: such a
     * request asks the store itself (a session coming back after a pause sends several requests
     * at once, and none of them may pass on the old standing, nor fail because another one is
     * asking). When the store cannot answer within its timeout, the standing is
     * {@link Standing#UNAVAILABLE} and the request refused.
     */
    private Standing standing(HttpServletRequest request, String user, SignInSession session) {
        Instant now = twoStep.clock().instant();
        Duration recheck = Duration.ofSeconds(settings.session().recheckSeconds());
        Duration timeout = Duration.ofSeconds(settings.store().timeoutSeconds());
        boolean fresh = session.evaluation() == null || session.standing() == Standing.UNAVAILABLE;
        if (!fresh && (session.claimRecheck(now, recheck, timeout) || session.stale(now, recheck.plus(timeout)))) {
            if (accounts.stillHolds(user, session.evaluation())) {
                session.confirmed(now);
            } else {
                fresh = true;
            }
        }
        if (fresh) {
            session.evaluated(accounts.evaluate(user, Http.trustToken(request), Http.caller(request)), now);
        }
        return session.standing();
    }

    private void act(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Decision decision,
            SignInSession session) throws IOException, ServletException {
        boolean json = Http.wantsJson(request, settings.paths().prefix() + "/api/");
        String prefix = settings.paths().prefix();
        Action action = decision.action();
        if (action == Action.PROCEED) {
            proceed(request, response, chain, decision, session);
        } else if (action == Action.DENY) {
            routes.unavailable(request, response, json);
        } else if (json) {
            Refusals.json(response, action);
        } else if (action == Action.LOGIN) {
            rememberTarget(request, SignInSession.of(request.getSession(true)));
            Http.redirect(request, response, settings.login().path());
        } else {
            rememberTarget(request, session);
            Http.redirect(request, response, Refusals.page(action, prefix));
        }
    }

    /**
     * Lets the request through. The application sees the user only once they are fully signed
     * in; a user still at the challenge or set-up (or a password-less sign-in whose code is not
     * yet proven) reaches exempt paths as an anonymous visitor. In report-only rollout nothing is
     * enforced, so the application sees the user as it would without TwoStep.
     */
    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            Decision decision, SignInSession session) throws IOException, ServletException {
        boolean rollout = decision.reported() != decision.action();
        boolean signedIn = (Guard.fullySignedIn(decision.state()) || rollout)
                && (session == null || !session.codeLoginPending());
        if (!signedIn && decision.state() != State.ANONYMOUS) {
            chain.doFilter(new AnonymousRequest(request), response);
            return;
        }
        AuthenticatedUser builtin = settings.login().mode() == LoginMode.BUILTIN ? Identity.builtinUser(request) : null;
        chain.doFilter(builtin == null ? request : new BuiltinUserRequest(request, builtin), response);
    }

    /**
     * Remembers the page to come back to after sign-in: only a page the user navigated to (a GET
     * the browser marks {@code Sec-Fetch-Mode: navigate}; from clients without that header, one
     * that accepts HTML or says nothing), never the browser's own fetches such as
     * {@code /favicon.ico}.
     */
    private static void rememberTarget(HttpServletRequest request, SignInSession session) {
        if (session == null || !"GET".equals(request.getMethod())) {
            return;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        String accept = request.getHeader("Accept");
        boolean navigation = mode != null ? mode.equals("navigate") : accept == null || accept.contains("text/html");
        if (navigation) {
            session.returnTo(Http.currentTarget(request));
        }
    }
}
