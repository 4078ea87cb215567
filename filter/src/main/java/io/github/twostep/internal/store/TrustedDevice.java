package io.github.twostep.internal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A browser the user chose to trust: a short public id (for listing and revoking), the opaque
 * hash of its cookie token, a label (cut to {@value #MAX_LABEL} characters, control characters
 * replaced), and its times. {@link #toString()} hides the token hash.
 *
 * <p>Size budget: with ids of about 12 characters and token hashes of 43 (SHA-256 in base64url),
 * 20 devices and 10 backup-code hashes of about 70 characters fit in a 4,000-character comment.
 */
public record TrustedDevice(String id, String tokenHash, String label, Instant created, Instant lastUsed,
        Instant expires) {
    /** Longest stored label; longer labels (raw User-Agent strings) are cut. */
    public static final int MAX_LABEL = 40;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public TrustedDevice {
        created = UserRecord.wholeSeconds(created);
        lastUsed = UserRecord.wholeSeconds(lastUsed);
        expires = UserRecord.wholeSeconds(expires);
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("device id must match " + ID.pattern());
        }
        UserRecord.requireHash(tokenHash);
        label = cleanLabel(Objects.requireNonNull(label, "label"));
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether {@code text} has the shape of a device id (so it can name one at all). */
    public static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** Whether the trust has run out at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expires);
    }

    /** The same device, last used at {@code now}. */
    public TrustedDevice touchedAt(Instant now) {
        return new TrustedDevice(id, tokenHash, label, created, now, expires);
    }

    private static String cleanLabel(String label) {
        StringBuilder clean = new StringBuilder(Math.min(label.length(), MAX_LABEL));
        label.codePoints().limit(MAX_LABEL).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        int end = clean.length();
        if (end > MAX_LABEL) {
            end = Character.isHighSurrogate(clean.charAt(MAX_LABEL - 1)) ? MAX_LABEL - 1 : MAX_LABEL;
        }
        return clean.substring(0, end).strip();
    }

    @Override
    public String toString() {
        return "TrustedDevice[id=" + id + ", label=" + label + ", created=" + created + ", lastUsed=" + lastUsed
                + ", expires=" + expires + "]";
    }
}
