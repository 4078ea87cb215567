package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.twostep.Caller;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CallerLanguageTest {

    @Test
    void languageWhenLocaleHasAnIsoCodeThenThatCode() {
        assertEquals("de", CallerLanguage.of(new Caller("", "", Locale.forLanguageTag("de-DE"))));
        assertEquals("tlh", CallerLanguage.of(new Caller("", "", new Locale("tlh"))));
    }

    @Test
    void languageWhenLocaleIsWhatAClientMadeUpOrMissingThenUnknown() {
        assertNull(CallerLanguage.of(new Caller("", "", new Locale("*"))));
        assertNull(CallerLanguage.of(new Caller("", "", new Locale("12345"))));
        assertNull(CallerLanguage.of(new Caller("", "", new Locale("abcdefgh"))));
        assertNull(CallerLanguage.of(new Caller("", "", Locale.ROOT)));
        assertNull(CallerLanguage.of(new Caller("", "")));
    }
}
