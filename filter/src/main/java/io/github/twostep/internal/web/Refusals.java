package io.github.twostep.internal.web;

import io.github.twostep.internal.core.Decision.Action;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * How a request that core did not let through is answered, the same for application paths
 * ({@link Gatekeeper}) and TwoStep's own addresses ({@link Routes}): JSON gets the contract's
 * status and error code, a page goes where the user must go next.
 */
final class Refusals {
    private Refusals() {
    }

    /** The JSON answer to {@code action} (anything but PROCEED). */
    static void json(HttpServletResponse response, Action action) throws IOException {
        switch (action) {
            case LOGIN -> Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "login_required");
            case CHALLENGE -> Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "second_factor_required");
            case ENROLL -> Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "enrollment_required");
            case STEP_UP -> Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "reverification_required");
            case FORBIDDEN -> Json.error(response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
            case DENY -> Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable");
            case PROCEED -> throw new IllegalArgumentException("PROCEED is no refusal");
        }
    }

    /**
     * 429 {@code {"error": "too_many_requests", "retryAfterSeconds"}} with {@code Retry-After}:
     * a throttled name ({@code login.throttle}) or a send quota.
     */
    static void tooMany(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = seconds(retryAfter);
        response.setHeader("Retry-After", Long.toString(seconds));
        Json.write(response, 429, new Answers.TooMany("too_many_requests", seconds));
    }

    /** A wait in whole seconds, rounded up, at least one. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** The page under {@code prefix} that {@code action} sends the user to: the challenge or the set-up. */
    static String page(Action action, String prefix) {
        return switch (action) {
            case CHALLENGE, STEP_UP -> prefix + "/verify";
            case ENROLL -> prefix + "/setup";
            default -> throw new IllegalArgumentException(action + " sends to no TwoStep page");
        };
    }
}
