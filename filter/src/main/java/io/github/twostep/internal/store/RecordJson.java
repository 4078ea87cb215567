package io.github.twostep.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.config.VerifyMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The JSON inside a block. Compact: short keys, default values left out, times as epoch
 * seconds, devices as arrays {@code [id, tokenHash, label, created, lastUsed - created,
 * expires - created]}, security keys as arrays {@code [id, name, publicKey, signCount,
 * "transport,transport", flags (1 backup eligible, 2 backed up), created, lastUsed - created or -1]}.
 * Brackets inside strings are escaped ({@code \u005b}) so no value can fake a block marker.
 */
final class RecordJson {
    private static final ObjectMapper MAPPER = mapper();

    private RecordJson() {
    }

    static String write(UserRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        if (r.consent()) {
            o.put("cs", true);
        }
        if (r.enabled()) {
            o.put("e", true);
        }
        if (!r.methods().isEmpty()) {
            ArrayNode methods = o.putArray("m");
            r.methods().forEach(m -> methods.add(m.jsonName()));
        }
        putTotp(o, "t", r.totp());
        putTotp(o, "tp", r.pendingTotp());
        if (r.lastStep() != UserRecord.NO_STEP) {
            o.put("ls", r.lastStep());
        }
        if (!r.backupCodes().isEmpty()) {
            ArrayNode codes = o.putArray("b");
            r.backupCodes().forEach(codes::add);
        }
        if (r.messageCode() != null) {
            o.putObject("mc").put("h", r.messageCode().hash()).put("x", seconds(r.messageCode().expiresAt()))
                    .put("ch", r.messageCode().channel().jsonName());
        }
        putCode(o, "ec", r.emergencyCode());
        putCode(o, "oc", r.operatorCode());
        if (r.failures() > 0) {
            o.put("f", r.failures());
        }
        putTime(o, "lu", r.lockedUntil());
        if (!r.devices().isEmpty()) {
            ArrayNode devices = o.putArray("d");
            for (TrustedDevice d : r.devices()) {
                long created = seconds(d.created());
                devices.addArray().add(d.id()).add(d.tokenHash()).add(d.label()).add(created)
                        .add(seconds(d.lastUsed()) - created).add(seconds(d.expires()) - created);
            }
        }
        if (r.trustEpoch() > 0) {
            o.put("te", r.trustEpoch());
        }
        putTime(o, "cr", r.created());
        putTime(o, "up", r.updated());
        putTime(o, "lv", r.lastVerified());
        if (r.language() != null) {
            o.put("lg", r.language());
        }
        if (!r.securityKeys().isEmpty()) {
            ArrayNode keys = o.putArray("wk");
            for (SecurityKey k : r.securityKeys()) {
                long created = seconds(k.created());
                keys.addArray().add(k.id()).add(k.name()).add(k.publicKey()).add(k.signCount())
                        .add(String.join(",", k.transports()))
                        .add((k.backupEligible() ? 1 : 0) | (k.backedUp() ? 2 : 0)).add(created)
                        .add(k.lastUsed() == null ? -1 : seconds(k.lastUsed()) - created);
            }
        }
        if (r.userHandle() != null) {
            o.put("wh", r.userHandle());
        }
        if (r.keyChallenge() != null) {
            o.put("wc", r.keyChallenge());
        }
        SendQuota q = r.sendQuota();
        if (!q.equals(SendQuota.NONE)) {
            ObjectNode quota = o.putObject("q");
            putTime(quota, "l", q.lastSend());
            putTime(quota, "w", q.windowStart());
            quota.put("n", q.sendsInWindow());
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Reads a record.
     *
     * @throws JsonProcessingException if the text is not one JSON object
     * @throws IllegalArgumentException if a field is missing, of the wrong type or out of range
     */
    static UserRecord read(String json) throws JsonProcessingException {
        JsonNode o = MAPPER.readTree(json);
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        RecordBuilder b = new RecordBuilder(time(o, "cr", true));
        b.consent = bool(o, "cs");
        b.enabled = bool(o, "e");
        b.methods = EnumSet.noneOf(VerifyMethod.class);
        strings(o, "m").forEach(m -> b.methods.add(VerifyMethod.named(m)));
        // "pm", a preferred method earlier builds wrote and nothing ever read, is ignored
        b.totp = totp(o.get("t"));
        b.pendingTotp = totp(o.get("tp"));
        b.lastStep = o.has("ls") ? number(o, "ls") : UserRecord.NO_STEP;
        b.backupCodes = strings(o, "b");
        JsonNode mc = o.get("mc");
        b.messageCode = mc == null ? null
                : new MessageCode(text(mc, "h"), time(mc, "x", true), VerifyMethod.named(text(mc, "ch")));
        b.emergencyCode = code(o.get("ec"));
        b.operatorCode = code(o.get("oc"));
        b.failures = Math.toIntExact(o.has("f") ? number(o, "f") : 0);
        b.lockedUntil = time(o, "lu", false);
        b.devices = new ArrayList<>();
        for (JsonNode d : array(o, "d")) {
            if (!d.isArray() || d.size() != 6) {
                throw new IllegalArgumentException("a device is not a 6-element array");
            }
            Instant created = instant(d.get(3));
            b.devices.add(new TrustedDevice(text(d, 0), text(d, 1), text(d, 2), created,
                    created.plusSeconds(instant(d.get(4)).getEpochSecond()),
                    created.plusSeconds(instant(d.get(5)).getEpochSecond())));
        }
        b.trustEpoch = Math.toIntExact(o.has("te") ? number(o, "te") : 0);
        b.updated = time(o, "up", true);
        b.lastVerified = time(o, "lv", false);
        b.language = o.has("lg") ? text(o, "lg") : null;
        b.securityKeys = new ArrayList<>();
        for (JsonNode k : array(o, "wk")) {
            b.securityKeys.add(securityKey(k));
        }
        b.userHandle = o.has("wh") ? text(o, "wh") : null;
        b.keyChallenge = o.has("wc") ? text(o, "wc") : null;
        JsonNode q = o.get("q");
        b.sendQuota = q == null ? SendQuota.NONE
                : new SendQuota(time(q, "l", false), time(q, "w", false), Math.toIntExact(number(q, "n")));
        return b.build();
    }

    private static SecurityKey securityKey(JsonNode k) {
        if (!k.isArray() || k.size() != 8) {
            throw new IllegalArgumentException("a security key is not an 8-element array");
        }
        for (int i : new int[] {3, 5, 6, 7}) {
            if (!k.get(i).isIntegralNumber() || !k.get(i).canConvertToLong()) {
                throw new IllegalArgumentException("security key element " + i + " is not a whole number");
            }
        }
        String transports = text(k, 4);
        int flags = k.get(5).intValue();
        Instant created = instant(k.get(6));
        long used = k.get(7).longValue();
        return new SecurityKey(text(k, 0), text(k, 1), text(k, 2), k.get(3).longValue(),
                transports.isEmpty() ? List.of() : List.of(transports.split(",", -1)),
                (flags & 1) != 0, (flags & 2) != 0, created, used < 0 ? null : created.plusSeconds(used));
    }

    private static void putTotp(ObjectNode o, String key, TotpSecret t) {
        if (t != null) {
            o.putObject(key).put("s", t.secret().encoded()).put("a", t.algorithm().name()).put("d", t.digits())
                    .put("p", t.periodSeconds());
        }
    }

    private static TotpSecret totp(JsonNode t) {
        return t == null ? null : new TotpSecret(EncryptedSecret.parse(text(t, "s")), Algorithm.valueOf(text(t, "a")),
                Math.toIntExact(number(t, "d")), Math.toIntExact(number(t, "p")));
    }

    private static void putCode(ObjectNode o, String key, ExpiringCode c) {
        if (c != null) {
            o.putObject(key).put("h", c.hash()).put("x", seconds(c.expiresAt()));
        }
    }

    private static ExpiringCode code(JsonNode c) {
        return c == null ? null : new ExpiringCode(text(c, "h"), time(c, "x", true));
    }

    private static void putTime(ObjectNode o, String key, Instant time) {
        if (time != null) {
            o.put(key, seconds(time));
        }
    }

    private static long seconds(Instant time) {
        return time.getEpochSecond();
    }

    private static Instant time(JsonNode o, String key, boolean required) {
        if (!o.has(key) && !required) {
            return null;
        }
        return instant(o.get(key));
    }

    private static Instant instant(JsonNode n) {
        if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            throw new IllegalArgumentException("a time is missing or not whole seconds");
        }
        return Instant.ofEpochSecond(n.longValue());
    }

    private static boolean bool(JsonNode o, String key) {
        JsonNode n = o.get(key);
        if (n != null && !n.isBoolean()) {
            throw new IllegalArgumentException("field " + key + " is not a boolean");
        }
        return n != null && n.booleanValue();
    }

    private static long number(JsonNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException("field " + key + " is missing or not a whole number");
        }
        return n.longValue();
    }

    private static String text(JsonNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("field " + key + " is missing or not text");
        }
        return n.textValue();
    }

    private static String text(JsonNode array, int index) {
        JsonNode n = array.get(index);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("array element " + index + " is not text");
        }
        return n.textValue();
    }

    private static JsonNode array(JsonNode o, String key) {
        JsonNode n = o.get(key);
        if (n != null && !n.isArray()) {
            throw new IllegalArgumentException("field " + key + " is not an array");
        }
        return n == null ? MAPPER.createArrayNode() : n;
    }

    private static List<String> strings(JsonNode o, String key) {
        List<String> values = new ArrayList<>();
        for (JsonNode n : array(o, key)) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("field " + key + " holds a non-text element");
            }
            values.add(n.textValue());
        }
        return values;
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        mapper.getFactory().setCharacterEscapes(new BracketEscapes());
        return mapper;
    }

    /** Escapes {@code [} and {@code ]} in strings so block markers never occur inside the JSON. */
    private static final class BracketEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes = standardAsciiEscapesForJSON();

        BracketEscapes() {
            escapes['['] = ESCAPE_STANDARD;
            escapes[']'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
