package io.github.twostep.internal.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeFormatTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "abcd-efgh, ABCDEFGH",
        "ABCD EFGH, ABCDEFGH",
        "AbCdEfGh, ABCDEFGH",
        "' abcd - efgh ', ABCDEFGH",
        "abcd\u2013efgh, ABCDEFGH",
        "abcd\u00a0efgh, ABCDEFGH",
        "123-456, 123456",
        "kxrtwm, KXRTWM",
    })
    void normalizeWhenSeparatorsOrLowerCaseThenCanonical(String typed, String canonical) {
        assertEquals(Optional.of(canonical), CodeFormat.normalize(typed));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "--", "abcd_efgh", "abcd.efgh", "äbcd", "ＡＢＣＤ", "ab\ncd", "ab<script>"})
    void normalizeWhenNoCodeOrForeignCharacterThenEmpty(String typed) {
        assertFalse(CodeFormat.normalize(typed).isPresent());
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void normalizeWhenInputTooLongThenEmptyOnlyPastLimit(int length) {
        assertEquals(length <= CodeFormat.MAX_INPUT_CHARS, CodeFormat.normalize("a".repeat(length)).isPresent());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ABCDEFGH, abcd-efgh", "ABC, abc", "ABCDEFGHIJ, abcd-efgh-ij", "ABCD, abcd"})
    void groupedWhenCanonicalThenLowerCaseGroupsOfFour(String canonical, String shown) {
        assertEquals(shown, CodeFormat.grouped(canonical));
        assertTrue(CodeFormat.normalize(shown).orElseThrow().equals(canonical));
    }
}
