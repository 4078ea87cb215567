package io.github.twostep.sample;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The texts of the sample's own pages in one language, from the bundle
 * {@code io.github.twostep.sample.messages}: English, and German when the browser's
 * {@code Accept-Language} prefers it. Templates read them as {@code {{t.key}}}.
 */
final class Texts {
    private static final String BUNDLE = "io.github.twostep.sample.messages";
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    private final ResourceBundle bundle;
    private final Locale locale;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The texts of the first supported language among the request's preferred {@code locales}. */
    static Texts forLocales(Enumeration<Locale> locales) {
        for (Locale wanted : Collections.list(locales)) {
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(wanted.getLanguage())) {
                    return new Texts(supported);
                }
            }
        }
        return new Texts(Locale.ENGLISH);
    }

    Locale locale() {
        return locale;
    }

    /** The text for {@code key}; a missing key fails loudly. */
    String get(String key) {
        return bundle.getString(key);
    }

    /** The text for {@code key} with {@code {0}}, {@code {1}} … filled in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(get(key), locale).format(arguments);
    }

    /** Every text, for templates. */
    Map<String, String> all() {
        Map<String, String> texts = new HashMap<>();
        for (String key : bundle.keySet()) {
            texts.put(key, bundle.getString(key));
        }
        return texts;
    }
}
