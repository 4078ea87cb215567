package io.github.twostep.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one JSON object of the settings, key by key, against what the caller asks for. Every
 * read registers its key, so after the reads {@link #finish()} knows which keys are unknown.
 * A bad value adds a problem and yields the default, so reading goes on and every problem is
 * found. A cursor over an absent object ("phantom") yields defaults and reports nothing.
 */
final class JsonCursor {

    /** Checks a string value: null when fine, otherwise the reason. */
    interface Check extends Function<String, String> {
    }

    static final Check ANY = value -> null;

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode node;
    private final String jsonPath;
    private final String keyPath;
    private final ReadContext context;
    private final Set<String> asked = new LinkedHashSet<>();

    private JsonCursor(JsonNode node, String jsonPath, String keyPath, ReadContext context) {
        this.node = node;
        this.jsonPath = jsonPath;
        this.keyPath = keyPath;
        this.context = context;
    }

    /** Shared by all cursors of one read. */
    record ReadContext(Problems problems, References references, Set<String> knownKeyPaths) {
    }

    static JsonCursor root(JsonNode node, ReadContext context) {
        if (node != null && !node.isObject()) {
            context.problems().add("$", "expected an object, got " + describe(node, false));
            return new JsonCursor(null, "$", "", context);
        }
        return new JsonCursor(node, "$", "", context);
    }

    boolean present() {
        return node != null;
    }

    String pathOf(String key) {
        return jsonPath + (PLAIN_KEY.matcher(key).matches() ? "." + key : "[\"" + key.replace("\"", "\\\"") + "\"]");
    }

    void problem(String key, String reason) {
        if (present()) {
            context.problems().add(pathOf(key), reason);
        }
    }

    /** Reads a nested object that may be left out but not be null. */
    <T> T object(String key, Function<JsonCursor, T> reader) {
        JsonNode child = child(key);
        if (child != null && !child.isObject()) {
            problem(key, "expected an object, got " + describe(child, false));
            child = null;
        }
        return readObject(child, pathOf(key), keyPathOf(key), reader);
    }

    /** Reads a nested object that may be null; left out or null gives {@code absent}. */
    <T> T nullableObject(String key, T absent, Function<JsonCursor, T> reader) {
        JsonNode child = child(key);
        if (child == null || child.isNull() || !child.isObject()) {
            if (child != null && !child.isNull()) {
                problem(key, "expected an object or null, got " + describe(child, false));
            }
            readObject(null, pathOf(key), keyPathOf(key), reader);
            return absent;
        }
        return readObject(child, pathOf(key), keyPathOf(key), reader);
    }

    private <T> T readObject(JsonNode child, String path, String keys, Function<JsonCursor, T> reader) {
        JsonCursor cursor = new JsonCursor(child, path, keys, context);
        T value = reader.apply(cursor);
        cursor.finish();
        return value;
    }

    /** A whole number within {@code range}, which is defined once in {@link SettingsRanges}. */
    int integer(String key, int fallback, SettingsRanges.Range range) {
        return integer(key, fallback, range.min(), range.max());
    }

    int integer(String key, int fallback, int min, int max) {
        JsonNode value = child(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            problem(key, "expected an integer, got " + describe(value, false));
            return fallback;
        }
        if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + value.asText());
            return fallback;
        }
        return value.intValue();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = child(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(key, "expected true or false, got " + describe(value, false));
            return fallback;
        }
        return value.booleanValue();
    }

    /** A string that may be left out (giving {@code fallback}) but not be null. */
    String string(String key, String fallback, Check check) {
        JsonNode value = child(key);
        if (value == null) {
            return fallback;
        }
        String text = text(value, pathOf(key), false, check);
        return text == null ? fallback : text;
    }

    /** A string that must be there; "" after a problem. */
    String requiredString(String key, Check check) {
        JsonNode value = child(key);
        if (value == null) {
            problem(key, "required");
            return "";
        }
        String text = text(value, pathOf(key), false, check);
        return text == null ? "" : text;
    }

    /** A string or null; a secret one is never shown in a problem. */
    String nullableString(String key, String fallback, boolean secret, Check check) {
        JsonNode value = child(key);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return null;
        }
        return text(value, pathOf(key), secret, check);
    }

    /**
     * A directory or file path, or null; a relative one starts at the settings file's directory
     * (the working directory for settings not read from a file).
     */
    String nullablePath(String key, String fallback, Check check) {
        String path = nullableString(key, fallback, false, check);
        return path == null ? null : context.references().againstSettingsDirectory(path);
    }

    <E extends Enum<E>> E enumeration(String key, E fallback, E[] values, Function<E, String> name) {
        JsonNode value = child(key);
        return value == null ? fallback : enumValue(value, pathOf(key), fallback, values, name);
    }

    List<String> strings(String key, List<String> fallback, boolean secret, Check check) {
        return list(key, fallback, (item, path) -> text(item, path, secret, check));
    }

    <E extends Enum<E>> List<E> enumerations(String key, List<E> fallback, E[] values, Function<E, String> name) {
        return list(key, fallback, (item, path) -> enumValue(item, path, null, values, name));
    }

    /** A list of objects; the reader also runs once on a phantom item to register the item keys. */
    <T> List<T> objects(String key, List<T> fallback, Function<JsonCursor, T> reader) {
        String itemKeys = keyPathOf(key) + "[]";
        readObject(null, pathOf(key) + "[]", itemKeys, reader);
        return list(key, fallback, (item, path) -> {
            if (!item.isObject()) {
                context.problems().add(path, "expected an object, got " + describe(item, false));
                return null;
            }
            return readObject(item, path, itemKeys, reader);
        });
    }

    private interface ItemReader<T> {
        T read(JsonNode item, String path);
    }

    private <T> List<T> list(String key, List<T> fallback, ItemReader<T> reader) {
        JsonNode value = child(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isArray()) {
            problem(key, "expected an array, got " + describe(value, false));
            return fallback;
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            T item = reader.read(value.get(i), pathOf(key) + "[" + i + "]");
            if (item != null) {
                items.add(item);
            }
        }
        return items.size() == value.size() ? items : fallback;
    }

    private <E extends Enum<E>> E enumValue(JsonNode value, String path, E fallback, E[] values,
                                            Function<E, String> name) {
        String text = text(value, path, false, ANY);
        if (text == null) {
            return fallback;
        }
        for (E candidate : values) {
            if (name.apply(candidate).equals(text)) {
                return candidate;
            }
        }
        List<String> names = Arrays.stream(values).map(name).collect(Collectors.toList());
        String hint = NearestName.nearest(text, names).map(n -> "; did you mean \"" + n + "\"?").orElse("");
        context.problems().add(path, "expected one of " + names.stream().map(n -> "\"" + n + "\"")
                .collect(Collectors.joining(", ")) + ", got " + describe(value, false) + hint);
        return fallback;
    }

    /** The string value with references resolved and checked, or null after a problem. */
    private String text(JsonNode value, String path, boolean secret, Check check) {
        if (!value.isTextual()) {
            context.problems().add(path, "expected a string, got " + describe(value, secret));
            return null;
        }
        String resolved = context.references().resolve(value.textValue(), path, context.problems());
        if (resolved == null) {
            return null;
        }
        String reason = check.apply(resolved);
        if (reason != null) {
            context.problems().add(path, reason);
            return null;
        }
        return resolved;
    }

    private JsonNode child(String key) {
        asked.add(key);
        context.knownKeyPaths().add(keyPathOf(key));
        return node == null ? null : node.get(key);
    }

    private String keyPathOf(String key) {
        return keyPath.isEmpty() ? key : keyPath + "." + key;
    }

    /** Reports every key of the object that no read asked for. */
    void finish() {
        if (node == null) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!asked.contains(name)) {
                context.problems().add(pathOf(name), "unknown key" + NearestName.nearest(name, asked)
                        .map(n -> "; did you mean \"" + n + "\"?")
                        .orElse("; expected one of " + String.join(", ", asked)));
            }
        }
    }

    /** A JSON value for a problem: the value itself, or for a secret only its kind. */
    static String describe(JsonNode value, boolean secret) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isNull()) {
            return "null";
        }
        if (secret) {
            return value.isTextual() ? "a string" : value.isNumber() ? "a number" : "a boolean";
        }
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "...\"" : text;
    }
}
