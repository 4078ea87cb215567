package io.github.twostep.internal.core;

import io.github.twostep.internal.otp.HmacSha256;
import io.github.twostep.internal.store.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The token of the "this wasn't me" link in code emails: the user name and an expiry, signed
 * with a key derived from the data key, so the link needs no stored state and cannot be made
 * for another user. It only blocks sign-in for its user, so a stolen link can at worst lock
 * an account for {@code lockout.minutes}, which an administrator can lift.
 */
final class NotMeLinks {
    static final Duration VALIDITY = Duration.ofDays(7);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final byte[] key;
    private final Clock clock;

    NotMeLinks(KeyRing keys, Clock clock) {
        this.key = HmacSha256.of(keys.currentPepper(), "twostep/not-me/v1".getBytes(StandardCharsets.UTF_8));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token for {@code user} under trust epoch {@code epoch}: following it bumps the epoch,
     * so each link works once (and any epoch change, such as a reset, voids older links).
     */
    String token(String user, int epoch) {
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        String payload = B64.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "." + epoch + "." + expires;
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The user and trust epoch a valid, unexpired token names. */
    Optional<Claim> claim(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            byte[] given = B64D.decode(parts[3]);
            if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1] + "." + parts[2]), given)) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[2])))) {
                return Optional.empty();
            }
            return Optional.of(new Claim(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8),
                    Integer.parseInt(parts[1])));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** What a token says: whose it is, and the trust epoch it was made under. */
    record Claim(String user, int epoch) {
    }

    private byte[] mac(String payload) {
        return Arrays.copyOf(HmacSha256.of(key, payload.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
    }
}
