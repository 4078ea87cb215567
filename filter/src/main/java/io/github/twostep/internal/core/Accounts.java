package io.github.twostep.internal.core;

import io.github.twostep.AccountSummary;
import io.github.twostep.Caller;
import io.github.twostep.IssuedCode;
import io.github.twostep.TwoStepException;
import io.github.twostep.audit.AuditEvent.Outcome;
import io.github.twostep.audit.AuditEvent.Type;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.audit.AuditSink;
import io.github.twostep.config.Settings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.ContactResolver;
import io.github.twostep.delivery.SecurityNotice;
import io.github.twostep.internal.core.VerifyOutcome.Factor;
import io.github.twostep.internal.core.WebAuthnCeremony.Purpose;
import io.github.twostep.internal.logging.Log;
import io.github.twostep.internal.otp.CodeFormat;
import io.github.twostep.internal.otp.RandomCodes;
import io.github.twostep.internal.store.KeyRing;
import io.github.twostep.internal.store.RecordUpdate;
import io.github.twostep.internal.store.SecretCipher;
import io.github.twostep.internal.store.SecurityKey;
import io.github.twostep.internal.store.TrustedDevice;
import io.github.twostep.internal.store.UserHandles;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.RecordTooLargeException;
import io.github.twostep.store.UnknownUserException;
import io.github.twostep.store.UserDataStore;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Every operation on users' second factors, as the web layer and the application call them,
 * each one audited. The rules live in the package-private parts this class wires together;
 * here a failure to read a record is turned into a closed door, never an open one.
 */
public final class Accounts {
    private static final Log LOG = Log.get(Accounts.class);

    private final Settings settings;
    private final AuditSink audit;
    private final Clock clock;
    private final Standings standings;
    private final SecondFactor secondFactor;
    private final Enrollment enrollment;
    private final DeviceTrust trust;
    private final Administration administration;
    private final Sending sending;
    private final NotMeLinks notMe;
    private final MethodChanges methodChanges;
    private final UserRecordUpdater records;
    private final SecurityKeys keys;
    private final UserHandles handles;
    private final CodeHashes hashes;
    private final SecureRandom random;

    /** As the full constructor, with background sends made at once on the caller's thread (no queue). */
    public Accounts(Settings settings, UserDataStore store, KeyRing keys, AuditSink audit, Clock clock,
            SecureRandom random, CodeSender sender, ContactResolver contacts) {
        this(settings, store, keys, audit, clock, random, sender, contacts, Runnable::run);
    }

