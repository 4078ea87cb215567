package io.github.twostep.benchmarks;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.github.twostep.Caller;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.config.UserVerification;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.Contacts;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.ChallengeCompletion;
import io.github.twostep.internal.core.Evaluation;
import io.github.twostep.internal.core.KeyOptions;
import io.github.twostep.internal.core.KeyRegistration;
import io.github.twostep.internal.core.SetupConfirmation;
import io.github.twostep.internal.core.SoftwareAuthenticator;
import io.github.twostep.internal.core.WebAuthnCeremony;
import io.github.twostep.internal.otp.Hotp;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.otp.TotpMatch;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.internal.store.KeyRing;
import io.github.twostep.internal.store.SecurityKey;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of proving the second factor once, in the same run: one accepted TOTP code through
 * {@link Accounts#completeChallenge} ({@code totp}) next to one accepted security-key assertion
 * through {@link Accounts#completeKeyChallenge} ({@code securityKey}), both on the in-memory
 * store with the default settings, and for scale the checks alone: webauthn4j's
 * {@code WebAuthnManager.verify} of a parsed assertion ({@code assertionOnly}), the JDK's
 * ECDSA P-256 verification of its signature ({@code ecdsaOnly}), and TwoStep's TOTP engine on
 * a code ({@code totpCodeOnly}).
 *
 * <p>Every variant succeeds on every call: the two through {@code Accounts} are checked after
 * each invocation and the run stops on the first that is not verified; webauthn4j throws on a
 * failed verification; the ECDSA and TOTP checks throw when they answer no.
 *
 * <p>Both {@code Accounts} variants need fresh input per call (a code of a step not used yet, a
 * ceremony not used yet), so it is made in {@code @Setup(Level.Invocation)}, outside the
 * measured time. JMH warns that per-invocation fixtures distort operations of a few
 * microseconds or less (timestamps around each call); these read, decode, change, encode and
 * compare-and-set a record and, for a key, verify a signature: far more work than that, so the
 * distortion is below the noise. The "only" variants need no fresh input and run without it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WebAuthnVerifyBenchmark {
    static final String ORIGIN = "https://app.example.com";
    static final String RP_ID = "app.example.com";
    static final String USER = "alice";
    static final Caller CALLER = new Caller("127.0.0.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    private static final String SETTINGS = "{\"paths\": {\"publicUrl\": \"" + ORIGIN + "\"},"
            + " \"login\": {\"mode\": \"builtin\"}, \"verify\": {\"webauthn\": {\"enabled\": true}}}";

    /**
     * Accounts over the in-memory store and a clock that can be moved forward. Audit events and
     * messages go nowhere: both variants record one event per success, and a log line each would
     * measure the logger.
     */
    static final class Core {
        final ShiftableClock clock = new ShiftableClock();
        final Settings settings = new SettingsLoader(name -> null)
                .load(new ByteArrayInputStream(SETTINGS.getBytes(StandardCharsets.UTF_8)), "bench.json");
        final Accounts accounts = new Accounts(settings, new InMemoryUserDataStore(),
                KeyRing.of("k1", new SecureRandom().generateSeed(32)), event -> { }, clock, new SecureRandom(),
                message -> { }, user -> new Contacts(user + "@example.com", null));
    }

    /** A user with the app; before each call the clock moves one period on and the code of now is ready. */
    @State(Scope.Thread)
    public static class TotpState {
        Core core;
        Totp totp;
        Hotp key;
        Evaluation challenged;
        String code;
        ChallengeCompletion last;

        @Setup(Level.Trial)
        public void enrol() {
            core = new Core();
            Accounts accounts = core.accounts;
            OtpSecret secret = OtpSecret.fromBase32(accounts.startSetup(USER, CALLER).secret());
            totp = new Totp(core.settings.code().algorithm(), core.settings.code().length(),
                    core.settings.code().period(), core.settings.code().window(), core.clock);
            key = totp.key(secret);
            SetupConfirmation confirmation = accounts.confirmSetup(USER, key.generate(totp.currentStep()),
                    Set.of(VerifyMethod.APP), "sign-in", CALLER);
            if (!confirmation.outcome().isVerified()) {
                throw new IllegalStateException("enrolment failed: " + confirmation.outcome());
            }
            challenged = accounts.evaluate(USER, null, CALLER);
        }

        /** A step not used yet: an accepted code is refused for its step and every earlier one. */
        @Setup(Level.Invocation)
        public void nextCode() {
            core.clock.advance(Duration.ofSeconds(core.settings.code().period()));
            code = key.generate(totp.currentStep());
        }

        @TearDown(Level.Invocation)
        public void checkVerified() {
            if (last == null || !last.outcome().isVerified()) {
                throw new IllegalStateException("a TOTP code was not accepted: " + (last == null ? "none" : last.outcome()));
            }
            last = null;
        }
    }

    /** A user with a security key as the only factor; before each call a ceremony is opened and answered. */
    @State(Scope.Thread)
    public static class KeyState {
        Core core;
        SoftwareAuthenticator authenticator;
        WebAuthnCeremony ceremony;
        String assertion;
        ChallengeCompletion last;

        @Setup(Level.Trial)
        public void register() {
            core = new Core();
            authenticator = new SoftwareAuthenticator(ORIGIN, false);
            registerKey(core.accounts, authenticator);
        }

        @Setup(Level.Invocation)
        public void nextAssertion() {
            KeyOptions options = core.accounts.keyAuthenticationOptions(USER).orElseThrow();
            ceremony = options.ceremony();
            assertion = authenticator.authenticate(options.json());
        }

        @TearDown(Level.Invocation)
        public void checkVerified() {
            if (last == null || !last.outcome().isVerified()) {
                throw new IllegalStateException("an assertion was not accepted: " + (last == null ? "none" : last.outcome()));
            }
            last = null;
        }
    }

    /**
     * One assertion parsed once, and what checking it needs built once: the same check as
     * TwoStep's, without the JSON, the record and its store.
     */
    @State(Scope.Thread)
    public static class SignatureState {
        final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(new ObjectConverter());
        AuthenticationData data;
        AuthenticationParameters parameters;
        CredentialRecord record;
        long storedCount;
        PublicKey publicKey;
        byte[] signedBytes;
        byte[] signature;

        @Setup(Level.Trial)
        public void prepare() throws GeneralSecurityException {
            Core core = new Core();
            SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN, false);
            registerKey(core.accounts, authenticator);
            SecurityKey key = core.accounts.securityKeys(USER).get(0);
            ObjectConverter converter = new ObjectConverter();
            COSEKey cose = converter.getCborConverter().readValue(key.publicKeyBytes(), COSEKey.class);
            storedCount = key.signCount();
            record = new CredentialRecordImpl(new NoneAttestationStatement(), null,
                    key.backupEligible(), key.backedUp(), key.signCount(),
                    new AttestedCredentialData(AAGUID.ZERO, key.idBytes(), cose), null, null, null, Set.of());
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            data = manager.parseAuthenticationResponseJSON(authenticator.assertion(RP_ID, challenge));
            boolean uv = core.settings.verify().webauthn().userVerification() == UserVerification.REQUIRED;
            parameters = new AuthenticationParameters(new ServerProperty(new Origin(ORIGIN), RP_ID,
                    new DefaultChallenge(challenge)), record, List.of(key.idBytes()), uv, true);
            publicKey = cose.getPublicKey();
            byte[] clientDataHash = MessageDigest.getInstance("SHA-256").digest(data.getCollectedClientDataBytes());
            byte[] authenticatorData = data.getAuthenticatorDataBytes();
            signedBytes = ByteBuffer.allocate(authenticatorData.length + clientDataHash.length).put(authenticatorData)
                    .put(clientDataHash).array();
            signature = data.getSignature();
        }
    }

    /** The app's code of now, checked by TwoStep's TOTP engine against the default window, nothing else. */
    @State(Scope.Thread)
    public static class CodeState {
        Totp totp;
        Hotp key;
        String code;

        @Setup(Level.Trial)
        public void prepare() {
            Settings settings = new Core().settings;
            totp = new Totp(settings.code().algorithm(), settings.code().length(), settings.code().period(),
                    settings.code().window(), Clock.fixed(Instant.ofEpochSecond(1_700_000_010L), ZoneOffset.UTC));
            key = totp.key(OtpSecret.of(new SecureRandom().generateSeed(20)));
            code = key.generate(totp.currentStep());
        }
    }

    static void registerKey(Accounts accounts, SoftwareAuthenticator authenticator) {
        KeyOptions options = accounts.keyRegistrationOptions(USER).orElseThrow();
        KeyRegistration registration = accounts.registerKey(USER, options.ceremony(),
                authenticator.register(options.json()), "Bench key", CALLER);
        if (registration.result() != KeyRegistration.Result.REGISTERED) {
            throw new IllegalStateException("registration failed: " + registration.result());
        }
    }

    @Benchmark
    public ChallengeCompletion totp(TotpState state) {
        state.last = state.core.accounts.completeChallenge(USER, state.code, "sign-in", state.challenged, false, CALLER);
        return state.last;
    }

    @Benchmark
    public ChallengeCompletion securityKey(KeyState state) {
        state.last = state.core.accounts.completeKeyChallenge(USER, state.ceremony, state.assertion, false, CALLER);
        return state.last;
    }

    /**
     * webauthn4j's verification of an assertion already parsed: client data, flags, counter,
     * signature. webauthn4j moves the record's counter on after a success, so it is put back to
     * the stored one first (a field write), else the second call would be a replay.
     */
    @Benchmark
    public AuthenticationData assertionOnly(SignatureState state) {
        state.record.setCounter(state.storedCount);
        return state.manager.verify(state.data, state.parameters);
    }

    /** The signature alone: ECDSA P-256 with SHA-256 over authenticator data and client-data hash. */
    @Benchmark
    public boolean ecdsaOnly(SignatureState state) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(state.publicKey);
        verifier.update(state.signedBytes);
        if (!verifier.verify(state.signature)) {
            throw new IllegalStateException("the signature did not verify");
        }
        return true;
    }

    @Benchmark
    public TotpMatch totpCodeOnly(CodeState state) {
        Optional<TotpMatch> match = state.totp.verify(state.key, state.code);
        if (match.isEmpty()) {
            throw new IllegalStateException("the code did not verify");
        }
        return match.get();
    }
}
