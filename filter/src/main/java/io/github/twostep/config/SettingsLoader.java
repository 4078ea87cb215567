package io.github.twostep.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.twostep.internal.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates a settings file. Every problem of a file is reported at once in one
 * {@link InvalidSettingsException}; a file that cannot be read is an error too, never a reason
 * to fall back to defaults. Keys left out take {@link Settings#defaults()}.
 */
public final class SettingsLoader {

    private static final Log LOG = Log.get(SettingsLoader.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String CLASSPATH = "classpath:";
    private static final String WEB_INF = "/WEB-INF/";

    private final Function<String, String> environment;

    /** A loader that resolves <code>${env:NAME}</code> from the process environment. */
    public SettingsLoader() {
        this(System::getenv);
    }

    /** @param environment looks up <code>${env:NAME}</code> references; returns null when not set */
    public SettingsLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Loads a settings file; relative <code>${file:}</code> paths start at its directory. */
    public Settings load(Path file) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        return load(read(absolute), absolute.toString(), absolute.getParent());
    }

    /**
     * Loads settings from {@code classpath:a/b.json}, a web application resource under
     * {@code /WEB-INF/} (opened with {@code webResources}, e.g. {@code ServletContext::getResourceAsStream}),
     * or else a file path.
     *
     * @param webResources opens web application resources; returns null when there is none.
     *                     May be null when no web application is at hand.
     */
    public Settings load(String location, Function<String, InputStream> webResources) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = (loader != null ? loader : SettingsLoader.class.getClassLoader()).getResourceAsStream(name);
            return load(in, location);
        }
        if (location.startsWith(WEB_INF)) {
            if (webResources == null) {
                throw unreadable(location, "no web application to read it from");
            }
            return load(webResources.apply(location), location);
        }
        return load(Path.of(location));
    }

    /**
     * Loads settings from a stream, which is closed afterwards.
     *
     * @param in         the JSON; null means the resource was not found
     * @param sourceName names the source in errors
     */
    public Settings load(InputStream in, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        if (in == null) {
            throw unreadable(sourceName, "not found");
        }
        try (InputStream stream = in) {
            return load(stream.readAllBytes(), sourceName, null);
        } catch (IOException e) {
            throw unreadable(sourceName, e.getClass().getSimpleName());
        }
    }

    /** Loads settings from the bytes of a file; {@code baseDirectory} may be null. */
    Settings load(byte[] content, String sourceName, Path baseDirectory) {
        JsonNode tree = parse(content, sourceName);
        Problems problems = new Problems();
        var context = new JsonCursor.ReadContext(problems, new References(environment, baseDirectory),
                new LinkedHashSet<>());
        Settings settings = new SettingsReader().read(JsonCursor.root(tree, context));
        SettingsRanges.check(settings, problems);
        SettingsRules.check(settings, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(sourceName, problems.list());
        }
        if (settings.store().type() == StoreType.MEMORY) {
            LOG.warn("{}: store.type is \"memory\": two-factor data is lost on every restart; "
                    + "set store.type for production", sourceName);
        }
        return settings;
    }

    /** Every key path the loader knows, e.g. {@code code.length}, {@code setup.authenticators[].url}. */
    static Set<String> knownKeyPaths() {
        Set<String> keys = new LinkedHashSet<>();
        var context = new JsonCursor.ReadContext(new Problems(), new References(name -> null, null), keys);
        new SettingsReader().read(JsonCursor.root(JsonNodeFactory.instance.objectNode(), context));
        return keys;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw unreadable(file.toString(), "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(file.toString(), "permission denied");
        } catch (IOException e) {
            throw unreadable(file.toString(), e.getClass().getSimpleName());
        }
    }

    private static JsonNode parse(byte[] content, String sourceName) {
        try {
            JsonNode tree = JSON.readTree(content);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidSettingsException(sourceName, List.of("$: expected an object, got an empty file"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new InvalidSettingsException(sourceName, List.of(where + e.getOriginalMessage()));
        } catch (IOException e) {
            throw unreadable(sourceName, e.getClass().getSimpleName());
        }
    }

    private static InvalidSettingsException unreadable(String source, String reason) {
        return new InvalidSettingsException(source, List.of("cannot read " + source + ": " + reason));
    }
}
