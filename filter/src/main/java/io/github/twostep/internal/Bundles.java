package io.github.twostep.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TwoStep's own message bundles ({@code name.properties} and {@code name_LANG.properties}, UTF-8),
 * read through their owner class so that they are found on a module path as on a class path.
 * A language without its own file gets the base (English) texts, never the JVM's default
 * locale's ({@code ResourceBundle.Control}, which did that, is not allowed in named modules).
 */
public final class Bundles {
    /** Bundles already read, by owner, name and language; a few languages are all a site sees. */
    private static final Map<String, ResourceBundle> LOADED = new ConcurrentHashMap<>();
    /** Languages come from request headers: past this many, bundles are read afresh and not kept. */
    static final int MAX_LOADED = 64;

    private Bundles() {
    }

    /**
     * The bundle {@code baseName} (e.g. {@code io.github.twostep.internal.web.messages}) in
     * {@code locale}'s language, falling back key by key to the base file; {@link
     * ResourceBundle#getLocale()} answers the language found ({@link Locale#ROOT} for the base).
     *
     * Each bundle is read once and kept (they are read-only, so one object serves every thread).
     *
     * @throws MissingResourceException when the base file is missing
     */
    public static ResourceBundle load(Class<?> owner, String baseName, Locale locale) {
        String key = owner.getName() + '|' + baseName + '|' + locale.getLanguage();
        ResourceBundle known = LOADED.get(key);
        if (known != null) {
            return known;
        }
        ResourceBundle bundle = read(owner, baseName, locale);
        if (LOADED.size() < MAX_LOADED) {
            LOADED.putIfAbsent(key, bundle);
        }
        return bundle;
    }

    /** How many bundles are kept. */
    static int loaded() {
        return LOADED.size();
    }

    /** Forgets every bundle kept (tests start from nothing). */
    static void forget() {
        LOADED.clear();
    }

    private static ResourceBundle read(Class<?> owner, String baseName, Locale locale) {
        String path = "/" + baseName.replace('.', '/');
        Found base = read(owner, path + ".properties", Locale.ROOT, null);
        if (base == null) {
            throw new MissingResourceException("no bundle " + baseName, baseName, "");
        }
        String language = locale.getLanguage();
        Found own = language.isEmpty() ? null
                : read(owner, path + "_" + language + ".properties", Locale.forLanguageTag(language), base);
        return own != null ? own : base;
    }

    private static Found read(Class<?> owner, String resource, Locale locale, ResourceBundle parent) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            return in == null ? null : new Found(new InputStreamReader(in, StandardCharsets.UTF_8), locale, parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A properties bundle that knows its language and falls back to its parent. */
    private static final class Found extends PropertyResourceBundle {
        private final Locale locale;

        Found(Reader reader, Locale locale, ResourceBundle parent) throws IOException {
            super(reader);
            this.locale = locale;
            setParent(parent);
        }

        @Override
        public Locale getLocale() {
            return locale;
        }
    }
}
