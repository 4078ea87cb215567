package io.github.twostep.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.TwoStep;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.KeyOptions;
import io.github.twostep.internal.core.KeyRegistration;
import io.github.twostep.internal.core.PasskeySignIn;
import io.github.twostep.internal.core.State;
import io.github.twostep.internal.core.VerifyOutcome;
import io.github.twostep.internal.store.SecurityKey;
import io.github.twostep.internal.store.UserRecord;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Security keys and passkeys under {@code P/api/webauthn/}: begin and finish a registration, a
 * verification at the challenge and a passkey sign-in, and list, rename and remove keys. Core
 * checks every signature; this maps HTTP to it. Each ceremony begun is kept in the session and
 * taken out by the answer, so it is single use and bound to the session.
 */
final class WebAuthnApi {
    private final TwoStep twoStep;
    private final Accounts accounts;
    private final Flows flows;
    private final SignIn signIn;

    WebAuthnApi(TwoStep twoStep, Flows flows, SignIn signIn) {
        this.twoStep = twoStep;
        this.accounts = Engine.of(twoStep).accounts();
        this.flows = flows;
        this.signIn = signIn;
    }

    /** Whether {@code call} (after {@code P/api/webauthn/}) with {@code method} is a passkey sign-in, open to anyone. */
    static boolean isLogin(String call, String method) {
        return method.equals("POST") && (call.equals("login/options") || call.equals("login"));
    }

