package io.github.twostep.internal.otp;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.Algorithm;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=…&digits=…&period=…} URI,
 * the format authenticator apps scan from a QR code. Issuer and account are percent-encoded per
 * RFC 3986 (a colon inside them becomes {@code %3A}, a space {@code %20}, non-ASCII its UTF-8
 * bytes); the colon between them stays literal, and starts the label when there is no issuer
 * but the account holds a colon. {@link #toString()} hides the secret.
 *
 * @param issuer the service name; empty for none
 * @param account the user's name at the issuer, not empty
 * @param periodSeconds length of one time step
 */
public record OtpAuthUri(String issuer, String account, OtpSecret secret, Algorithm algorithm,
        int digits, int periodSeconds) {
    private static final String PREFIX = "otpauth://totp/";

    /** @throws IllegalArgumentException for an empty account, digits outside 4–10 or a period below 1 */
    public OtpAuthUri {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(algorithm, "algorithm");
        if (account.isBlank()) {
            throw new IllegalArgumentException("account must not be blank");
        }
        Hotp.checkDigits(digits);
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("periodSeconds must be at least 1");
        }
    }

    /** The URI text, with every parameter written out (apps differ in their defaults). */
    public String toUri() {
        StringBuilder uri = new StringBuilder(PREFIX);
        if (!issuer.isEmpty() || account.indexOf(':') >= 0) {
            // Without the separator, parse would split an encoded colon in the account as issuer:account.
            uri.append(PercentCoding.encode(issuer)).append(':');
        }
        uri.append(PercentCoding.encode(account))
                .append("?secret=").append(secret.toBase32());
        if (!issuer.isEmpty()) {
            uri.append("&issuer=").append(PercentCoding.encode(issuer));
        }
        return uri.append("&algorithm=").append(algorithm.name())
                .append("&digits=").append(digits)
                .append("&period=").append(periodSeconds)
                .toString();
    }

    /**
     * Reads a TOTP URI back. Missing {@code algorithm}, {@code digits} and {@code period} take the
     * Key URI defaults (SHA1, 6, 30); unknown parameters (such as {@code image}) are ignored.
     *
     * @throws TwoStepException if the text is not a valid TOTP URI; the message never contains
     *     the URI or the secret
     */
    public static OtpAuthUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new TwoStepException("Not an otpauth://totp/ URI");
        }
        int query = uri.indexOf('?');
        if (query < 0) {
            throw new TwoStepException("otpauth URI has no parameters");
        }
        try {
            String[] label = splitLabel(uri.substring(PREFIX.length(), query));
            Map<String, String> parameters = parameters(uri.substring(query + 1));
            String issuer = issuer(label[0], parameters.get("issuer"));
            String secret = parameters.get("secret");
            if (secret == null) {
                throw new TwoStepException("otpauth URI has no secret");
            }
            return new OtpAuthUri(issuer, label[1], OtpSecret.fromBase32(secret),
                    algorithm(parameters.getOrDefault("algorithm", "SHA1")),
                    number(parameters.getOrDefault("digits", "6"), "digits"),
                    number(parameters.getOrDefault("period", "30"), "period"));
        } catch (IllegalArgumentException e) {
            throw new TwoStepException("Invalid otpauth URI: " + e.getMessage());
        }
    }

    /**
     * [issuer, account], split at the first literal colon, else at the first encoded one; spaces
     * before the account are dropped either way.
     */
    private static String[] splitLabel(String rawLabel) {
        int colon = rawLabel.indexOf(':');
        if (colon >= 0) {
            return new String[] {PercentCoding.decode(rawLabel.substring(0, colon)),
                PercentCoding.decode(rawLabel.substring(colon + 1)).stripLeading()};
        }
        String label = PercentCoding.decode(rawLabel);
        colon = label.indexOf(':');
        return colon < 0 ? new String[] {"", label.stripLeading()}
                : new String[] {label.substring(0, colon), label.substring(colon + 1).stripLeading()};
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = PercentCoding.decode(equals < 0 ? pair : pair.substring(0, equals))
                    .toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : PercentCoding.decode(pair.substring(equals + 1));
            if (parameters.put(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' appears twice");
            }
        }
        return parameters;
    }

    private static String issuer(String fromLabel, String fromParameter) {
        if (fromParameter == null || fromLabel.isEmpty()) {
            return fromParameter == null ? fromLabel : fromParameter;
        }
        if (!fromLabel.equals(fromParameter)) {
            throw new IllegalArgumentException("issuer in label and parameter differ");
        }
        return fromLabel;
    }

    private static Algorithm algorithm(String name) {
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.name().equalsIgnoreCase(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("algorithm must be SHA1, SHA256 or SHA512");
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number");
        }
    }

    @Override
    public String toString() {
        return "OtpAuthUri[issuer=" + issuer + ", account=" + account + ", algorithm=" + algorithm
                + ", digits=" + digits + ", periodSeconds=" + periodSeconds + ", secret hidden]";
    }
}
