package io.github.twostep.internal.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A security key in software for tests: a P-256 key pair made by the JDK, the authenticator data
 * and client data built with webauthn4j's converters, signed as a real authenticator signs. It
 * answers creation and request options (WebAuthn's JSON form) with what
 * {@code PublicKeyCredential.toJSON()} gives in a browser.
 */
public final class SoftwareAuthenticator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte UP = AuthenticatorData.BIT_UP;
    private static final byte UV = AuthenticatorData.BIT_UV;
    private static final byte AT = AuthenticatorData.BIT_AT;

    private final ObjectConverter converter = new ObjectConverter();
    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private String origin;
    private final boolean counting;
    private byte[] userHandle;
    private long counter;

    /** A key that answers as if on {@code origin}, with a counter unless {@code counterless} (as most passkeys). */
    public SoftwareAuthenticator(String origin, boolean counterless) {
        this.origin = origin;
        this.counting = !counterless;
        new SecureRandom().nextBytes(credentialId);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The credential id, base64url. */
    public String id() {
        return b64(credentialId);
    }

    /** From now on answers as if on a page of {@code pageOrigin}: what a browser writes on a relay site. */
    public void onOrigin(String pageOrigin) {
        origin = pageOrigin;
    }

    /** The signature counter the key will report next time minus one. */
    public long counter() {
        return counter;
    }

    /** Sets the counter, to act as a cloned key that lags behind. */
    public void counter(long value) {
        counter = value;
    }

    /** Answers creation options ({@code {"publicKey": {...}}}) with a registration credential. */
    public String register(String optionsJson) {
        JsonNode options = read(optionsJson).path("publicKey");
        String rpId = options.path("rp").path("id").asText();
        userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asText());
        byte[] challenge = Base64.getUrlDecoder().decode(options.path("challenge").asText());
        counter = counting ? 1 : 0;
        AuthenticatorData<?> data = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (UP | UV | AT), counter, new AttestedCredentialData(AAGUID.ZERO, credentialId,
                        EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttestationObject attestation = new AttestationObject((AuthenticatorData) data, new NoneAttestationStatement());
        byte[] clientData = clientData(ClientDataType.WEBAUTHN_CREATE, challenge);
        ObjectNode credential = credential();
        credential.putObject("response").put("clientDataJSON", b64(clientData))
                .put("attestationObject", b64(new AttestationObjectConverter(converter).convertToBytes(attestation)))
                .putArray("transports").add("usb");
        return credential.toString();
    }

    /** Answers request options with an assertion signed for {@code rpId} of the options. */
    public String authenticate(String optionsJson) {
        JsonNode options = read(optionsJson).path("publicKey");
        byte[] challenge = Base64.getUrlDecoder().decode(options.path("challenge").asText());
        return assertion(options.path("rpId").asText(), challenge);
    }

    /** An assertion over {@code challenge} for {@code rpId}. */
    public String assertion(String rpId, byte[] challenge) {
        if (counting) {
            counter++;
        }
        byte[] data = new AuthenticatorDataConverter(converter).convert(
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (UP | UV), counter));
        byte[] clientData = clientData(ClientDataType.WEBAUTHN_GET, challenge);
        byte[] signed;
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(ByteBuffer.allocate(data.length + 32).put(data).put(sha256(clientData)).array());
            signed = signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode credential = credential();
        ObjectNode response = credential.putObject("response").put("clientDataJSON", b64(clientData))
                .put("authenticatorData", b64(data)).put("signature", b64(signed));
        if (userHandle != null) {
            response.put("userHandle", b64(userHandle));
        }
        return credential.toString();
    }

    private ObjectNode credential() {
        ObjectNode credential = JSON.createObjectNode().put("id", id()).put("rawId", id()).put("type", "public-key");
        credential.putObject("clientExtensionResults");
        credential.put("authenticatorAttachment", "cross-platform");
        return credential;
    }

    private byte[] clientData(ClientDataType type, byte[] challenge) {
        return new CollectedClientDataConverter(converter).convertToBytes(
                new CollectedClientData(type, new DefaultChallenge(challenge), new Origin(origin), null));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
