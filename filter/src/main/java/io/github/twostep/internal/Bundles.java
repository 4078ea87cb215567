package io.github.twostep.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * TwoStep's own message bundles ({@code name.properties} and {@code name_LANG.properties}, UTF-8),
 * read through their owner class so that they are found on a module path as on a class path.
 * A language without its own file gets the base (English) texts, never the JVM's default
 * locale's ({@code ResourceBundle.Control}, which did that, is not allowed in named modules).
 */
public final class Bundles {
    private Bundles() {
    }

    /**
     * The bundle {@code baseName} (e.g. {@code io.github.twostep.internal.web.messages}) in
     * {@code locale}'s language, falling back key by key to the base file; {@link
     * ResourceBundle#getLocale()} answers the language found ({@link Locale#ROOT} for the base).
     *
     * @throws MissingResourceException when the base file is missing
     */
    public static ResourceBundle load(Class<?> owner, String baseName, Locale locale) {
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
