package io.github.twostep.internal.core;

import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.otp.TotpMatch;
import io.github.twostep.internal.store.SecretCipher;
import io.github.twostep.internal.store.TotpSecret;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks authenticator-app codes against a user's sealed secret, with the code parameters
 * fixed at enrolment and the window from the current settings.
 */
final class AppCodes {
    private final SecretCipher cipher;
    private final Clock clock;
    private final int windowSeconds;

    AppCodes(SecretCipher cipher, Clock clock, int windowSeconds) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windowSeconds = windowSeconds;
    }

    /** The matched step of {@code code}, if it is valid now and later than {@code afterStep}. */
    Optional<TotpMatch> match(String user, TotpSecret sealed, String code, long afterStep) {
        if (sealed == null || code.length() != sealed.digits() || !isDigits(code)) {
            return Optional.empty();
        }
        Totp totp = new Totp(sealed.algorithm(), sealed.digits(), sealed.periodSeconds(),
                Math.max(windowSeconds, 0), clock);
        byte[] secret = cipher.open(user, sealed.secret());
        try {
            return totp.verify(totp.key(OtpSecret.of(secret)), code, afterStep);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static boolean isDigits(String code) {
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
