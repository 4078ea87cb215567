package io.github.twostep.internal.core;

import io.github.twostep.Caller;
import io.github.twostep.TwoStepException;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.ThrottleSettings;
import io.github.twostep.internal.otp.HmacSha256;
import io.github.twostep.internal.store.UserRecordUpdater;
import io.github.twostep.store.AttemptLedger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Password throttling per name ({@code login.throttle}): after {@code freeAttempts}
 * consecutive wrong passwords for a name (case-folded) every attempt for it waits a delay that
 * starts at one second and doubles with each further wrong password, up to
 * {@code maxDelayMinutes}; a right password resets it.
 *
 * <p>An attempt is counted as wrong <em>before</em> the password is checked ({@link #begin}),
 * and {@link #succeeded} takes it back, so attempts racing on many nodes cannot check more
 * passwords than the rule allows: the count is one compare-and-set in the store's
 * {@link AttemptLedger}, shared by every node. A throttled attempt is refused before any
 * password work. Names are kept only as keyed hashes, so names nobody has are counted, and
 * answered, exactly like real ones. A name's count is forgotten a day after its last delay
 * ended.
 */
public final class LoginThrottle {
    /** How long a name's count is kept after its last delay ended. */
    static final Duration MEMORY = Duration.ofDays(1);
    private static final String PREFIX = "login:";
    /** Compare-and-set races lost before giving up (with backoff, far more than any real load loses). */
    static final int MAX_RACES = 1000;

    /**
     * One attempt's place in the count.
     *
     * @param name  the name as typed
     * @param retryAfter zero when the password may be checked; otherwise how long until it may
     * @param delay the delay this attempt starts if its password is wrong; zero when none
     */
    public record Attempt(String name, String key, Duration retryAfter, Duration delay) {
        /** Whether the password may be checked. */
        public boolean allowed() {
            return retryAfter.isZero();
        }
    }

    /** What the ledger holds for a name: consecutive wrong passwords and the end of the delay. */
    record Count(int failures, Instant until) {
        static final Count NONE = new Count(0, Instant.EPOCH);

        static Count parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 2) {
                return NONE;
            }
            try {
                return new Count(Integer.parseInt(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
            } catch (NumberFormatException e) {
                return NONE;
            }
        }

        String text() {
            return failures + ":" + until.toEpochMilli();
        }
    }

    private final ThrottleSettings settings;
    private final AttemptLedger ledger;
    private final byte[] key;
    private final Clock clock;
    private final Accounts accounts;

    /**
     * @param key      the HMAC key that turns names into ledger keys (the same on every node)
     * @param accounts where throttling is audited
     */
    public LoginThrottle(ThrottleSettings settings, AttemptLedger ledger, byte[] key, Clock clock, Accounts accounts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.key = Objects.requireNonNull(key, "key").clone();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * An attempt for {@code name}: refused with the wait while the name is throttled, otherwise
     * counted as a wrong password until {@link #succeeded} says otherwise.
     */
    public Attempt begin(String name) {
        String id = key(name);
        if (!settings.enabled()) {
            return new Attempt(name, id, Duration.ZERO, Duration.ZERO);
        }
        for (int lost = 0; ; lost++) {
            pauseAfter(lost);
            Instant now = clock.instant();
            Optional<String> seen = ledger.read(id);
            Count count = seen.map(Count::parse).orElse(Count.NONE);
            if (now.isBefore(count.until())) {
                return new Attempt(name, id, Duration.between(now, count.until()), Duration.ZERO);
            }
            int failures = count.failures() == Integer.MAX_VALUE ? count.failures() : count.failures() + 1;
            boolean throttling = failures >= settings.freeAttempts();
            Duration delay = throttling ? delay(failures - settings.freeAttempts()) : Duration.ZERO;
            Instant until = throttling ? now.plus(delay) : Instant.EPOCH;
            Instant expires = (throttling ? until : now).plus(MEMORY);
            if (ledger.compareAndSet(id, seen.orElse(null), new Count(failures, until).text(), expires)) {
                return new Attempt(name, id, Duration.ZERO, delay);
            }
        }
    }

    /**
     * One whole attempt for {@code name}: refused with the wait (nothing checked) while the name
     * is throttled; otherwise {@code check} runs, and its result counts as right when
     * {@code right} says so, as wrong otherwise. Every password or password-like check goes
     * through here, so they all count the same way.
     */
    public <T> T attempt(String name, Caller caller, Supplier<T> check, Predicate<T> right,
            Function<Duration, T> refused) {
        Attempt attempt = begin(name);
        if (!attempt.allowed()) {
            return refused.apply(attempt.retryAfter());
        }
        T result = check.get();
        if (right.test(result)) {
            succeeded(attempt);
        } else {
            failed(attempt, caller);
        }
        return result;
    }

    /**
     * How long {@code name} must still wait before its next attempt; zero when it may try now.
     * Counts nothing (password-less sign-in asks it before sending a code).
     */
    public Duration waiting(String name) {
        if (!settings.enabled()) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Instant until = ledger.read(key(name)).map(Count::parse).orElse(Count.NONE).until();
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    /**
     * The password (or code) of an allowed attempt was wrong: it stays counted. When it started
     * a delay, that is audited ({@code login_throttled}, once per delay, without the password).
     */
    public void failed(Attempt attempt, Caller caller) {
        if (attempt.allowed() && !attempt.delay().isZero()) {
            accounts.record(attempt.name(), AuditEvent.Type.LOGIN_THROTTLED, AuditEvent.Outcome.DENIED, caller,
                    "delay_seconds=" + attempt.delay().toSeconds());
        }
    }

    /** The password of an allowed attempt was right: the name's count starts over. */
    public void succeeded(Attempt attempt) {
        if (!attempt.allowed() || !settings.enabled()) {
            return;
        }
        for (int lost = 0; ; lost++) {
            pauseAfter(lost);
            Optional<String> seen = ledger.read(attempt.key());
            if (seen.isEmpty() || Count.parse(seen.get()).equals(Count.NONE)) {
                return;
            }
            if (ledger.compareAndSet(attempt.key(), seen.get(), Count.NONE.text(), clock.instant().plus(MEMORY))) {
                return;
            }
        }
    }

    /** After losing {@code lost} compare-and-set races: waits, or gives up after {@value #MAX_RACES}. */
    private static void pauseAfter(int lost) {
        if (lost >= MAX_RACES) {
            throw new TwoStepException("the attempt ledger kept changing; gave up after " + lost + " tries");
        }
        if (lost > 0) {
            UserRecordUpdater.DEFAULT_BACKOFF.pause(lost);
        }
    }

    /** The delay the {@code n}-th throttling wrong password starts (0: the first, one second). */
    Duration delay(int n) {
        Duration cap = Duration.ofMinutes(settings.maxDelayMinutes());
        Duration delay = Duration.ofSeconds(1L << Math.min(n, 30));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private String key(String name) {
        byte[] mac = HmacSha256.of(key, "login-throttle/v1\0".getBytes(StandardCharsets.US_ASCII),
                (name == null ? "" : name).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
