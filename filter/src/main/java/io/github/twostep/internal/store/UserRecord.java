package io.github.twostep.internal.store;

import io.github.twostep.config.VerifyMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A user's two-step state, immutable. Every change is a pure function returning a new record;
 * a change that can be refused (a used code, an old TOTP step) returns {@link Optional#empty()}
 * when refused. Code and token hashes are opaque strings made and matched by the caller; this
 * record only keeps and removes them. Times are stored to the second.
 *
 * @param lastStep the last accepted TOTP time step, {@link #NO_STEP} before the first
 * @param backupCodes hashes of unused backup codes
 * @param failures failed second-factor attempts in a row since the last success, unlock or reset
 * @param lockedUntil end of the current lock, or null
 * @param trustEpoch bumped whenever every trusted device must be forgotten
 * @param updated set by {@link UserRecordUpdater} on every write
 * @param language the language (ISO 639 code, e.g. {@code de}) of the browser that last proved a
 *                 code, for notices sent when the user is not the one asking (an administrator's
 *                 reset); null until known
 * @param securityKeys registered security keys and passkeys (WebAuthn), oldest first
 * @param userHandle the random WebAuthn user handle (base64url, never the user name), null until
 *                   the first key is registered
 * @param keyChallenge a digest of the last WebAuthn challenge a key signed here (base64url), so
 *                     one signed challenge is accepted once even where the key keeps no counter
 */
public record UserRecord(boolean consent, boolean enabled, Set<VerifyMethod> methods, TotpSecret totp, TotpSecret pendingTotp, long lastStep, List<String> backupCodes, MessageCode messageCode,
        ExpiringCode emergencyCode, ExpiringCode operatorCode, int failures, Instant lockedUntil,
        List<TrustedDevice> devices, int trustEpoch, Instant created, Instant updated, Instant lastVerified,
        SendQuota sendQuota, String language, List<SecurityKey> securityKeys, String userHandle,
        String keyChallenge) {
    /** Version of the stored format this record is written in. */
    public static final int FORMAT_VERSION = 1;
    /** {@link #lastStep()} before any TOTP code was accepted. */
    public static final long NO_STEP = -1;
    private static final int MAX_HASH = 200;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern USER_HANDLE = Pattern.compile("[A-Za-z0-9_-]{22,86}");

    public UserRecord {
        lockedUntil = wholeSeconds(lockedUntil);
        created = wholeSeconds(created);
        updated = wholeSeconds(updated);
        lastVerified = wholeSeconds(lastVerified);
        methods = methods.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(methods));
        if (lastStep < NO_STEP || failures < 0 || trustEpoch < 0) {
            throw new IllegalArgumentException("lastStep, failures and trustEpoch must not be negative");
        }
        backupCodes = List.copyOf(backupCodes);
        backupCodes.forEach(UserRecord::requireHash);
        devices = List.copyOf(devices);
        if (devices.stream().map(TrustedDevice::id).distinct().count() != devices.size()) {
            throw new IllegalArgumentException("device ids must be unique");
        }
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(sendQuota, "sendQuota");
        if (language != null && !isLanguage(language)) {
            throw new IllegalArgumentException("language must be an ISO 639 code of 2 or 3 lower-case letters");
        }
        securityKeys = List.copyOf(securityKeys);
        if (securityKeys.stream().map(SecurityKey::id).distinct().count() != securityKeys.size()) {
            throw new IllegalArgumentException("security key ids must be unique");
        }
        if (userHandle != null && !USER_HANDLE.matcher(userHandle).matches()) {
            throw new IllegalArgumentException("userHandle must be 16 to 64 bytes in unpadded base64url");
        }
        if (keyChallenge != null && !USER_HANDLE.matcher(keyChallenge).matches()) {
            throw new IllegalArgumentException("keyChallenge must be 16 to 64 bytes in unpadded base64url");
        }
    }

    /**
     * {@code time} to the second (null stays null): records hold whole seconds, as they are
     * stored, so a record and its stored text decode to equal values.
     */
    static Instant wholeSeconds(Instant time) {
        return time == null ? null : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** A record with nothing set up, created at {@code now}. */
    public static UserRecord empty(Instant now) {
        return new RecordBuilder(now).build();
    }

    public UserRecord withConsent(boolean given) {
        return change(b -> b.consent = given);
    }

    /** Turns two-step on with these methods; {@link VerifyMethod#APP} needs a confirmed secret. */
    public UserRecord enable(Set<VerifyMethod> enabledMethods) {
        if (enabledMethods.isEmpty()) {
            throw new IllegalArgumentException("at least one method is needed");
        }
        if (enabledMethods.contains(VerifyMethod.APP) && totp == null) {
            throw new IllegalStateException("the app method needs a confirmed secret");
        }
        return change(b -> {
            b.enabled = true;
            b.methods = EnumSet.copyOf(enabledMethods);
        });
    }

    /**
     * The same record with {@code method} turned off: the app's secret is forgotten with the app
     * method, a pending code of that channel with a message method. Empty when two-step is off,
     * the method is not on, or it is the only factor left (no other method, no security key:
     * turning off the last factor is {@link #disable()}, never this).
     */
    public Optional<UserRecord> withoutMethod(VerifyMethod method) {
        Objects.requireNonNull(method, "method");
        if (!enabled || !methods.contains(method) || (methods.size() == 1 && securityKeys.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(change(b -> {
            b.methods.remove(method);
            if (method == VerifyMethod.APP) {
                b.totp = null;
                b.pendingTotp = null;
            } else if (b.messageCode != null && b.messageCode.channel() == method) {
                b.messageCode = null;
            }
        }));
    }

    /** Turns two-step off and forgets secrets, codes and devices (trust epoch bumped). */
    public UserRecord disable() {
        return change(RecordBuilder::clearFactors);
    }

    /** What an administrator's reset does: {@link #disable()}, and clears failures, lock and quota. */
    public UserRecord reset() {
        return change(b -> {
            b.clearFactors();
            b.failures = 0;
            b.lockedUntil = null;
            b.sendQuota = SendQuota.NONE;
        });
    }

    /** Keeps a secret offered during set-up until it is confirmed; null forgets it. */
    public UserRecord withPendingTotp(TotpSecret pending) {
        return change(b -> b.pendingTotp = pending);
    }

    /** Makes the pending secret the enrolled one; empty if nothing is pending. */
    public Optional<UserRecord> confirmPendingTotp() {
        if (pendingTotp == null) {
            return Optional.empty();
        }
        return Optional.of(change(b -> {
            b.totp = pendingTotp;
            b.pendingTotp = null;
            b.lastStep = NO_STEP;
        }));
    }

    /** Accepts TOTP step {@code step} once: empty if it is not later than the last accepted step. */
    public Optional<UserRecord> useStep(long step) {
        if (step <= lastStep) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.lastStep = step));
    }

    public UserRecord regenerateBackupCodes(List<String> hashes) {
        return change(b -> b.backupCodes = List.copyOf(hashes));
    }

    /** Removes this stored backup-code hash; empty if it is not (or no longer) there. */
    public Optional<UserRecord> consumeBackupCode(String storedHash) {
        int index = indexOf(backupCodes, storedHash);
        if (index < 0) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.backupCodes.remove(index)));
    }

    public UserRecord withMessageCode(MessageCode code) {
        return change(b -> b.messageCode = code);
    }

    /** Uses the pending message code once; empty if absent, another code, or expired. */
    public Optional<UserRecord> consumeMessageCode(String storedHash, Instant now) {
        if (messageCode == null || messageCode.isExpired(now) || !same(messageCode.hash(), storedHash)) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.messageCode = null));
    }

    public UserRecord setEmergencyCode(ExpiringCode code) {
        return change(b -> b.emergencyCode = code);
    }

    /** Uses the emergency code once; empty if absent, another code, or expired. */
    public Optional<UserRecord> consumeEmergencyCode(String storedHash, Instant now) {
        if (!usable(emergencyCode, storedHash, now)) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.emergencyCode = null));
    }

    public UserRecord setOperatorCode(ExpiringCode code) {
        return change(b -> b.operatorCode = code);
    }

    /** Uses the operator's code (for {@code verify.dial}) once; empty if absent, another code, or expired. */
    public Optional<UserRecord> consumeOperatorCode(String storedHash, Instant now) {
        if (!usable(operatorCode, storedHash, now)) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.operatorCode = null));
    }

    /**
     * Counts a failed attempt at {@code now}. A lock that has ended starts the count over; the
     * attempt that reaches {@code maxAttempts} locks for {@code lockMinutes}; an active lock is
     * not extended. {@code maxAttempts} 0 never locks.
     */
    /**
     * One more wrong code at {@code now}, under {@code rule}: failures count on across lock
     * periods until a success, an unlock or a reset, and the failure the rule names locks.
     */
    public UserRecord recordFailure(Instant now, LockoutRule rule) {
        boolean lockEnded = lockedUntil != null && !now.isBefore(lockedUntil);
        return change(b -> {
            b.failures = failures + 1;
            Instant lock = rule.lockAfter(b.failures, now);
            b.lockedUntil = lock != null ? lock : lockEnded ? null : lockedUntil;
        });
    }

    /** As {@link #recordFailure(Instant, LockoutRule)}, locking for good only at 100 failures. */
    public UserRecord recordFailure(Instant now, int maxAttempts, int lockMinutes) {
        return recordFailure(now, new LockoutRule(maxAttempts, lockMinutes, 100));
    }

    /** Whether the second factor stays locked until an administrator unlocks it. */
    public boolean isLockedForGood() {
        return LockoutRule.FOR_GOOD.equals(lockedUntil);
    }

    public UserRecord clearFailures() {
        return change(b -> {
            b.failures = 0;
            b.lockedUntil = null;
        });
    }

    /**
     * Blocks second-factor sign-in until {@code until} (an active lock is never shortened), as
     * when the user reports a code they did not ask for.
     */
    public UserRecord lockUntil(Instant until) {
        Objects.requireNonNull(until, "until");
        return change(b -> b.lockedUntil = lockedUntil != null && lockedUntil.isAfter(until) ? lockedUntil : until);
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Whether {@code code} is what the record keeps as a language: an ISO 639 code of 2 or 3 lower-case letters. */
    public static boolean isLanguage(String code) {
        return code != null && LANGUAGE.matcher(code).matches();
    }

    /**
     * Remembers the language of the browser that proved a code; {@code language} is an ISO 639
     * code or null (unknown: the remembered one stays).
     */
    public UserRecord withLanguage(String language) {
        if (language == null || language.equals(this.language)) {
            return this;
        }
        return change(b -> b.language = language);
    }

    /** A second factor was proven at {@code now}: remembers it and clears failures and lock. */
    public UserRecord markVerified(Instant now) {
        return change(b -> {
            b.lastVerified = now;
            b.failures = 0;
            b.lockedUntil = null;
        });
    }

    /**
     * Trusts a device, replacing one with the same id; drops devices expired at its creation
     * time, then the oldest (by creation) until at most {@code max} remain.
     */
    public UserRecord trustDevice(TrustedDevice device, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        return change(b -> {
            b.devices.removeIf(d -> d.id().equals(device.id()) || d.isExpired(device.created()));
            b.devices.add(device);
            b.devices.sort(Comparator.comparing(TrustedDevice::created));
            while (b.devices.size() > max) {
                b.devices.remove(0);
            }
        });
    }

    /** Forgets one device; empty if no device has that id. */
    public Optional<UserRecord> revokeDevice(String id) {
        if (devices.stream().noneMatch(d -> d.id().equals(id))) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.devices.removeIf(d -> d.id().equals(id))));
    }

    /** Notes that a device was used at {@code now}; empty if no device has that id. */
    public Optional<UserRecord> touchDevice(String id, Instant now) {
        if (devices.stream().noneMatch(d -> d.id().equals(id))) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.devices.replaceAll(d -> d.id().equals(id) ? d.touchedAt(now) : d)));
    }

    /** The device whose stored token hash equals {@code tokenHash} (compared in constant time). */
    public Optional<TrustedDevice> deviceWithTokenHash(String tokenHash) {
        TrustedDevice found = null;
        for (TrustedDevice device : devices) {
            if (same(device.tokenHash(), tokenHash)) {
                found = device;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Invalidates every trust cookie issued so far: epoch + 1, device list emptied. */
    public UserRecord bumpTrustEpoch() {
        return change(b -> {
            b.trustEpoch++;
            b.devices.clear();
        });
    }

    /** The same record with this send quota (used to give back a send that never went out). */
    public UserRecord withSendQuota(SendQuota quota) {
        return change(b -> b.sendQuota = Objects.requireNonNull(quota, "quota"));
    }

    /** Counts a message sent at {@code now} against the quota. */
    public UserRecord recordSend(Instant now) {
        return change(b -> b.sendQuota = sendQuota.afterSend(now));
    }

    /** Keeps the WebAuthn user handle; a record that has one keeps it (the handle never changes). */
    public UserRecord withUserHandle(String handle) {
        Objects.requireNonNull(handle, "handle");
        return userHandle != null ? this : change(b -> b.userHandle = handle);
    }

    /**
     * Adds a security key; empty if one with the same credential id is registered or
     * {@code max} keys already are.
     */
    public Optional<UserRecord> addSecurityKey(SecurityKey key, int max) {
        Objects.requireNonNull(key, "key");
        if (securityKeys.size() >= max || securityKey(key.id()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.securityKeys.add(key)));
    }

    /** The key with credential id {@code id}, if registered. */
    public Optional<SecurityKey> securityKey(String id) {
        return securityKeys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Forgets one security key; empty if no key has that id. */
    public Optional<UserRecord> removeSecurityKey(String id) {
        if (securityKey(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(change(b -> b.securityKeys.removeIf(k -> k.id().equals(id))));
    }

    /**
     * Accepts a signature of key {@code id} over the challenge whose digest is {@code challenge},
     * with counter {@code count}, once: empty if no key has that id, the counter does not grow
     * ({@link SecurityKey#acceptsCount}), or that challenge was already signed here.
     */
    public Optional<UserRecord> useSecurityKey(String id, long count, boolean backedUp, String challenge,
            Instant now) {
        Optional<SecurityKey> key = securityKey(id);
        if (key.isEmpty() || !key.get().acceptsCount(count) || challenge.equals(keyChallenge)) {
            return Optional.empty();
        }
        return Optional.of(change(b -> {
            b.securityKeys.replaceAll(k -> k.id().equals(id) ? k.usedAt(count, backedUp, now) : k);
            b.keyChallenge = challenge;
        }));
    }

    /** The same key under a new name; empty if no key has that id. */
    public Optional<UserRecord> renameSecurityKey(String id, String name) {
        Optional<SecurityKey> key = securityKey(id);
        return key.map(k -> change(b -> b.securityKeys.replaceAll(each -> each.id().equals(id) ? k.named(name) : each)));
    }

    /**
     * Turns the second factor on with the security keys as its factor (the code methods, if
     * any, stay as they are).
     *
     * @throws IllegalStateException if there is no key
     */
    public UserRecord enableWithKeys() {
        if (securityKeys.isEmpty()) {
            throw new IllegalStateException("no security key to enable");
        }
        return change(b -> b.enabled = true);
    }

    /** The same record, stamped as written at {@code now}. */
    public UserRecord withUpdated(Instant now) {
        return change(b -> b.updated = now);
    }

    /** The same record with both secrets replaced (used when re-sealing under a new key). */
    UserRecord withSecrets(TotpSecret enrolled, TotpSecret pending) {
        return change(b -> {
            b.totp = enrolled;
            b.pendingTotp = pending;
        });
    }

    private UserRecord change(Consumer<RecordBuilder> edit) {
        RecordBuilder builder = new RecordBuilder(this);
        edit.accept(builder);
        return builder.build();
    }

    private static boolean usable(ExpiringCode code, String storedHash, Instant now) {
        return code != null && !code.isExpired(now) && same(code.hash(), storedHash);
    }

    private static int indexOf(List<String> hashes, String wanted) {
        int found = -1;
        for (int i = 0; i < hashes.size(); i++) {
            if (same(hashes.get(i), wanted) && found < 0) {
                found = i;
            }
        }
        return found;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                Objects.requireNonNull(b, "hash").getBytes(StandardCharsets.UTF_8));
    }

    /** Checks an opaque hash: 1 to 200 visible ASCII characters. */
    static String requireHash(String hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.isEmpty() || hash.length() > MAX_HASH || !hash.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a hash must be 1 to " + MAX_HASH + " visible ASCII characters");
        }
        return hash;
    }

    @Override
    public String toString() {
        return "UserRecord[enabled=" + enabled + ", consent=" + consent + ", methods=" + methods + ", totp="
                + (totp != null) + ", pendingTotp=" + (pendingTotp != null) + ", backupCodes=" + backupCodes.size()
                + ", failures=" + failures + ", lockedUntil=" + lockedUntil + ", devices=" + devices.size()
                + ", trustEpoch=" + trustEpoch + ", updated=" + updated + ", securityKeys=" + securityKeys.size() + "]";
    }
}
