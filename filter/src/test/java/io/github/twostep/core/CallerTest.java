package io.github.twostep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void languageWhenLocaleHasAnIsoCodeThenThatCode() {
        assertEquals("de", new Caller("", "", Locale.forLanguageTag("de-DE")).language());
        assertEquals("tlh", new Caller("", "", new Locale("tlh")).language());
    }

    @Test
    void languageWhenLocaleIsWhatAClientMadeUpOrMissingThenUnknown() {
        assertNull(new Caller("", "", new Locale("*")).language());
        assertNull(new Caller("", "", new Locale("12345")).language());
        assertNull(new Caller("", "", new Locale("abcdefgh")).language());
        assertNull(new Caller("", "", Locale.ROOT).language());
        assertNull(new Caller("", "").language());
    }
}
