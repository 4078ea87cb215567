package io.github.twostep.internal.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.CodeAlphabet;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RandomCodesTest {
    private final RandomCodes codes = new RandomCodes(new SecureRandom());

    /** A SecureRandom that repeats, so the statistics below give the same answer every run. */
    private static SecureRandom seeded() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(20240601L);
        return random;
    }

    @Test
    void lettersWhenListedThenNoLookAlikes() {
        String letters = CodeAlphabet.LETTERS.symbols();

        assertEquals(23, letters.length());
        for (char lookAlike : "IOL01".toCharArray()) {
            assertEquals(-1, letters.indexOf(lookAlike));
        }
        assertTrue(letters.matches("[A-Z]+"));
    }

    @ParameterizedTest
    @EnumSource(CodeAlphabet.class)
    void generateWhenManySymbolsDrawnThenEverySymbolAppearsAndCountsAreUniform(CodeAlphabet alphabet)
            throws NoSuchAlgorithmException {
        RandomCodes seededCodes = new RandomCodes(seeded());
        int perSymbol = 5_000;
        int[] counts = new int[alphabet.size()];
        for (int i = 0; i < alphabet.size() * perSymbol / 50; i++) {
            for (char c : seededCodes.generate(alphabet, 50).toCharArray()) {
                counts[alphabet.symbols().indexOf(c)]++;
            }
        }

        double chiSquare = 0;
        for (int count : counts) {
            assertTrue(count > 0);
            chiSquare += Math.pow(count - perSymbol, 2) / perSymbol;
        }
        // 99.9 % quantile of chi-square with 22 degrees of freedom is 48.3; a modulo bias of
        // byte % 23 would give several hundred.
        assertTrue(chiSquare < 48.3, "chi-square " + chiSquare);
    }

    @ParameterizedTest
    @CsvSource({"DIGITS, 6, '[0-9]{6}'", "LETTERS, 6, '[A-HJKMNP-Z]{6}'", "DIGITS, 10, '[0-9]{10}'"})
    void messageCodeWhenAlphabetAndLengthGivenThenMatchesThem(CodeAlphabet alphabet, int length, String pattern) {
        for (int i = 0; i < 100; i++) {
            assertTrue(codes.messageCode(alphabet, length).matches(pattern));
        }
    }

    @Test
    void emergencyCodeWhenGeneratedThenLettersOfRequestedLength() {
        assertTrue(codes.emergencyCode(6).matches("[A-HJKMNP-Z]{6}"));
    }

    @Test
    void backupCodesWhenGeneratedThenCountDistinctCanonicalLetterCodes() {
        List<String> backup = codes.backupCodes(10, 8);

        assertEquals(10, backup.size());
        assertEquals(10, new HashSet<>(backup).size());
        backup.forEach(code -> assertTrue(CodeAlphabet.LETTERS.accepts(code) && code.length() == 8));
    }

    @Test
    void backupCodesWhenShownAndTypedBackThenSameCanonicalCode() {
        String code = codes.backupCodes(1, 8).get(0);
        String shown = CodeFormat.grouped(code);

        assertTrue(shown.matches("[a-z]{4}-[a-z]{4}"));
        assertEquals(code, CodeFormat.normalize(shown).orElseThrow());
        assertEquals(code, CodeFormat.normalize(shown.toUpperCase().replace("-", " ")).orElseThrow());
    }

    @Test
    void generateWhenLengthOrCountOutOfRangeThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> codes.generate(CodeAlphabet.DIGITS, 0));
        assertThrows(IllegalArgumentException.class, () -> codes.generate(CodeAlphabet.DIGITS, 65));
        assertThrows(IllegalArgumentException.class, () -> codes.backupCodes(0, 8));
        assertThrows(IllegalArgumentException.class, () -> codes.backupCodes(101, 8));
        assertThrows(IllegalArgumentException.class, () -> codes.backupCodes(10, 2));
        assertThrows(IllegalArgumentException.class, () -> codes.backupCodes(10, 21));
    }
}
