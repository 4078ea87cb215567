package io.github.twostep.internal.core;

import io.github.twostep.config.VerifyMethod;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a request for a code by email, SMS or call ended.
 *
 * @param result       what happened
 * @param sentTo       the masked address the code went to (sent only)
 * @param retryAfter   sent: when the next send is allowed; refused: how long to wait
 * @param alternatives when delivery failed or no address is known: other methods to try
 * @param method       sent: the method that delivered the code, which differs from the one asked
 *                     for when {@code delivery.fallback} stepped in; otherwise null
 */
public record SendOutcome(Result result, String sentTo, Duration retryAfter, List<String> alternatives,
                          VerifyMethod method) {

    /** What happened to the request. */
    public enum Result {
        /** Handed to the channel. */
        SENT,
        /** Inside the cooldown or over the hourly quota; nothing was sent and nothing counted. */
        TOO_MANY,
        /** The method is not one this user may use now. */
        NOT_ALLOWED,
        /** The user has no address for this channel. */
        NO_CONTACT,
        /** The channel failed; nothing was recorded as sent. */
        FAILED,
        /** The background sender's queue is full; nothing was sent and nothing counted. */
        BUSY
    }

    public SendOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(retryAfter, "retryAfter");
        alternatives = List.copyOf(alternatives);
    }

    /** An outcome that names no method. */
    public SendOutcome(Result result, String sentTo, Duration retryAfter, List<String> alternatives) {
        this(result, sentTo, retryAfter, alternatives, null);
    }

    static SendOutcome of(Result result) {
        return new SendOutcome(result, null, Duration.ZERO, List.of());
    }
}
