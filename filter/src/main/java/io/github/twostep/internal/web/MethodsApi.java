package io.github.twostep.internal.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.TwoStep;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.MethodChange;
import io.github.twostep.internal.core.SendOutcome;
import io.github.twostep.internal.core.VerifyOutcome;
import io.github.twostep.internal.store.UserRecord;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The calls under {@code P/api/methods} that change the methods of a user whose second factor
 * is on: {@code POST methods} sends a code to the channel to add, {@code POST methods/confirm}
 * adds it with that code, {@code DELETE methods/{method}} removes one. The rules are
 * {@link Accounts#addMethod} and {@link Accounts#removeMethod}; this class maps them to HTTP.
 */
final class MethodsApi {
    private final TwoStep twoStep;
    private final Accounts accounts;
    private final Flows flows;

    MethodsApi(TwoStep twoStep, Flows flows) {
        this.twoStep = twoStep;
        this.accounts = Engine.of(twoStep).accounts();
        this.flows = flows;
    }

    /** Answers {@code method} on {@code rest}, the path after {@code P/api/methods} ("" or "/..."). */
    void handle(Exchange x, String method, String rest) throws IOException {
        switch (method + " " + rest) {
            case "POST " -> start(x);
            case "POST /confirm" -> confirm(x);
            default -> {
                if (method.equals("DELETE") && rest.startsWith("/") && rest.indexOf('/', 1) < 0) {
                    remove(x, rest.substring(1));
                } else {
                    Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
                }
            }
        }
    }

    private void start(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        if (!UserApi.enrolledAndReverified(x, flows, twoStep.clock().instant())) {
            return;
        }
        Optional<VerifyMethod> method = body.map(b -> UserApi.text(b, "method")).flatMap(VerifyMethod::fromJson);
        if (method.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_method");
            return;
        }
        SendOutcome outcome = accounts.sendToAddMethod(x.user(), method.get(), x.session().signInId(),
                x.request().getLocale(), x.caller());
        switch (outcome.result()) {
            case SENT -> Json.write(x.response(), HttpServletResponse.SC_ACCEPTED, new Answers.Sent(outcome.sentTo(),
                    outcome.retryAfter().toSeconds(), method.get().jsonName()));
            case TOO_MANY -> {
                long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
                x.response().setHeader("Retry-After", Long.toString(seconds));
                Json.write(x.response(), 429, new Answers.TooMany("too_many_requests", seconds));
            }
            case NOT_ALLOWED -> Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_method");
            case NO_CONTACT -> Json.write(x.response(), HttpServletResponse.SC_CONFLICT,
                    new Answers.NotDelivered("no_contact", List.of()));
            case FAILED -> Json.write(x.response(), HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    new Answers.NotDelivered("delivery_failed", List.of()));
        }
    }

    private void confirm(Exchange x) throws IOException {
        Optional<ObjectNode> body = Json.readObject(x.request());
        if (!UserApi.requireEnrolled(x, flows)) {
            return;
        }
        Optional<VerifyMethod> method = body.map(b -> UserApi.text(b, "method")).flatMap(VerifyMethod::fromJson);
        if (method.isEmpty()) {
            Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_method");
            return;
        }
        MethodChange change = accounts.addMethod(x.user(), method.get(), body.map(b -> UserApi.text(b, "code"))
                .orElse(null), x.session().signInId(), x.caller());
        switch (change.result()) {
            case ADDED -> Json.write(x.response(), 200, new Answers.Methods(methodsOf(x.user())));
            case CODE_REFUSED -> {
                if (change.code().result() == VerifyOutcome.Result.LOCKED) {
                    UserApi.locked(x, change.code());
                } else {
                    Json.error(x.response(), HttpServletResponse.SC_UNAUTHORIZED, "invalid_code");
                }
            }
            case NOT_ENROLLED -> Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "not_enrolled");
            default -> Json.error(x.response(), HttpServletResponse.SC_BAD_REQUEST, "invalid_method");
        }
    }

    private void remove(Exchange x, String name) throws IOException {
        if (!UserApi.enrolledAndReverified(x, flows, twoStep.clock().instant())) {
            return;
        }
        Optional<VerifyMethod> method = VerifyMethod.fromJson(name);
        MethodChange change = method.isEmpty() ? null : accounts.removeMethod(x.user(), method.get(), x.caller());
        if (change == null || change.result() == MethodChange.Result.NOT_ENABLED) {
            Json.error(x.response(), HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        switch (change.result()) {
            case REMOVED -> {
                NoStore.apply(x.response());
                x.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
            }
            case LAST_METHOD -> Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "last_method");
            default -> Json.error(x.response(), HttpServletResponse.SC_CONFLICT, "not_enrolled");
        }
    }

    /** The user's methods now, each with its masked address, as {@code GET status} lists them. */
    private List<Answers.MethodTo> methodsOf(String user) {
        List<Answers.MethodTo> methods = new ArrayList<>();
        flows.record(user).filter(UserRecord::enabled).ifPresent(r -> r.methods().stream().sorted()
                .forEach(m -> methods.add(new Answers.MethodTo(m.jsonName(), flows.contactOf(user, m)))));
        return methods;
    }
}
