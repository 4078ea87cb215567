package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnToTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/protected", "/app/orders?id=7&sort=asc", "/a/b#frag", "/search?q=a%20b"})
    void sameOriginWhenLocalPathThenKept(String target) {
        assertEquals(Optional.of(target), ReturnTo.sameOrigin(target));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
        "https://evil.example/", "javascript:alert(1)", "evil.example", "/%2f%2fevil.example",
        "/%5cevil.example", "/a\r\nLocation: https://evil.example", "/a b", "/\tevil", "/caf\u00e9",
        "/%0d%0aSet-Cookie:x=1"})
    void sameOriginWhenOtherOriginOrUnsafeThenEmpty(String target) {
        assertTrue(ReturnTo.sameOrigin(target).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void sameOriginWhenTooLongThenEmpty() {
        assertTrue(ReturnTo.sameOrigin("/" + "a".repeat(ReturnTo.MAX_LENGTH)).isEmpty());
    }
}
