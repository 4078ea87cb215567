package io.github.twostep.internal.store;

import io.github.twostep.config.Algorithm;
import io.github.twostep.config.VerifyMethod;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Realistic values for store tests: keys, sealed secrets, code hashes, devices. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Fixtures() {
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A key in its settings form, {@code "<id>:<base64 of 32 bytes>"}. */
    static String keyText(String id) {
        return id + ":" + Base64.getEncoder().encodeToString(randomBytes(32));
    }

    static KeyRing keyRing() {
        return KeyRing.parse(keyText("k1"), List.of());
    }

    /** A code hash the shape the otp package makes: {@code h1$<salt b64>$<mac b64>} (69 chars). */
    static String codeHash() {
        return "h1$" + B64.encodeToString(randomBytes(16)) + "$" + B64.encodeToString(randomBytes(32));
    }

    static List<String> backupCodeHashes(int count) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(codeHash());
        }
        return hashes;
    }

    /** A device as the filter will make one: 12-char id, SHA-256 token hash, a raw User-Agent label. */
    static TrustedDevice device(int n) {
        String userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 #" + n;
        Instant created = NOW.plusSeconds(n);
        return new TrustedDevice(B64.encodeToString(randomBytes(9)), B64.encodeToString(randomBytes(32)), userAgent,
                created, created.plusSeconds(3600), created.plus(Duration.ofDays(180)));
    }

    /** A default enrolment (6-digit SHA1 app secret, 10 backup codes) for {@code username}. */
    static UserRecord enrolled(SecretCipher cipher, String username) {
        TotpSecret secret = new TotpSecret(cipher.seal(username, randomBytes(Algorithm.SHA1.secretBytes())),
                Algorithm.SHA1, 6, 30);
        return UserRecord.empty(NOW).withConsent(true).withPendingTotp(secret).confirmPendingTotp().orElseThrow()
                .enable(java.util.EnumSet.of(VerifyMethod.APP, VerifyMethod.EMAIL))
                .regenerateBackupCodes(backupCodeHashes(10));
    }
}
