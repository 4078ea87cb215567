package io.github.twostep.internal.core;

import io.github.twostep.internal.store.RecordUpdate;
import io.github.twostep.internal.store.TrustedDevice;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * "Trust this device": a random opaque token for the browser's cookie, of which the record
 * keeps only the SHA-256 hash (the token has 256 bits of entropy, so no salt or pepper is
 * needed), with a label, times and an expiry. Voiding trust is bumping the trust epoch, which
 * empties the list.
 */
final class DeviceTrust {
    private static final int TOKEN_BYTES = 32;
    private static final int ID_BYTES = 9;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final UserRecordUpdater records;
    private final SecureRandom random;
    private final Clock clock;
    private final int max;

    DeviceTrust(UserRecordUpdater records, SecureRandom random, Clock clock, int max) {
        this.records = Objects.requireNonNull(records, "records");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.max = max;
    }

    /** Trusts the browser with {@code userAgent} for {@code days}; answers the cookie token. */
    TrustIssued trust(String user, String userAgent, int days) {
        TrustIssued issued = issue(userAgent, days);
        records.change(user, adding(issued));
        return issued;
    }

    /** A new trusted device and its cookie token for the browser with {@code userAgent}, not stored yet. */
    TrustIssued issue(String userAgent, int days) {
        if (days <= 0) {
            throw new IllegalStateException("trusting devices is turned off");
        }
        Instant now = clock.instant();
        String token = random(TOKEN_BYTES);
        TrustedDevice device = new TrustedDevice(random(ID_BYTES), hash(token), DeviceLabel.of(userAgent), now, now,
                now.plus(Duration.ofDays(days)));
        return new TrustIssued(token, device);
    }

    /** The change that stores {@code issued} in a record (the oldest device goes beyond the maximum). */
    UnaryOperator<UserRecord> adding(TrustIssued issued) {
        return record -> record.trustDevice(issued.device(), max);
    }

    /** The unexpired device in {@code record} whose token is {@code token}. */
    Optional<TrustedDevice> find(UserRecord record, String token) {
        if (token == null || token.isEmpty() || token.length() > 64) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return record.deviceWithTokenHash(hash(token)).filter(device -> !device.isExpired(now));
    }

    /** Whether {@code deviceId} is still in {@code record} and unexpired. */
    boolean stillTrusted(UserRecord record, String deviceId) {
        Instant now = clock.instant();
        return record.devices().stream().anyMatch(device -> device.id().equals(deviceId) && !device.isExpired(now));
    }

    /** Notes that {@code deviceId} was used to sign in now. */
    void touch(String user, String deviceId) {
        Instant now = clock.instant();
        records.update(user, record -> RecordUpdate.applied(record.touchDevice(deviceId, now)));
    }

    /** The user's devices, oldest first; expired ones are left out. */
    List<TrustedDevice> list(String user) {
        Instant now = clock.instant();
        return records.read(user).map(UserRecord::devices).orElse(List.of()).stream()
                .filter(device -> !device.isExpired(now)).toList();
    }

    /** Revokes one device; false if the user has no device with that id. */
    boolean revoke(String user, String deviceId) {
        return records.update(user, record -> RecordUpdate.applied(record.revokeDevice(deviceId)));
    }

    /** Voids every trusted device of the user. */
    void revokeAll(String user) {
        records.change(user, UserRecord::bumpTrustEpoch);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private String random(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return B64.encodeToString(value);
    }

}
