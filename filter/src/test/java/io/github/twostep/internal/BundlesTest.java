package io.github.twostep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BundlesTest {
    private static final String WEB = "io.github.twostep.internal.web.messages";

    @BeforeEach
    void startFromNothing() {
        Bundles.forget();
    }

    @Test
    void loadWhenSameLanguageAgainThenTheSameBundleIsKept() {
        ResourceBundle first = Bundles.load(Bundles.class, WEB, Locale.forLanguageTag("de-CH"));

        assertSame(first, Bundles.load(Bundles.class, WEB, Locale.GERMAN));
        assertEquals("de", first.getLocale().getLanguage());
    }

    @Test
    void loadWhenManyLanguagesFromHeadersThenAtMostTheBoundIsKeptAndEachStillAnswers() {
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'e'; b++) {
                ResourceBundle bundle = Bundles.load(Bundles.class, WEB, Locale.forLanguageTag("q" + a + b));

                assertEquals(Locale.ROOT, bundle.getLocale(), "no file for this language: the base texts");
            }
        }

        assertTrue(Bundles.loaded() <= Bundles.MAX_LOADED, "kept " + Bundles.loaded());
    }
}