    /** Answers {@code call}, the path after {@code P/api/webauthn/}. */
    void handle(Exchange x, String call) throws IOException {
        String method = x.request().getMethod();
        if (!accounts.securityKeysEnabled()) {
            Http.drain(x.request());
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        switch (method + " " + call) {
            case "POST register/options" -> registerOptions(x);
            case "POST register" -> register(x);
            case "POST authenticate/options" -> authenticateOptions(x);
            case "POST verify" -> verify(x);
            case "GET keys" -> Json.write(x.response(), 200,
                    accounts.securityKeys(x.user()).stream().map(WebAuthnApi::key).toList());
            case "POST login/options" -> loginOptions(x);
            case "POST login" -> login(x);
            default -> {
                if (call.startsWith("keys/") && method.equals("DELETE")) {
                    remove(x, call.substring("keys/".length()));
                } else if (call.startsWith("keys/") && method.equals("POST")) {
                    rename(x, call.substring("keys/".length()));
                } else {
                    Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
                }
            }
        }
    }

    private void registerOptions(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        boolean enrolled = flows.record(x.user()).map(UserRecord::enabled).orElse(false);
        if (enrolled && !flows.recentlyVerified(x)) {
            Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "reverification_required");
            return;
        }
        if (!enrolled) {
            PasswordCheck password = flows.confirmPassword(x, body.map(b -> UserApi.text(b, "password")).orElse(null));
            if (password.throttled()) {
                Refusals.tooMany(x.response(), password.retryAfter());
                return;
            }
            if (!password.right()) {
                Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials");
                return;
            }
        }
        Optional<KeyOptions> options = accounts.keyRegistrationOptions(x.user());
        if (options.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "too_many_keys");
            return;
        }
        begin(x, options.get());
    }

    private void register(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        var ceremony = x.session().takeCeremony();
        String credential = body.map(WebAuthnApi::credential).orElse(null);
        if (credential == null) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_credential");
            return;
        }
        KeyRegistration done = accounts.registerKey(x.user(), ceremony, credential,
                body.map(b -> UserApi.text(b, "name")).orElse(null), x.caller());
        switch (done.result()) {
            case REGISTERED -> {
                if (!done.backupCodes().isEmpty()) {
                    x.request().changeSessionId();
                    x.session().rotateCsrfToken();
                    x.session().verifiedByCode(twoStep.clock().instant(),
                            flows.record(x.user()).map(UserRecord::trustEpoch).orElse(0));
                }
                Json.write(x.response(), 200, new Answers.KeyRegistered(true, key(done.key()),
                        done.backupCodes().isEmpty() ? null : done.backupCodes()));
            }
            case INVALID -> Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_credential");
            case NO_CEREMONY -> Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "no_ceremony");
            case TOO_MANY -> Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "too_many_keys");
            case TOO_LARGE -> Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "too_large");
        }
    }

    private void authenticateOptions(Exchange x) throws IOException {
        Http.drain(x.request());
        if (x.session() != null && x.session().codeLoginPending()) {
            // password-less: no key step before the emailed code, for every name alike; a user's
            // options would tell whoever typed the name that it has keys (passkey login is the
            // way to sign in with a key alone)
            Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "no_keys");
            return;
        }
        Optional<KeyOptions> options = accounts.keyAuthenticationOptions(x.user());
        if (options.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "no_keys");
            return;
        }
        begin(x, options.get());
    }

    private void verify(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        String credential = body.map(WebAuthnApi::credential).orElse(null);
        boolean trust = body.map(b -> b.path("trustDevice").asBoolean(false)).orElse(false);
        VerifyOutcome outcome = credential == null ? VerifyOutcome.invalid() : flows.verifyKey(x, credential, trust);
        switch (outcome.result()) {
            case VERIFIED -> Json.write(x.response(), 200, new Answers.Verified("verified",
                    flows.redirectAfterVerify(x), x.session().csrfToken(), null));
            case INVALID -> Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_code");
            case LOCKED -> UserApi.locked(x, outcome);
            case THROTTLED -> Refusals.tooMany(x.response(), outcome.retryAfter());
        }
    }

    private void loginOptions(Exchange x) throws IOException {
        Http.drain(x.request());
        Optional<KeyOptions> options = signIn == null ? Optional.empty() : accounts.passkeyLoginOptions();
        if (options.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        begin(x, options.get());
    }

    private void login(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        if (signIn == null) {
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        var ceremony = x.session().takeCeremony();
        String credential = body.map(WebAuthnApi::credential).orElse(null);
        Optional<PasskeySignIn> signedIn = credential == null ? Optional.empty()
                : accounts.passkeyLogin(ceremony, credential, x.caller());
        Optional<State> state = signedIn.flatMap(s -> signIn.logInWithPasskey(x.request(), s));
        if (state.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials");
            return;
        }
        SignInSession session = SignInSession.of(x.request().getSession());
        String target = ReturnTo.sameOrigin(session.takeReturnTo()).orElse("/");
        Json.write(x.response(), 200, new Answers.Verified(state.get().wireName(),
                x.request().getContextPath() + target, session.csrfToken(), null));
    }

    private void rename(Exchange x, String id) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        String name = body.map(b -> UserApi.text(b, "name")).orElse(null);
        if (name == null || name.isBlank()) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_name");
            return;
        }
        if (!accounts.renameKey(x.user(), id, name, x.caller())) {
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        Json.write(x.response(), 200, accounts.securityKeys(x.user()).stream().filter(k -> k.id().equals(id))
                .map(WebAuthnApi::key).findFirst().orElseThrow());
    }

    private void remove(Exchange x, String id) throws IOException {
        Http.drain(x.request());
        if (!flows.recentlyVerified(x)) {
            Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "reverification_required");
            return;
        }
        switch (accounts.removeKey(x.user(), id, x.caller())) {
            case REMOVED -> {
                NoStore.apply(x.response());
                x.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
            }
            case NOT_FOUND -> Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            case LAST_FACTOR -> Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "last_factor");
        }
    }

    /** Keeps the ceremony in the session and sends the browser its options. */
    private static void begin(Exchange x, KeyOptions options) throws IOException {
        SignInSession.of(x.request().getSession(true)).beginCeremony(options.ceremony());
        NoStore.apply(x.response());
        x.response().setStatus(200);
        x.response().setContentType("application/json");
        x.response().setCharacterEncoding("UTF-8");
        x.response().getOutputStream().write(options.json().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code credential} member as JSON text, or null when it is not an object. */
    private static String credential(ObjectNode body) {
        JsonNode credential = body.get("credential");
        return credential != null && credential.isObject() ? credential.toString() : null;
    }

    static Answers.Key key(SecurityKey key) {
        return new Answers.Key(key.id(), key.name(), UserApi.iso(key.created()), UserApi.iso(key.lastUsed()));
    }
}
