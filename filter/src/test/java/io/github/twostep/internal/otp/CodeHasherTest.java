package io.github.twostep.internal.otp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeHasherTest {
    private static final byte[] PEPPER = filled(32, 7);
    private final CodeHasher hasher = new CodeHasher(PEPPER);

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void matchesWhenSameCodeThenTrue() {
        assertTrue(hasher.matches("ABCDEFGH", hasher.hash("ABCDEFGH")));
    }

    @Test
    void matchesWhenOtherCodeOrOtherCaseThenFalse() {
        String stored = hasher.hash("ABCDEFGH");

        assertFalse(hasher.matches("ABCDEFGJ", stored));
        assertFalse(hasher.matches("abcdefgh", stored));
        assertFalse(hasher.matches("", stored));
    }

    @Test
    void hashWhenSameCodeTwiceThenDistinctSaltsAndHashes() {
        String first = hasher.hash("123456");
        String second = hasher.hash("123456");

        assertNotEquals(first.split("\\$")[1], second.split("\\$")[1]);
        assertNotEquals(first, second);
        assertTrue(hasher.matches("123456", first) && hasher.matches("123456", second));
    }

    @Test
    void hashWhenCreatedThenVersionedFormatWithoutTheCode() {
        String stored = hasher.hash("KXRTWM");

        assertTrue(stored.matches("h1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}"), stored);
        assertFalse(stored.contains("KXRTWM"));
    }

    @Test
    void matchesWhenOtherPepperThenFalse() {
        String stored = hasher.hash("ABCDEFGH");

        assertFalse(new CodeHasher(filled(32, 8)).matches("ABCDEFGH", stored));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "h1$", "h2$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "h1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "h1$!!!$???", "ABCDEFGH",
        "h1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$extra"})
    void matchesWhenStoredValueMalformedThenFalse(String stored) {
        assertFalse(hasher.matches("ABCDEFGH", stored));
    }

    @Test
    void matchesWhenCandidateNullThenFalse() {
        assertFalse(hasher.matches(null, hasher.hash("ABCDEFGH")));
    }

    @Test
    void constructWhenPepperShorterThan32BytesThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CodeHasher(filled(31, 1)));
    }

    @Test
    void constructWhenCallerChangesPepperArrayThenHashesStillMatch() {
        byte[] pepper = filled(32, 3);
        CodeHasher own = new CodeHasher(pepper);
        String stored = own.hash("ABCDEFGH");
        Arrays.fill(pepper, (byte) 0);

        assertTrue(own.matches("ABCDEFGH", stored));
    }
}
