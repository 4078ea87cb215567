package io.github.twostep.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.twostep.internal.otp.HmacSha256;
import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.MissingKeyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Puts a {@link UserRecord} into a comment and takes it out again. The block is
 * <pre>[twostep:v1:&lt;keyId&gt;:&lt;mac&gt;]{compact JSON}[/twostep]</pre>
 * Bracket markers are easy to spot for an administrator reading the column, and cannot occur
 * inside the JSON (brackets in strings are escaped). JSON keeps the format open to new fields
 * and readable in a support case; short keys keep a full record (10 backup codes, 20 devices)
 * under 4,000 characters. The MAC is HMAC-SHA256 under the key ring's record sub-key over
 * version, user (lower-cased) and JSON, cut to 128 bits: any change to the block, or a block
 * copied to another user, is detected. Text before and after the block is kept byte for byte;
 * a comment without a block is a user who is not enrolled.
 */
public final class UserRecordCodec {
    /** Opening marker prefix; the header runs to the next {@code ]}. */
    public static final String START = "[twostep:";
    /** Closing marker. */
    public static final String END = "[/twostep]";
    /** Largest block accepted, far above any real record, to bound parsing work. */
    static final int MAX_BLOCK_CHARS = 64 * 1024;
    private static final String VERSION = "v" + UserRecord.FORMAT_VERSION;
    private static final int MAC_BYTES = 16;

    private final KeyRing keys;
    /** A MAC per key id of the ring, each with its per-thread state. */
    private final Map<String, HmacSha256.Keyed> macs = new HashMap<>();

    public UserRecordCodec(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        for (String id : keys.keyIds()) {
            macs.put(id, new HmacSha256.Keyed(keys.macKey(id)));
        }
    }

    /**
     * Splits a comment around its block.
     *
     * @throws CorruptRecordException if the block is truncated, altered, doubled, of an unknown
     *     version, or signed with a key no longer configured ({@link MissingKeyException})
     */
    public DecodedComment decode(String username, String comment) {
        Objects.requireNonNull(comment, "comment");
        int start = comment.indexOf(START);
        if (start < 0) {
            if (comment.contains(END)) {
                throw new CorruptRecordException(username, "end marker without start marker");
            }
            return new DecodedComment(comment, null, "");
        }
        if (comment.indexOf(START, start + 1) >= 0) {
            throw new CorruptRecordException(username, "more than one two-step block");
        }
        int headerEnd = comment.indexOf(']', start);
        int end = headerEnd < 0 ? -1 : comment.indexOf(END, headerEnd);
        if (end < 0) {
            throw new CorruptRecordException(username, "block is truncated (no end marker)");
        }
        if (end - start > MAX_BLOCK_CHARS) {
            throw new CorruptRecordException(username, "block is larger than " + MAX_BLOCK_CHARS + " characters");
        }
        String[] header = comment.substring(start + START.length(), headerEnd).split(":", -1);
        if (header.length == 0 || !header[0].equals(VERSION)) {
            throw new CorruptRecordException(username, "unknown block version '" + printable(header[0]) + "'");
        }
        if (header.length != 3) {
            throw new CorruptRecordException(username, "block header is malformed");
        }
        String json = comment.substring(headerEnd + 1, end);
        verifyMac(username, header[1], header[2], json);
        return new DecodedComment(comment.substring(0, start), parse(username, json),
                comment.substring(end + END.length()));
    }

    /** The comment text: {@code before}, the block (if there is a record), {@code after}. */
    public String encode(String username, DecodedComment comment) {
        if (comment.record() == null) {
            return comment.before() + comment.after();
        }
        String json = RecordJson.write(comment.record());
        String keyId = keys.currentKeyId();
        return comment.before() + START + VERSION + ":" + keyId + ":" + mac(username, keyId, json) + "]" + json + END
                + comment.after();
    }

    private void verifyMac(String username, String keyId, String mac, String json) {
        if (!keys.hasKey(keyId)) {
            throw KeyRing.isKeyId(keyId) ? new MissingKeyException(username, keyId)
                    : new CorruptRecordException(username, "block header is malformed");
        }
        byte[] expected = mac(username, keyId, json).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, mac.getBytes(StandardCharsets.US_ASCII))) {
            throw new CorruptRecordException(username, "block fails its integrity check (altered, or copied from"
                    + " another user)");
        }
    }

    private static UserRecord parse(String username, String json) {
        try {
            return RecordJson.read(json);
        } catch (JsonProcessingException e) {
            throw new CorruptRecordException(username, "block content is not valid JSON");
        } catch (RuntimeException e) {
            throw new CorruptRecordException(username, "block content is invalid: " + e.getMessage());
        }
    }

    private String mac(String username, String keyId, String json) {
        HmacSha256.Keyed mac = macs.get(keyId);
        byte[] full = (mac != null ? mac : new HmacSha256.Keyed(keys.macKey(keyId))).of(
                (VERSION + "\n" + Usernames.binding(username) + "\n").getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, MAC_BYTES));
    }

    private static String printable(String text) {
        String cut = text.length() > 16 ? text.substring(0, 16) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
