package io.github.twostep.internal.store;

import io.github.twostep.config.VerifyMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Mutable scratch copy of a {@link UserRecord}, used by its change functions and the codec. */
final class RecordBuilder {
    boolean consent;
    boolean enabled;
    Set<VerifyMethod> methods = EnumSet.noneOf(VerifyMethod.class);
    TotpSecret totp;
    TotpSecret pendingTotp;
    long lastStep = UserRecord.NO_STEP;
    List<String> backupCodes = new ArrayList<>();
    MessageCode messageCode;
    ExpiringCode emergencyCode;
    ExpiringCode operatorCode;
    int failures;
    Instant lockedUntil;
    List<TrustedDevice> devices = new ArrayList<>();
    int trustEpoch;
    Instant created;
    Instant updated;
    Instant lastVerified;
    SendQuota sendQuota = SendQuota.NONE;
    String language;
    List<SecurityKey> securityKeys = new ArrayList<>();
    String userHandle;
    String keyChallenge;

    RecordBuilder(Instant created) {
        this.created = created;
        this.updated = created;
    }

    RecordBuilder(UserRecord r) {
        consent = r.consent();
        enabled = r.enabled();
        methods = r.methods().isEmpty() ? EnumSet.noneOf(VerifyMethod.class) : EnumSet.copyOf(r.methods());
        totp = r.totp();
        pendingTotp = r.pendingTotp();
        lastStep = r.lastStep();
        backupCodes = new ArrayList<>(r.backupCodes());
        messageCode = r.messageCode();
        emergencyCode = r.emergencyCode();
        operatorCode = r.operatorCode();
        failures = r.failures();
        lockedUntil = r.lockedUntil();
        devices = new ArrayList<>(r.devices());
        trustEpoch = r.trustEpoch();
        created = r.created();
        updated = r.updated();
        lastVerified = r.lastVerified();
        sendQuota = r.sendQuota();
        language = r.language();
        securityKeys = new ArrayList<>(r.securityKeys());
        userHandle = r.userHandle();
        keyChallenge = r.keyChallenge();
    }

    /** Forgets every factor and trusted device; failures, lock, quota and consent stay. */
    RecordBuilder clearFactors() {
        enabled = false;
        methods = EnumSet.noneOf(VerifyMethod.class);
        totp = null;
        pendingTotp = null;
        backupCodes = new ArrayList<>();
        messageCode = null;
        emergencyCode = null;
        operatorCode = null;
        devices = new ArrayList<>();
        securityKeys = new ArrayList<>();
        trustEpoch++;
        return this;
    }

    UserRecord build() {
        return new UserRecord(consent, enabled, methods, totp, pendingTotp, lastStep, backupCodes,
                messageCode, emergencyCode, operatorCode, failures, lockedUntil, devices, trustEpoch, created, updated,
                lastVerified, sendQuota, language, securityKeys, userHandle, keyChallenge);
    }
}
