package io.github.twostep.internal.core;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.Settings;
import io.github.twostep.internal.otp.HmacSha256;
import io.github.twostep.internal.store.LockoutRule;
import io.github.twostep.internal.store.SendQuota;
import io.github.twostep.internal.store.UserRecordUpdater;
import io.github.twostep.store.AttemptLedger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What password-less sign-in remembers about names no user has, so that they are answered as
 * a real user would be: the same lock after {@code lockout.maxFailedAttempts} wrong codes and
 * the same send cooldown and hourly quota, per name (case-folded). Kept in the store's
 * {@link AttemptLedger} under a keyed hash of the name, so every node on the store, and a
 * restarted one, answers an unknown name as it answers a real one.
 */
public final class UnknownNames {
    /** How long a name's entry is kept after its lock or quota ended; a lock for good, a year. */
    static final Duration MEMORY = Duration.ofDays(1);
    private static final Duration FOR_GOOD_MEMORY = Duration.ofDays(365);
    private static final String PREFIX = "ghost:";
    private static final String NONE = "-";

    /** One unknown name's failures, lock and sends. */
    record Ghost(int failures, Instant lockedUntil, SendQuota quota) {
        static final Ghost NEW = new Ghost(0, null, SendQuota.NONE);

        static Ghost parse(String text) {
            String[] p = text.split(":");
            try {
                return new Ghost(Integer.parseInt(p[0]), instant(p[1]),
                        new SendQuota(instant(p[2]), instant(p[3]), Integer.parseInt(p[4])));
            } catch (RuntimeException e) {
                return NEW; // damaged: starts over, as a record that cannot be read would not
            }
        }

        String text() {
            return failures + ":" + millis(lockedUntil) + ":" + millis(quota.lastSend()) + ":"
                    + millis(quota.windowStart()) + ":" + quota.sendsInWindow();
        }

        Instant expires(Instant now) {
            if (LockoutRule.FOR_GOOD.equals(lockedUntil)) {
                return now.plus(FOR_GOOD_MEMORY);
            }
            Instant last = now;
            for (Instant end : new Instant[] {lockedUntil, quota.windowStart() == null ? null
                    : quota.windowStart().plus(SendQuota.WINDOW)}) {
                if (end != null && end.isAfter(last)) {
                    last = end;
                }
            }
            return last.plus(MEMORY);
        }

        private static Instant instant(String text) {
            return text.equals(NONE) ? null : Instant.ofEpochMilli(Long.parseLong(text));
        }

        private static String millis(Instant instant) {
            return instant == null ? NONE : Long.toString(instant.toEpochMilli());
        }
    }

    private final Settings settings;
    private final LockoutRule rule;
    private final AttemptLedger ledger;
    private final byte[] key;
    private final Clock clock;

    /** @param key the HMAC key that turns names into ledger keys (the same on every node) */
    public UnknownNames(Settings settings, AttemptLedger ledger, byte[] key, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rule = new LockoutRule(settings.lockout().maxFailedAttempts(), settings.lockout().minutes(),
                settings.lockout().maxConsecutiveFailures());
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.key = Objects.requireNonNull(key, "key").clone();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A code typed for {@code name}: always wrong, counted toward a lock like a real user's. */
    public VerifyOutcome verify(String name) {
        Instant now = clock.instant();
        return update(name, ghost -> {
            if (ghost.lockedUntil() != null && now.isBefore(ghost.lockedUntil())) {
                return new Change<>(ghost, LockoutRule.FOR_GOOD.equals(ghost.lockedUntil())
                        ? VerifyOutcome.lockedForGood() : VerifyOutcome.locked(Duration.between(now, ghost.lockedUntil())));
            }
            int failures = ghost.failures() + 1;
            Instant lock = rule.lockAfter(failures, now);
            return new Change<>(new Ghost(failures, lock, ghost.quota()), LockoutRule.FOR_GOOD.equals(lock)
                    ? VerifyOutcome.invalidLockingForGood() : VerifyOutcome.invalid());
        });
    }

    /** "Send me a code" for {@code name}: the real cooldown and quota's answer; nothing is sent. */
    public SendOutcome send(String name) {
        Instant now = clock.instant();
        int resend = settings.messageCode().resendSeconds();
        return update(name, ghost -> {
            Duration wait = ghost.quota().waitAt(now, resend, settings.messageCode().maxSendsPerHour());
            if (!wait.isZero()) {
                return new Change<>(ghost, new SendOutcome(SendOutcome.Result.TOO_MANY, null, wait, List.of()));
            }
            return new Change<>(new Ghost(ghost.failures(), ghost.lockedUntil(), ghost.quota().afterSend(now)),
                    new SendOutcome(SendOutcome.Result.SENT, null, Duration.ofSeconds(resend), List.of()));
        });
    }

    private record Change<T>(Ghost next, T answer) {
    }

    private <T> T update(String name, Function<Ghost, Change<T>> change) {
        String id = key(name);
        for (int lost = 0; ; lost++) {
            if (lost >= LoginThrottle.MAX_RACES) {
                throw new TwoStepException("the attempt ledger kept changing; gave up after " + lost + " tries");
            }
            if (lost > 0) {
                UserRecordUpdater.DEFAULT_BACKOFF.pause(lost);
            }
            Optional<String> seen = ledger.read(id);
            Ghost ghost = seen.map(Ghost::parse).orElse(Ghost.NEW);
            Change<T> result = change.apply(ghost);
            if (result.next().equals(ghost)
                    || ledger.compareAndSet(id, seen.orElse(null), result.next().text(),
                            result.next().expires(clock.instant()))) {
                return result.answer();
            }
        }
    }

    private String key(String name) {
        byte[] mac = HmacSha256.of(key, "unknown-name/v1\0".getBytes(StandardCharsets.US_ASCII),
                (name == null ? "" : name).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
