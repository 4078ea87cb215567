package io.github.twostep.internal.delivery;

import io.github.twostep.internal.Bundles;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The words of TwoStep's messages in one locale, from {@code messages*.properties} next to this
 * class. Patterns are {@link MessageFormat}s (a single quote is written {@code ''}). A locale
 * without its own file gets the English texts, whatever the JVM's default locale is.
 */
final class Texts {
    private static final String BUNDLE = "io.github.twostep.internal.delivery.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    Texts(Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
        this.bundle = Bundles.load(Texts.class, BUNDLE, locale);
    }

    /** The text under {@code key} with its arguments filled in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    /** The language tag of the texts actually found, for the HTML {@code lang} attribute. */
    String languageTag() {
        String language = bundle.getLocale().getLanguage();
        return language.isEmpty() ? "en" : language;
    }
}
