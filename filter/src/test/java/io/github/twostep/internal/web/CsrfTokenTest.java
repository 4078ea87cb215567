package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsrfTokenTest {
    @Test
    void newTokenWhenCalledTwiceThenDifferentUrlSafeTokens() {
        String first = CsrfToken.newToken();
        String second = CsrfToken.newToken();

        assertNotEquals(first, second);
        assertEquals(43, first.length());
        assertTrue(first.matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void matchesWhenSameTokenThenTrue() {
        String token = CsrfToken.newToken();

        assertTrue(CsrfToken.matches(token, new String(token)));
    }

    @Test
    void matchesWhenMissingOrDifferentThenFalse() {
        String token = CsrfToken.newToken();

        assertFalse(CsrfToken.matches(token, null));
        assertFalse(CsrfToken.matches(null, token));
        assertFalse(CsrfToken.matches("", ""));
        assertFalse(CsrfToken.matches(token, token.substring(1)));
        assertFalse(CsrfToken.matches(token, CsrfToken.newToken()));
    }
}