    /**
     * Accounts whose background sends ({@link #sendLater}) go to {@code background}, which
     * refuses a task with {@link java.util.concurrent.RejectedExecutionException} when it is full.
     */
    public Accounts(Settings settings, UserDataStore store, KeyRing keys, AuditSink audit, Clock clock,
            SecureRandom random, CodeSender sender, ContactResolver contacts, Executor background) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        UserRecordUpdater records = new UserRecordUpdater(Objects.requireNonNull(store, "store"), keys, clock);
        SecretCipher cipher = new SecretCipher(keys);
        CodeHashes hashes = new CodeHashes(keys);
        AppCodes appCodes = new AppCodes(cipher, clock, settings.code().window());
        this.trust = new DeviceTrust(records, random, clock, settings.trustedDevices().max());
        this.standings = new Standings(settings, records, trust, clock);
        this.secondFactor = new SecondFactor(records, appCodes, hashes, settings.lockout(), clock,
                settings.deviceAuthorization().enabled());
        this.enrollment = new Enrollment(settings, records, cipher, appCodes, hashes, random, clock);
        this.administration = new Administration(settings, records, hashes, random, clock);
        this.sending = new Sending(settings, records, hashes, sender, contacts, random, clock,
                Objects.requireNonNull(background, "background"));
        this.notMe = new NotMeLinks(keys, clock);
        this.methodChanges = new MethodChanges(settings, records, hashes, clock);
        this.records = records;
        this.keys = new SecurityKeys(settings, random, clock);
        this.handles = new UserHandles(keys, random);
        this.hashes = hashes;
        this.random = random;
    }

    public Settings settings() {
        return settings;
    }

    /** The standing of a user just seen signed in; a record that cannot be read fails closed. */
    public Evaluation evaluate(String user, String trustToken, Caller caller) {
        try {
            Evaluation evaluation = standings.evaluate(user, trustToken);
            if (evaluation.deviceId() != null) {
                record(user, Type.VERIFY_SUCCEEDED, Outcome.SUCCESS, caller, "trusted_device");
            }
            return evaluation;
        } catch (CorruptRecordException e) {
            record(user, Type.RECORD_CORRUPT, Outcome.FAILURE, caller, "unreadable_record");
            LOG.error("Two-factor record of a user cannot be read; that user is refused: {}", e.getMessage());
            return Evaluation.unavailable();
        } catch (RuntimeException e) {
            LOG.error("Two-factor data could not be read; refusing the request", e);
            return Evaluation.unavailable();
        }
    }

    /** Whether a session's earlier evaluation still holds; any doubt (store down) answers false. */
    public boolean stillHolds(String user, Evaluation earlier) {
        try {
            return standings.stillHolds(user, earlier);
        } catch (RuntimeException e) {
            LOG.warn("Re-check of a session failed; it will be evaluated again: {}", e.toString());
            return false;
        }
    }

    /**
     * Checks a submitted code of any kind for the user's pending sign-in {@code signInId}; a user
     * without two-step set up can only pass with a device-authorisation code (when those are on).
     */
    public VerifyOutcome verify(String user, String code, String signInId, Caller caller) {
        return verify(user, code, signInId, true, caller);
    }

    /**
     * As {@link #verify(String, String, String, Caller)}; unless {@code authorizingDevice}, a user
     * without two-step set up is refused at once, without a failure counted, all in the one
     * compare-and-set that checks the code (so a record changing meanwhile cannot slip between).
     */
    public VerifyOutcome verify(String user, String code, String signInId, boolean authorizingDevice, Caller caller) {
        VerifyOutcome outcome = secondFactor.verify(user, code, signInId, authorizingDevice, CallerLanguage.of(caller));
        audit(user, outcome, caller);
        return outcome;
    }

    /**
     * Completes the challenge of a session whose evaluation is {@code before}: checks
     * {@code code} and, when it is right, trusts the caller's browser in the same
     * compare-and-set, for {@code trustThisDevice} days when {@code trustRequested} (and the
     * option is on), or for {@code deviceAuthorization.days} when the code authorises a new
     * browser of a user without a second factor. Answers the outcome and the trusted device,
     * whose token goes into the browser's cookie.
     */
    public ChallengeCompletion completeChallenge(String user, String code, String signInId, Evaluation before,
            boolean trustRequested, Caller caller) {
        boolean authorizing = before != null && before.standing() == Standing.CHALLENGE && !before.enabled();
        int days = authorizing ? settings.deviceAuthorization().days()
                : trustRequested ? settings.trustThisDevice() : 0;
        TrustIssued issued = days > 0 ? trust.issue(caller.userAgent(), days) : null;
        VerifyOutcome outcome = secondFactor.verify(user, code, signInId, authorizing, CallerLanguage.of(caller),
                issued == null ? UnaryOperator.identity() : trust.adding(issued));
        audit(user, outcome, caller);
        if (!outcome.isVerified() || issued == null) {
            return new ChallengeCompletion(outcome, null, authorizing && outcome.isVerified());
        }
        record(user, Type.DEVICE_TRUSTED, Outcome.SUCCESS, caller, issued.device().label());
        sending.notice(user, SecurityNotice.NEW_TRUSTED_DEVICE, issued.device().label(), noticeLocale(user, caller));
        return new ChallengeCompletion(outcome, issued, authorizing);
    }

    private void audit(String user, VerifyOutcome outcome, Caller caller) {
        switch (outcome.result()) {
            case VERIFIED -> {
                record(user, outcome.factor() == Factor.BACKUP ? Type.BACKUP_CODE_USED
                        : outcome.factor() == Factor.EMERGENCY ? Type.EMERGENCY_CODE_USED : Type.VERIFY_SUCCEEDED,
                        Outcome.SUCCESS, caller, outcome.factor().name().toLowerCase(Locale.ROOT));
                if (outcome.factor() == Factor.EMERGENCY) {
                    sending.notice(user, SecurityNotice.EMERGENCY_CODE_USED, null, noticeLocale(user, caller));
                }
            }
            case INVALID -> record(user, Type.VERIFY_FAILED, Outcome.FAILURE, caller, "");
            case LOCKED -> record(user, Type.LOCKED_OUT, Outcome.DENIED, caller, "");
        }
        lockedForGood(user, outcome, caller);
    }

    /** The wrong code that reached {@code lockout.maxConsecutiveFailures}: audited, and the user told. */
    private void lockedForGood(String user, VerifyOutcome outcome, Caller caller) {
        if (outcome.result() == VerifyOutcome.Result.INVALID && outcome.forGood()) {
            record(user, Type.LOCKED_PERMANENTLY, Outcome.DENIED, caller, "");
            sending.notice(user, SecurityNotice.LOCKED_PERMANENTLY, null, noticeLocale(user, caller));
        }
    }

    /**
     * Sends a new code by {@code method} for the sign-in {@code signInId}, in {@code locale}.
     * Under {@code paths.publicUrl}, an email carries the "this wasn't me" link and a text the
     * WebOTP line for its host; without it, neither (they are never built from a request's Host
     * header, which is the client's choice).
     */
    public SendOutcome send(String user, VerifyMethod method, String signInId, Locale locale, Caller caller) {
        String publicUrl = settings.paths().publicUrl();
        SendOutcome outcome = sending.send(user, method, signInId, locale, hostOf(publicUrl), notMeUrl(user));
        return audited(user, method, outcome, caller);
    }

    /**
     * As {@link #send}, but the message goes out after the answer, on the background sender: the
     * send is reserved in the user's record now (so the answer is {@code SENT} for a message
     * queued, or why not), and the channel is called later. A full queue answers
     * {@link SendOutcome.Result#BUSY} with the wait, and nothing is counted. How the queued send
     * ended goes to the audit trail, and to {@code done} on the sender's thread.
     */
    public SendOutcome sendLater(String user, VerifyMethod method, String signInId, Locale locale, Caller caller,
            java.util.function.Consumer<SendOutcome> done) {
        Objects.requireNonNull(done, "done");
        SendOutcome outcome;
        try {
            outcome = sending.sendLater(user, method, signInId, locale, hostOf(settings.paths().publicUrl()),
                    notMeUrl(user), ended -> done.accept(audited(user, method, ended, caller)));
        } catch (RuntimeException e) {
            // the store or the contacts cannot answer: nothing reserved, nothing queued
            LOG.warn("A code could not be reserved for sending: {}", // an extension's message may hold input: the type only
                    e instanceof TwoStepException ? e.getMessage() : e.getClass().getName());
            record(user, Type.CODE_SENT, Outcome.FAILURE, caller, method.jsonName() + ":failed");
            return SendOutcome.of(SendOutcome.Result.FAILED);
        }
        return outcome.result() == SendOutcome.Result.SENT ? outcome : audited(user, method, outcome, caller);
    }

    /**
     * Takes a place in the background queue and sends nothing, for a name no user has: a full
     * queue answers {@link SendOutcome.Result#BUSY} here exactly as {@link #sendLater} does.
     */
    public SendOutcome queueNothing() {
        return sending.queueNothing();
    }

    private static String hostOf(String publicUrl) {
        return publicUrl == null ? null : URI.create(publicUrl).getHost();
    }

    private String notMeUrl(String user) {
        String publicUrl = settings.paths().publicUrl();
        return publicUrl == null ? null : publicUrl + settings.paths().prefix() + "/not-me?t="
                + URLEncoder.encode(notMeToken(user), StandardCharsets.UTF_8);
    }

    /** Records how a send ended; for a failure, answers the user's other methods to try. */
    private SendOutcome audited(String user, VerifyMethod method, SendOutcome outcome, Caller caller) {
        boolean sent = outcome.result() == SendOutcome.Result.SENT;
        record(user, Type.CODE_SENT, sent ? Outcome.SUCCESS : Outcome.FAILURE, caller,
                method.jsonName() + (sent ? fallbackNote(method, outcome)
                        : ":" + outcome.result().name().toLowerCase(Locale.ROOT)));
        if (outcome.result() == SendOutcome.Result.FAILED || outcome.result() == SendOutcome.Result.NO_CONTACT) {
            List<String> others = lookup(user).filter(UserRecord::enabled).map(r -> r.methods().stream()
                    .filter(m -> m != method).map(VerifyMethod::jsonName).sorted().toList()).orElse(List.of());
            return new SendOutcome(outcome.result(), null, outcome.retryAfter(), others);
        }
        return outcome;
    }

    /** For the audit: "" when {@code asked} delivered, else ":failed>" and the method that did. */
    private static String fallbackNote(VerifyMethod asked, SendOutcome outcome) {
        return outcome.method() == null || outcome.method() == asked ? "" : ":failed>" + outcome.method().jsonName();
    }

    /** The token of the "this wasn't me" link for {@code user}'s code emails. */
    public String notMeToken(String user) {
        return notMe.token(user, lookup(user).map(UserRecord::trustEpoch).orElse(0));
    }

    /**
     * The user followed "this wasn't me": sign-in with a code is blocked for
     * {@code lockout.minutes}, the pending code is voided, every trusted device forgotten, and
     * the user told by email. Each link works once: it carries the trust epoch it was made
     * under, which this bumps. Answers the user, or empty for an invalid, expired or used token.
     */
    public Optional<String> reportNotMe(String token, Caller caller) {
        Optional<NotMeLinks.Claim> claim = notMe.claim(token);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        String name = claim.get().user();
        Instant until = clock.instant().plus(Duration.ofMinutes(settings.lockout().minutes()));
        boolean blocked = records.update(name, record -> record.trustEpoch() != claim.get().epoch()
                ? RecordUpdate.keep(Boolean.FALSE)
                : RecordUpdate.write(record.lockUntil(until).withMessageCode(null).bumpTrustEpoch(), Boolean.TRUE));
        if (!blocked) {
            return Optional.empty();
        }
        record(name, Type.NOT_ME_REPORTED, Outcome.SUCCESS, caller, "");
        sending.notice(name, SecurityNotice.SIGN_IN_BLOCKED, null, noticeLocale(name, caller));
        return Optional.of(name);
    }

    /** The masked address where codes of {@code method} go for {@code user}; null for the app or when unknown. */
    public String contactOf(String user, VerifyMethod method) {
        try {
            return sending.contactOf(user, method);
        } catch (RuntimeException e) {
            LOG.warn("Contacts of a user could not be read: {}", e.toString());
            return null;
        }
    }

    /** Starts (or restarts) set-up with a new pending app secret. */
    public SetupSecret startSetup(String user, Caller caller) {
        SetupSecret secret = enrollment.start(user);
        record(user, Type.ENROLLMENT_STARTED, Outcome.INFO, caller, "");
        return secret;
    }

    /** Enables {@code methods} when {@code code} proves one of them. */
    public SetupConfirmation confirmSetup(String user, String code, Set<VerifyMethod> methods, String signInId, Caller caller) {
        SetupConfirmation confirmation = enrollment.confirm(user, code, methods, signInId, CallerLanguage.of(caller));
        boolean ok = confirmation.outcome().isVerified();
        record(user, ok ? Type.ENROLLED : Type.VERIFY_FAILED, ok ? Outcome.SUCCESS : Outcome.FAILURE, caller,
                methods.stream().map(VerifyMethod::jsonName).sorted().reduce((a, b) -> a + "," + b).orElse(""));
        lockedForGood(user, confirmation.outcome(), caller);
        return confirmation;
    }

    /**
     * Sends the code that proves {@code method}'s channel before it is added to the methods of
     * {@code user}, whose second factor is on, for the sign-in {@code signInId}, in {@code locale}.
     * Only an email, SMS or call method the settings allow and the user does not have yet can be
     * added; anything else is {@link SendOutcome.Result#NOT_ALLOWED}.
     */
    public SendOutcome sendToAddMethod(String user, VerifyMethod method, String signInId, Locale locale,
            Caller caller) {
        String publicUrl = settings.paths().publicUrl();
        SendOutcome outcome = methodChanges.addable(method)
                ? sending.sendToAdd(user, method, signInId, locale, publicUrl == null ? null : URI.create(publicUrl).getHost())
                : SendOutcome.of(SendOutcome.Result.NOT_ALLOWED);
        boolean sent = outcome.result() == SendOutcome.Result.SENT;
        record(user, Type.CODE_SENT, sent ? Outcome.SUCCESS : Outcome.FAILURE, caller, method.jsonName() + ":add"
                + (sent ? "" : ":" + outcome.result().name().toLowerCase(Locale.ROOT)));
        return outcome;
    }

    /**
     * Adds {@code method} to the methods of {@code user} when {@code code} is the one
     * {@link #sendToAddMethod} sent for the sign-in {@code signInId}; the user is told by email.
     */
    public MethodChange addMethod(String user, VerifyMethod method, String code, String signInId, Caller caller) {
        MethodChange change = methodChanges.add(user, method, code, signInId);
        switch (change.result()) {
            case ADDED -> {
                record(user, Type.METHOD_ADDED, Outcome.SUCCESS, caller, method.jsonName());
                sending.notice(user, SecurityNotice.METHOD_ADDED, null, noticeLocale(user, caller));
            }
            case CODE_REFUSED -> {
                boolean locked = change.code().result() == VerifyOutcome.Result.LOCKED;
                record(user, locked ? Type.LOCKED_OUT : Type.VERIFY_FAILED, locked ? Outcome.DENIED : Outcome.FAILURE,
                        caller, "add:" + method.jsonName());
                lockedForGood(user, change.code(), caller);
            }
            default -> record(user, Type.METHOD_ADDED, Outcome.DENIED, caller,
                    method.jsonName() + ":" + change.result().name().toLowerCase(Locale.ROOT));
        }
        return change;
    }

    /**
     * Removes {@code method} from the methods of {@code user}, unless no other method that can
     * prove a sign-in would remain; the user is told by email.
     */
    public MethodChange removeMethod(String user, VerifyMethod method, Caller caller) {
        MethodChange change = methodChanges.remove(user, method);
        if (change.changed()) {
            record(user, Type.METHOD_REMOVED, Outcome.SUCCESS, caller, method.jsonName());
            sending.notice(user, SecurityNotice.METHOD_REMOVED, null, noticeLocale(user, caller));
        } else {
            record(user, Type.METHOD_REMOVED, Outcome.DENIED, caller,
                    method.jsonName() + ":" + change.result().name().toLowerCase(Locale.ROOT));
        }
        return change;
    }

    /** Turns the user's second factor off, withdrawing consent and voiding trusted devices. */
    public void disable(String user, Caller caller) {
        enrollment.disable(user);
        record(user, Type.DISABLED, Outcome.SUCCESS, caller, "");
        sending.notice(user, SecurityNotice.TWO_STEP_DISABLED, null, noticeLocale(user, caller));
    }

    /** A new set of backup codes, as shown to the user once. */
    public List<String> regenerateBackupCodes(String user, Caller caller) {
        List<String> codes = enrollment.regenerateBackupCodes(user);
        record(user, Type.BACKUP_CODES_REGENERATED, Outcome.SUCCESS, caller, "");
        sending.notice(user, SecurityNotice.BACKUP_CODES_REGENERATED, null, noticeLocale(user, caller));
        return codes;
    }

    /** Trusts the caller's browser for {@code trustThisDevice} days; answers the token for its cookie. */
    public TrustIssued trustDevice(String user, Caller caller) {
        return trustDevice(user, settings.trustThisDevice(), caller);
    }

    /** Trusts (authorises) the caller's browser for {@code days}; answers the token for its cookie. */
    public TrustIssued trustDevice(String user, int days, Caller caller) {
        TrustIssued issued = trust.trust(user, caller.userAgent(), days);
        record(user, Type.DEVICE_TRUSTED, Outcome.SUCCESS, caller, issued.device().label());
        sending.notice(user, SecurityNotice.NEW_TRUSTED_DEVICE, issued.device().label(), noticeLocale(user, caller));
        return issued;
    }

    /** The user's unexpired trusted devices, oldest first. */
    public List<TrustedDevice> devices(String user) {
        return trust.list(user);
    }

    /** Revokes one trusted device; false if there is no such device. */
    public boolean revokeDevice(String user, String deviceId, Caller caller) {
        boolean revoked = TrustedDevice.isId(deviceId) && trust.revoke(user, deviceId);
        if (revoked) {
            record(user, Type.DEVICE_REVOKED, Outcome.SUCCESS, caller, "");
        }
        return revoked;
    }

    /** The user's password changed: every trusted device is voided. */
    public void passwordChanged(String user) {
        trust.revokeAll(user);
        record(user, Type.TRUST_REVOKED, Outcome.SUCCESS, Caller.APPLICATION, "password_changed");
    }

    /**
     * Spends on a name nobody has (password-less sign-in) the store and record work that
     * {@code updates} updates of a user's record cost, writing nothing, so that an answer's time
     * does not tell the two apart.
     */
    public void imitateRecordWork(String name, int updates) {
        for (int i = 0; i < updates; i++) {
            records.imitateUpdate(name);
        }
    }

    /** The user's record as an administrator sees it; empty if they never set anything up. */
    public Optional<UserRecord> lookup(String user) {
        return administration.record(user);
    }

    /**
     * What an administrator is shown of {@code user}'s second factor now.
     *
     * @throws io.github.twostep.store.UnknownUserException if the store has no such user
     */
    public AccountSummary summary(String user) {
        return Summaries.of(user, administration.record(user).orElse(null), clock.instant());
    }

    /** Administrator reset: the next sign-in starts from nothing; trust voided. Idempotent. */
    public void reset(String user, Caller caller) {
        administration.reset(user);
        record(user, Type.RESET, Outcome.SUCCESS, caller, "");
        sending.notice(user, SecurityNotice.ADMIN_RESET, null, rememberedLocale(user));
    }

    // ---- security keys and passkeys (WebAuthn) ----

    /** Whether security keys are on ({@code verify.webauthn.enabled}). */
    public boolean securityKeysEnabled() {
        return keys.enabled();
    }

    /** The user's registered security keys, oldest first; none when they have no record. */
    public List<SecurityKey> securityKeys(String user) {
        return lookup(user).map(UserRecord::securityKeys).orElse(List.of());
    }

    /**
     * Begins registering a key for {@code user}: empty when security keys are off or the user has
     * {@code maxKeys} keys already. Gives the user a WebAuthn user handle first if they have none.
     */
    public Optional<KeyOptions> keyRegistrationOptions(String user) {
        if (!keys.enabled()) {
            return Optional.empty();
        }
        String fresh = handles.newHandle(user);
        UserRecord record = records.change(user, r -> r.withUserHandle(fresh));
        if (record.securityKeys().size() >= keys.maxKeys()) {
            return Optional.empty();
        }
        return Optional.of(keys.registration(user, record));
    }

    /**
     * Finishes a registration: verifies {@code credentialJson} against {@code ceremony} (taken out
     * of the session) and adds the key named {@code name} in one compare-and-set. For a user
     * without a second factor the key becomes it: two-step verification is on, backup codes are
     * issued (answered once), and trusted browsers are voided, as for any first set-up.
     */
    public KeyRegistration registerKey(String user, WebAuthnCeremony ceremony, String credentialJson, String name,
            Caller caller) {
        if (!keys.enabled() || !keys.open(ceremony, Purpose.REGISTER, user)) {
            return KeyRegistration.refused(KeyRegistration.Result.NO_CEREMONY);
        }
        Optional<SecurityKey> key = keys.verifyRegistration(ceremony, credentialJson, name);
        if (key.isEmpty()) {
            record(user, Type.VERIFY_FAILED, Outcome.FAILURE, caller, "webauthn_registration");
            return KeyRegistration.refused(KeyRegistration.Result.INVALID);
        }
        List<String> codes = new RandomCodes(random).backupCodes(settings.backupCodes().count(),
                settings.backupCodes().length());
        List<String> codeHashes = codes.stream().map(hashes::hash).toList();
        Instant now = clock.instant();
        KeyRegistration registration;
        try {
            registration = records.update(user, record -> {
                Optional<UserRecord> added = record.addSecurityKey(key.get(), keys.maxKeys());
                if (added.isEmpty()) {
                    return RecordUpdate.keep(KeyRegistration.refused(KeyRegistration.Result.TOO_MANY));
                }
                if (record.enabled()) {
                    return RecordUpdate.write(added.get(), new KeyRegistration(KeyRegistration.Result.REGISTERED,
                            key.get(), List.of()));
                }
                UserRecord first = added.get().withConsent(true).withMessageCode(null).bumpTrustEpoch()
                        .enableWithKeys().regenerateBackupCodes(codeHashes).markVerified(now)
                        .withLanguage(CallerLanguage.of(caller));
                return RecordUpdate.write(first, new KeyRegistration(KeyRegistration.Result.REGISTERED, key.get(),
                        codes.stream().map(CodeFormat::grouped).toList()));
            });
        } catch (RecordTooLargeException e) {
            return KeyRegistration.refused(KeyRegistration.Result.TOO_LARGE);
        }
        if (registration.result() == KeyRegistration.Result.REGISTERED) {
            record(user, Type.WEBAUTHN_REGISTERED, Outcome.SUCCESS, caller, registration.backupCodes().isEmpty()
                    ? "" : "first_factor");
            sending.notice(user, SecurityNotice.SECURITY_KEY_ADDED, registration.key().name(),
                    noticeLocale(user, caller));
        }
        return registration;
    }

    /** Begins proving the second factor with a key: empty when keys are off or the user has none. */
    public Optional<KeyOptions> keyAuthenticationOptions(String user) {
        if (!keys.enabled()) {
            return Optional.empty();
        }
        Optional<UserRecord> record;
        try {
            record = lookup(user);
        } catch (UnknownUserException e) {
            return Optional.empty(); // a name no user has (password-less sign-in) answers as one without keys
        }
        return record.filter(r -> r.enabled() && !r.securityKeys().isEmpty()).map(r -> keys.authentication(user, r));
    }

    /**
     * Completes the challenge with a key's signature, as {@link #completeChallenge} does with a
     * code: the assertion is checked against {@code ceremony} (taken out of the session) and the
     * user's key, and in one compare-and-set the key's counter and the signed challenge are
     * kept (so one assertion is accepted once, on any node), the session's user verified, and
     * the browser trusted if asked. A wrong or foreign assertion counts toward the lock like a
     * wrong code; one whose counter went backwards is audited {@code webauthn_counter_error}.
     * Without an open ceremony nothing was signed for this session: invalid, and not counted.
     */
    public ChallengeCompletion completeKeyChallenge(String user, WebAuthnCeremony ceremony, String credentialJson,
            boolean trustRequested, Caller caller) {
        if (!keys.enabled() || !keys.open(ceremony, Purpose.AUTHENTICATE, user)) {
            return new ChallengeCompletion(VerifyOutcome.invalid(), null, false);
        }
        int days = trustRequested ? settings.trustThisDevice() : 0;
        TrustIssued issued = days > 0 ? trust.issue(caller.userAgent(), days) : null;
        Optional<SecurityKeys.Assertion> assertion = keys.parse(credentialJson);
        KeyCheck check = records.update(user, record -> {
            if (!record.enabled()) {
                return RecordUpdate.keep(new KeyCheck(VerifyOutcome.invalid(), false));
            }
            return signed(record, assertion, ceremony, caller, issued == null ? UnaryOperator.identity()
                    : trust.adding(issued));
        });
        auditKey(user, check, caller);
        if (!check.outcome().isVerified() || issued == null) {
            return new ChallengeCompletion(check.outcome(), null, false);
        }
        record(user, Type.DEVICE_TRUSTED, Outcome.SUCCESS, caller, issued.device().label());
        sending.notice(user, SecurityNotice.NEW_TRUSTED_DEVICE, issued.device().label(), noticeLocale(user, caller));
        return new ChallengeCompletion(check.outcome(), issued, false);
    }

    /** Begins a passkey sign-in (no user yet); empty unless {@code passkeyLogin} is on. */
    public Optional<KeyOptions> passkeyLoginOptions() {
        return keys.enabled() && settings.verify().webauthn().passkeyLogin() ? Optional.of(keys.login())
                : Optional.empty();
    }

    /**
     * Finishes a passkey sign-in: the user is the one whose record holds exactly the user handle
     * the authenticator answered and the key it signed with; the signature, with the user
     * verified, is both factors at once. Answers the user and the verification; empty when no
     * user matches (nothing is counted then: there is no one to count against).
     */
    public Optional<PasskeySignIn> passkeyLogin(WebAuthnCeremony ceremony, String credentialJson, Caller caller) {
        if (passkeyLoginOptions().isEmpty() || !keys.open(ceremony, Purpose.LOGIN, null)) {
            return Optional.empty();
        }
        Optional<SecurityKeys.Assertion> assertion = keys.parse(credentialJson);
        if (assertion.isEmpty() || assertion.get().userHandle() == null) {
            return Optional.empty();
        }
        for (String candidate : handles.candidates(assertion.get().userHandle())) {
            Optional<UserRecord> record;
            try {
                record = lookup(candidate);
            } catch (UnknownUserException e) {
                continue;
            }
            if (record.isEmpty() || !UserHandles.same(record.get().userHandle(), assertion.get().userHandle())
                    || record.get().securityKey(assertion.get().keyId()).isEmpty()) {
                continue;
            }
            KeyCheck check = records.update(candidate, current -> current.enabled()
                    && UserHandles.same(current.userHandle(), assertion.get().userHandle())
                    ? signed(current, assertion, ceremony, caller, UnaryOperator.identity())
                    : RecordUpdate.keep(new KeyCheck(VerifyOutcome.invalid(), false)));
            auditKey(candidate, check, caller);
            if (check.outcome().isVerified()) {
                record(candidate, Type.LOGIN, Outcome.SUCCESS, caller, "passkey");
                return Optional.of(new PasskeySignIn(candidate, check.outcome().trustEpoch()));
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** One check of an assertion against {@code record}, as the record update that follows from it. */
    private RecordUpdate<KeyCheck> signed(UserRecord record, Optional<SecurityKeys.Assertion> assertion,
            WebAuthnCeremony ceremony, Caller caller, UnaryOperator<UserRecord> alsoOnSuccess) {
        Instant now = clock.instant();
        if (record.isLocked(now)) {
            return RecordUpdate.keep(new KeyCheck(Lockouts.refused(record, now), false));
        }
        Optional<SecurityKey> key = assertion.flatMap(a -> record.securityKey(a.keyId()));
        SecurityKeys.Check check = key.isEmpty() ? SecurityKeys.Check.INVALID
                : keys.check(assertion.get(), key.get(), ceremony);
        if (check == SecurityKeys.Check.VALID) {
            SecurityKeys.Assertion a = assertion.get();
            Optional<UserRecord> used = record.useSecurityKey(a.keyId(), SecurityKeys.signCount(a),
                    SecurityKeys.backedUp(a), SecurityKeys.digest(ceremony), now);
            if (used.isPresent()) {
                UserRecord next = used.get().markVerified(now).withLanguage(CallerLanguage.of(caller));
                return RecordUpdate.write(alsoOnSuccess.apply(next),
                        new KeyCheck(VerifyOutcome.verified(Factor.SECURITY_KEY, 0, next.trustEpoch()), false));
            }
            check = SecurityKeys.Check.COUNTER;
        }
        UserRecord failed = record.recordFailure(now, Lockouts.rule(settings.lockout()));
        return RecordUpdate.write(failed, new KeyCheck(Lockouts.failed(failed), check == SecurityKeys.Check.COUNTER));
    }

    /** An assertion's outcome, and whether its counter went backwards (or it was replayed). */
    private record KeyCheck(VerifyOutcome outcome, boolean counterError) {
    }

    private void auditKey(String user, KeyCheck check, Caller caller) {
        if (check.counterError()) {
            record(user, Type.WEBAUTHN_COUNTER_ERROR, Outcome.DENIED, caller, "");
        }
        audit(user, check.outcome(), caller);
    }

    /** Renames one of the user's keys; false if there is no such key. */
    public boolean renameKey(String user, String id, String name, Caller caller) {
        boolean renamed = records.update(user, record -> record.renameSecurityKey(id, name)
                .map(next -> RecordUpdate.write(next, Boolean.TRUE)).orElse(RecordUpdate.keep(Boolean.FALSE)));
        if (renamed) {
            record(user, Type.WEBAUTHN_RENAMED, Outcome.SUCCESS, caller, "");
        }
        return renamed;
    }

    /** How removing a key ended. */
    public enum KeyRemoval {
        REMOVED,
        NOT_FOUND,
        /** It is the user's only second factor: turn two-step verification off instead. */
        LAST_FACTOR
    }

    /** Removes one of the user's keys, never the last factor of a user who has nothing else. */
    public KeyRemoval removeKey(String user, String id, Caller caller) {
        Optional<SecurityKey> removedKey = lookup(user).flatMap(r -> r.securityKey(id));
        KeyRemoval removal = records.update(user, record -> {
            if (record.securityKey(id).isEmpty()) {
                return RecordUpdate.keep(KeyRemoval.NOT_FOUND);
            }
            boolean otherMethod = record.methods().stream().anyMatch(settings.verify()::allows);
            if (record.enabled() && !otherMethod && record.securityKeys().size() == 1) {
                return RecordUpdate.keep(KeyRemoval.LAST_FACTOR);
            }
            return RecordUpdate.write(record.removeSecurityKey(id).orElseThrow(), KeyRemoval.REMOVED);
        });
        if (removal == KeyRemoval.REMOVED) {
            record(user, Type.WEBAUTHN_REMOVED, Outcome.SUCCESS, caller, "");
            sending.notice(user, SecurityNotice.SECURITY_KEY_REMOVED, removedKey.map(SecurityKey::name).orElse(""),
                    noticeLocale(user, caller));
        }
        return removal;
    }

    /** The language of a notice the user caused: their browser's, else the one remembered, else English. */
    private Locale noticeLocale(String user, Caller caller) {
        return caller.locale() != null ? caller.locale() : rememberedLocale(user);
    }

    /**
     * The language of the browser that last proved a code for {@code user}, else English (also
     * when the record cannot be read: a notice is best effort and never fails the action).
     */
    private Locale rememberedLocale(String user) {
        try {
            return lookup(user).map(UserRecord::language).map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
        } catch (RuntimeException e) {
            return Locale.ENGLISH;
        }
    }

    /** Administrator unlock: failures and lock cleared. */
    public void unlock(String user, Caller caller) {
        administration.unlock(user);
        record(user, Type.UNLOCKED, Outcome.SUCCESS, caller, "");
    }

    /** A new emergency code for the user, shown once to the administrator. */
    public IssuedCode emergencyCode(String user, Caller caller) {
        IssuedCode code = administration.emergencyCode(user);
        record(user, Type.EMERGENCY_CODE_CREATED, Outcome.SUCCESS, caller, "");
        return code;
    }

    /**
     * Stores the operator's one-time code for a user who called; answers its expiry, or empty
     * when the code is not 4 to 20 letters or digits (nothing is stored then).
     */
    public Optional<Instant> operatorCode(String user, String code, Caller caller) {
        Optional<Instant> expires = administration.operatorCode(user, code);
        if (expires.isPresent()) {
            record(user, Type.OPERATOR_CODE_CREATED, Outcome.SUCCESS, caller, "");
        }
        return expires;
    }

    /** The audit trail of one user, oldest first. */
    public List<AuditEvent> auditTrail(String user, int limit) {
        return audit.recent(user, limit);
    }

    /** Records an event that the web layer observed (sign-in, sign-out, decisions in report-only mode). */
    public void record(String user, Type type, Outcome outcome, Caller caller, String detail) {
        try {
            audit.record(new AuditEvent(clock.instant(), user, type, outcome, caller.remoteAddr(), caller.userAgent(),
                    detail));
        } catch (RuntimeException e) {
            // an application's sink may fail in any way; the operation it records has happened
            LOG.warn("Audit event {} could not be recorded: {}", type.wireName(), e.toString());
        }
    }
}
