package io.github.twostep.web;

import io.github.twostep.config.Settings;
import io.github.twostep.core.SendOutcome;
import io.github.twostep.core.VerifyOutcome;
import io.github.twostep.store.LockoutRule;
import io.github.twostep.store.SendQuota;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What password-less sign-in remembers about names no user has, so that they are answered as
 * a real user would be: the same lock after {@code lockout.maxFailedAttempts} wrong codes and
 * the same send cooldown and hourly quota, per name and shared by every session of this node.
 * Names are kept only as keyed hashes; the ledger holds at most {@link #MAX_NAMES} of them and
 * starts over when full (an attacker flooding it learns nothing from that).
 */
final class GhostLedger {
    static final int MAX_NAMES = 10_000;

    private final Map<String, Ghost> ghosts = new ConcurrentHashMap<>();
    private final Settings settings;
    /** The same rule as a real user's record: {@link io.github.twostep.store.UserRecord#recordFailure}. */
    private final LockoutRule rule;
    private final Clock clock;
    private final byte[] key = new byte[32];

    /** One unknown name's failures, lock and sends. */
    private record Ghost(int failures, Instant lockedUntil, SendQuota quota) {
        static final Ghost NEW = new Ghost(0, null, SendQuota.NONE);
    }

    GhostLedger(Settings settings, Clock clock) {
        this.settings = settings;
        this.rule = new LockoutRule(settings.lockout().maxFailedAttempts(), settings.lockout().minutes(),
                settings.lockout().maxConsecutiveFailures());
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** A code typed for {@code name}: always wrong, counted toward a lock like a real user's. */
    VerifyOutcome verify(String name) {
        Instant now = clock.instant();
        VerifyOutcome[] outcome = new VerifyOutcome[1];
        update(name, ghost -> {
            if (ghost.lockedUntil() != null && now.isBefore(ghost.lockedUntil())) {
                outcome[0] = LockoutRule.FOR_GOOD.equals(ghost.lockedUntil()) ? VerifyOutcome.lockedForGood()
                        : VerifyOutcome.locked(Duration.between(now, ghost.lockedUntil()));
                return ghost;
            }
            int failures = ghost.failures() + 1;
            Instant lock = rule.lockAfter(failures, now);
            outcome[0] = LockoutRule.FOR_GOOD.equals(lock) ? VerifyOutcome.invalidLockingForGood()
                    : VerifyOutcome.invalid();
            return new Ghost(failures, lock, ghost.quota());
        });
        return outcome[0];
    }

    /** "Send me a code" for {@code name}: the real cooldown and quota's answer; nothing is sent. */
    SendOutcome send(String name) {
        Instant now = clock.instant();
        int resend = settings.messageCode().resendSeconds();
        SendOutcome[] outcome = new SendOutcome[1];
        update(name, ghost -> {
            Duration wait = ghost.quota().waitAt(now, resend, settings.messageCode().maxSendsPerHour());
            if (!wait.isZero()) {
                outcome[0] = new SendOutcome(SendOutcome.Result.TOO_MANY, null, wait, List.of());
                return ghost;
            }
            outcome[0] = new SendOutcome(SendOutcome.Result.SENT, null, Duration.ofSeconds(resend), List.of());
            return new Ghost(ghost.failures(), ghost.lockedUntil(), ghost.quota().afterSend(now));
        });
        return outcome[0];
    }

    private void update(String name, UnaryOperator<Ghost> change) {
        if (ghosts.size() >= MAX_NAMES) {
            ghosts.clear();
        }
        ghosts.compute(id(name), (id, ghost) -> change.apply(ghost == null ? Ghost.NEW : ghost));
    }

    private String id(String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
