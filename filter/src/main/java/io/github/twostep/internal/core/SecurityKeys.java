package io.github.twostep.internal.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.github.twostep.config.Settings;
import io.github.twostep.config.UserVerification;
import io.github.twostep.config.WebAuthnSettings;
import io.github.twostep.internal.core.WebAuthnCeremony.Purpose;
import io.github.twostep.internal.store.SecurityKey;
import io.github.twostep.internal.store.UserRecord;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The WebAuthn ceremonies, checked by webauthn4j: options for the browser, and the verification
 * of what it answers, against the relying party id and origin of {@code paths.publicUrl} (never a
 * request header) and a challenge of this session. Pure: it reads a record and says what it
 * proves; {@link Accounts} writes the record in one compare-and-set.
 */
final class SecurityKeys {
    /** How long a ceremony stays open. */
    static final Duration CEREMONY = Duration.ofMinutes(5);
    private static final int CHALLENGE_BYTES = 32;
    private static final List<COSEAlgorithmIdentifier> ALGORITHMS =
            List.of(COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.EdDSA, COSEAlgorithmIdentifier.RS256);
    private static final List<PublicKeyCredentialParameters> PARAMETERS = ALGORITHMS.stream()
            .map(a -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, a)).toList();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebAuthnSettings settings;
    private final String rpId;
    private final String rpName;
    private final Origin origin;
    private final SecureRandom random;
    private final Clock clock;
    private final ObjectConverter converter;
    /** Made only when keys are on: webauthn4j needs the SLF4J API, which a WAR without keys need not have. */
    private final WebAuthnManager manager;

    SecurityKeys(Settings settings, SecureRandom random, Clock clock) {
        this.settings = settings.verify().webauthn();
        String publicUrl = settings.paths().publicUrl();
        URI uri = publicUrl == null ? null : URI.create(publicUrl);
        this.rpId = uri == null ? null : uri.getHost();
        this.origin = uri == null ? null : new Origin(uri.getScheme() + "://" + uri.getRawAuthority());
        this.rpName = settings.setup().issuer();
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.converter = enabled() ? new ObjectConverter() : null;
        this.manager = enabled() ? WebAuthnManager.createNonStrictWebAuthnManager(converter) : null;
    }

    /** Whether security keys are on (and so a relying party is known). */
    boolean enabled() {
        return settings.enabled() && rpId != null;
    }

    int maxKeys() {
        return settings.maxKeys();
    }

    /** Options to register a new key for {@code user} whose record (with its handle) is {@code record}. */
    KeyOptions registration(String user, UserRecord record) {
        WebAuthnCeremony ceremony = ceremony(Purpose.REGISTER, user);
        ObjectNode options = JSON.createObjectNode();
        options.putObject("rp").put("id", rpId).put("name", rpName);
        options.putObject("user").put("id", record.userHandle()).put("name", user).put("displayName", user);
        options.put("challenge", SecurityKey.encode(ceremony.challenge()));
        ArrayNode parameters = options.putArray("pubKeyCredParams");
        ALGORITHMS.forEach(a -> parameters.addObject().put("type", "public-key").put("alg", a.getValue()));
        options.put("timeout", CEREMONY.toMillis());
        credentials(options.putArray("excludeCredentials"), record);
        options.putObject("authenticatorSelection").put("residentKey", "preferred").put("requireResidentKey", false)
                .put("userVerification", settings.userVerification().jsonName());
        options.put("attestation", "none");
        return options(ceremony, options);
    }

    /** Options to prove the second factor with one of the keys in {@code record}. */
    KeyOptions authentication(String user, UserRecord record) {
        WebAuthnCeremony ceremony = ceremony(Purpose.AUTHENTICATE, user);
        ObjectNode options = requestOptions(ceremony, settings.userVerification());
        credentials(options.putArray("allowCredentials"), record);
        return options(ceremony, options);
    }

    /** Options for a passkey sign-in: any discoverable credential of this site, the user verified. */
    KeyOptions login() {
        WebAuthnCeremony ceremony = ceremony(Purpose.LOGIN, null);
        ObjectNode options = requestOptions(ceremony, UserVerification.REQUIRED);
        options.putArray("allowCredentials");
        return options(ceremony, options);
    }

    /**
     * The key that {@code json} (a {@code PublicKeyCredential.toJSON()} of a creation) registers,
     * named {@code name}, if it verifies against {@code ceremony}.
     */
    Optional<SecurityKey> verifyRegistration(WebAuthnCeremony ceremony, String json, String name) {
        try {
            RegistrationData data = manager.parseRegistrationResponseJSON(json);
            manager.verify(data, new RegistrationParameters(server(ceremony), PARAMETERS, uvRequired(), true));
            AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData credential = authenticator.getAttestedCredentialData();
            List<String> transports = data.getTransports() == null ? List.of() : data.getTransports().stream()
                    .map(AuthenticatorTransport::getValue).filter(t -> t.matches("[a-z-]{1,16}")).sorted().limit(8)
                    .toList();
            String label = name == null || name.isBlank() ? "Security key" : name;
            return Optional.of(new SecurityKey(SecurityKey.encode(credential.getCredentialId()), label,
                    SecurityKey.encode(converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey())),
                    authenticator.getSignCount(), transports, authenticator.isFlagBE(), authenticator.isFlagBS(),
                    clock.instant(), null));
        } catch (DataConversionException | VerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** What an assertion says before it is checked: which key, and for a passkey, which handle. */
    record Assertion(AuthenticationData data, String keyId, byte[] userHandle) {
    }

    /** {@code json} (a {@code PublicKeyCredential.toJSON()} of an assertion) read, not yet checked. */
    Optional<Assertion> parse(String json) {
        try {
            AuthenticationData data = manager.parseAuthenticationResponseJSON(json);
            if (data.getCredentialId() == null || data.getCredentialId().length == 0) {
                return Optional.empty();
            }
            return Optional.of(new Assertion(data, SecurityKey.encode(data.getCredentialId()), data.getUserHandle()));
        } catch (DataConversionException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** How an assertion's check ended. */
    enum Check {
        VALID,
        INVALID,
        /** Signed correctly, but with a counter that did not grow: a cloned key, or a replay. */
        COUNTER
    }

    /**
     * Checks {@code assertion} against {@code key} and the ceremony; a passkey sign-in
     * ({@link Purpose#LOGIN}) needs the user verified whatever the setting.
     */
    Check check(Assertion assertion, SecurityKey key, WebAuthnCeremony ceremony) {
        try {
            COSEKey publicKey = converter.getCborConverter().readValue(key.publicKeyBytes(), COSEKey.class);
            CredentialRecord record = new CredentialRecordImpl(new NoneAttestationStatement(), null,
                    key.backupEligible(), key.backedUp(), key.signCount(),
                    new AttestedCredentialData(AAGUID.ZERO, key.idBytes(), publicKey), null, null, null,
                    Set.copyOf(key.transports().stream().map(AuthenticatorTransport::create)
                            .collect(Collectors.toSet())));
            boolean uv = ceremony.purpose() == Purpose.LOGIN || uvRequired();
            manager.verify(assertion.data(), new AuthenticationParameters(server(ceremony), record,
                    List.of(key.idBytes()), uv, true));
            return Check.VALID;
        } catch (MaliciousCounterValueException e) {
            return Check.COUNTER;
        } catch (DataConversionException | VerificationException | IllegalArgumentException | NullPointerException e) {
            return Check.INVALID;
        }
    }

    /** The counter and backup state the assertion reports, for the record's update. */
    static long signCount(Assertion assertion) {
        return assertion.data().getAuthenticatorData().getSignCount();
    }

    static boolean backedUp(Assertion assertion) {
        return assertion.data().getAuthenticatorData().isFlagBS();
    }

    /** A digest of the ceremony's challenge, kept in the record so a signed challenge is used once. */
    static String digest(WebAuthnCeremony ceremony) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(ceremony.challenge());
            return SecurityKey.encode(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private boolean uvRequired() {
        return settings.userVerification() == UserVerification.REQUIRED;
    }

    private ServerProperty server(WebAuthnCeremony ceremony) {
        return new ServerProperty(origin, rpId, new DefaultChallenge(ceremony.challenge()));
    }

    private WebAuthnCeremony ceremony(Purpose purpose, String user) {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        return new WebAuthnCeremony(purpose, user, challenge, clock.instant().plus(CEREMONY));
    }

    private ObjectNode requestOptions(WebAuthnCeremony ceremony, UserVerification userVerification) {
        ObjectNode options = JSON.createObjectNode();
        options.put("challenge", SecurityKey.encode(ceremony.challenge()));
        options.put("timeout", CEREMONY.toMillis());
        options.put("rpId", rpId);
        options.put("userVerification", userVerification.jsonName());
        return options;
    }

    private static void credentials(ArrayNode list, UserRecord record) {
        for (SecurityKey key : record.securityKeys()) {
            ObjectNode credential = list.addObject().put("type", "public-key").put("id", key.id());
            if (!key.transports().isEmpty()) {
                ArrayNode transports = credential.putArray("transports");
                key.transports().forEach(transports::add);
            }
        }
    }

    private static KeyOptions options(WebAuthnCeremony ceremony, ObjectNode publicKey) {
        ObjectNode root = JSON.createObjectNode();
        root.set("publicKey", publicKey);
        return new KeyOptions(ceremony, root.toString());
    }

    /** Whether a ceremony for {@code purpose} and {@code user} is still open at this moment. */
    boolean open(WebAuthnCeremony ceremony, Purpose purpose, String user) {
        return ceremony != null && ceremony.accepts(purpose, user, clock.instant());
    }

}
