package io.github.twostep.internal.web;

import io.github.twostep.TwoStep;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.MethodChange;
import io.github.twostep.internal.core.SendOutcome;
import io.github.twostep.internal.core.VerifyOutcome;
import io.github.twostep.internal.store.UserRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The "sign-in methods" part of the {@code P/devices} page: the user's methods with a remove
 * button each, a form that sends a code to a channel to add, and the form that enters it. The
 * forms post to {@code P/devices} with a {@code step}; the rules are {@link Accounts#addMethod}
 * and {@link Accounts#removeMethod}, as for the JSON API ({@link MethodsApi}).
 */
final class MethodPages {
    static final String ADD = "method-add";
    static final String CONFIRM = "method-confirm";
    static final String REMOVE = "method-remove";

    private final TwoStep twoStep;
    private final Accounts accounts;
    private final Flows flows;
    private final String prefix;

    MethodPages(TwoStep twoStep, Flows flows) {
        this.twoStep = twoStep;
        this.accounts = Engine.of(twoStep).accounts();
        this.flows = flows;
        this.prefix = twoStep.settings().paths().prefix();
    }

    /** Whether a {@code POST P/devices} is one of these forms. */
    static boolean handles(String step) {
        return ADD.equals(step) || CONFIRM.equals(step) || REMOVE.equals(step);
    }

    /**
     * Acts on one of these forms and fills {@code view} (the devices page) with the outcome;
     * answers false (nothing done) when the session must enter a code first: the caller then sends
     * the user to {@code P/verify}, to come back here.
     */
    boolean post(Exchange x, Messages messages, View view) {
        String step = x.request().getParameter("step");
        Optional<VerifyMethod> method = VerifyMethod.fromJson(String.valueOf(x.request().getParameter("method")));
        if (!step.equals(CONFIRM) && !x.session().recentlyVerified(twoStep.clock().instant())) {
            return false;
        }
        if (method.isEmpty()) {
            view.with("methodError", messages.get("method_change_failed"));
            return true;
        }
        switch (step) {
            case ADD -> add(x, messages, view, method.get());
            case CONFIRM -> confirm(x, messages, view, method.get());
            default -> remove(x, messages, view, method.get());
        }
        return true;
    }

    private void add(Exchange x, Messages messages, View view, VerifyMethod method) {
        SendOutcome sent = accounts.sendToAddMethod(x.user(), method, x.session().signInId(), x.request().getLocale(),
                x.caller());
        switch (sent.result()) {
            case SENT -> view.with("methodPending", Map.of("value", method.jsonName(), "sentTo",
                    messages.format("method_code_sent", sent.sentTo())));
            case TOO_MANY -> view.with("methodError", Pages.waitText(messages, sent.retryAfter()));
            default -> view.with("methodError", messages.get("method_send_failed"));
        }
    }

    private void confirm(Exchange x, Messages messages, View view, VerifyMethod method) {
        MethodChange change = accounts.addMethod(x.user(), method, x.request().getParameter("code"),
                x.session().signInId(), x.caller());
        if (change.changed()) {
            view.with("methodNotice", messages.format("method_added", messages.get("method_" + method.jsonName())));
        } else if (change.result() == MethodChange.Result.CODE_REFUSED
                && change.code().result() == VerifyOutcome.Result.LOCKED) {
            view.with("methodError", messages.get("method_locked"));
        } else {
            view.with("methodError", messages.get("method_code_wrong"));
            if (change.result() == MethodChange.Result.CODE_REFUSED) {
                view.with("methodPending", Map.of("value", method.jsonName(), "sentTo", ""));
            }
        }
    }

    private void remove(Exchange x, Messages messages, View view, VerifyMethod method) {
        MethodChange change = accounts.removeMethod(x.user(), method, x.caller());
        view.with(change.changed() ? "methodNotice" : "methodError", change.changed()
                ? messages.format("method_removed", messages.get("method_" + method.jsonName()))
                : messages.get(change.result() == MethodChange.Result.LAST_METHOD ? "method_last" : "method_change_failed"));
    }

    /** Adds the user's methods and the ones they may add to {@code view}; nothing for a user without 2FA. */
    View fill(Exchange x, Messages messages, View view) {
        Optional<UserRecord> record = flows.record(x.user()).filter(UserRecord::enabled);
        if (record.isEmpty()) {
            return view;
        }
        Set<VerifyMethod> on = record.get().methods();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VerifyMethod method : on.stream().sorted().toList()) {
            String to = flows.contactOf(x.user(), method);
            Map<String, Object> row = new HashMap<>();
            row.put("value", method.jsonName());
            row.put("label", messages.get("method_" + method.jsonName()) + (to == null ? "" : " (" + to + ")"));
            row.put("removable", on.size() > 1);
            rows.add(row);
        }
        List<Map<String, Object>> addable = new ArrayList<>();
        for (VerifyMethod method : EnumSet.of(VerifyMethod.EMAIL, VerifyMethod.SMS, VerifyMethod.CALL)) {
            String to = on.contains(method) || !twoStep.settings().verify().allows(method) ? null
                    : flows.contactOf(x.user(), method);
            if (to != null) {
                addable.add(Map.of("value", method.jsonName(),
                        "label", messages.format("send_button_to", messages.get("method_" + method.jsonName()), to)));
            }
        }
        return view.with("methods", rows).with("addableMethods", addable).with("canAdd", !addable.isEmpty())
                .with("methodsShown", true);
    }

    /** Where a form that needs a fresh code sends the user: verify, then back to the devices page. */
    void reverify(Exchange x) throws IOException {
        x.session().returnTo(prefix + "/devices");
        Http.redirect(x.request(), x.response(), prefix + "/verify");
    }
}
