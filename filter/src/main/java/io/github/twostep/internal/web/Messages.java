package io.github.twostep.internal.web;

import io.github.twostep.internal.Bundles;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of TwoStep's pages in one language, from the resource bundle
 * {@code io.github.twostep.internal.web.messages} (English, and German chosen by
 * {@code Accept-Language}). Templates read them as {@code {{t.key}}}; texts with arguments are
 * formatted here with {@link #format(String, Object...)}.
 */
final class Messages {
    static final String BUNDLE = "io.github.twostep.internal.web.messages";
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = Bundles.load(Messages.class, BUNDLE, locale);
    }

    /** The messages for the first supported language among the request's preferred {@code locales}. */
    static Messages forLocales(Enumeration<Locale> locales) {
        for (Locale wanted : Collections.list(locales)) {
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(wanted.getLanguage())) {
                    return new Messages(supported);
                }
            }
        }
        return new Messages(Locale.ENGLISH);
    }

    /** The messages in {@code locale} (English when it is not supported). */
    static Messages of(Locale locale) {
        return forLocales(Collections.enumeration(List.of(locale)));
    }


    /** The language of these texts. */
    Locale locale() {
        return locale;
    }

    /** The text for {@code key}. A missing key is a programming error and fails loudly. */
    String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text for key " + key + " in " + locale, e);
        }
    }

    /** The text for {@code key} with {@code {0}}, {@code {1}} … filled in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(get(key), locale).format(arguments);
    }

    /** Every text, for templates ({@code {{t.key}}}). */
    Map<String, String> all() {
        Map<String, String> texts = new HashMap<>();
        for (String key : bundle.keySet()) {
            texts.put(key, bundle.getString(key));
        }
        return texts;
    }
}
