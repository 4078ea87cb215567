package io.github.twostep.internal.store;

import io.github.twostep.TwoStepException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** How long {@link UserRecordUpdater} waits after losing a compare-and-set race. */
@FunctionalInterface
public interface Backoff {

    /** Waits before attempt {@code failedAttempts + 1}. */
    void pause(int failedAttempts);

    /** Does not wait (tests, or stores where conflicts are cheap). */
    static Backoff none() {
        return failedAttempts -> { };
    }

    /**
     * Exponential backoff with full jitter: a random wait between zero and
     * {@code min(max, base * 2^(failedAttempts - 1))}, so racing writers spread out instead of
     * colliding again in lock step.
     */
    static Backoff jittered(Duration base, Duration max) {
        long baseNanos = base.toNanos();
        long maxNanos = max.toNanos();
        if (baseNanos <= 0 || maxNanos < baseNanos) {
            throw new IllegalArgumentException("need 0 < base <= max");
        }
        return failedAttempts -> {
            int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
            long ceiling = Math.min(maxNanos, baseNanos << Math.min(doublings, Long.numberOfLeadingZeros(baseNanos) - 1));
            try {
                TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TwoStepException("interrupted while waiting to retry a user data update", e);
            }
        };
    }
}
