package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternsTest {
    private final PathPatterns patterns = new PathPatterns(List.of("/", "/static/*", "/about"));

    @ParameterizedTest
    @ValueSource(strings = {"/", "/static", "/static/", "/static/app.css", "/static/img/logo.png", "/about"})
    void matchesWhenExactOrUnderPrefixThenTrue(String path) {
        assertTrue(patterns.matches(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/protected", "/staticx", "/static-files/a", "/about/", "/aboutx", "/index.html",
        "/about/secret"})
    void matchesWhenHomeOnlyOrOtherPathThenFalse(String path) {
        assertFalse(patterns.matches(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/static/../protected", "/static/./a", "/static;jsessionid=1/../protected",
        "/static/%2e%2e/protected", "//static/a", "/static\\..\\protected", "static/a", "/static/a\u0000",
        "/about;x=1"})
    void matchesWhenPathNotNormalisedThenFalse(String path) {
        assertFalse(patterns.matches(path));
    }

    @Test
    void matchesWhenPathNullThenFalse() {
        assertFalse(patterns.matches(null));
    }

    @Test
    void constructorWhenPatternRelativeThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PathPatterns(List.of("static/*")));
    }

    @Test
    void matchesWhenCatchAllPrefixThenEverythingNormalised() {
        PathPatterns all = new PathPatterns(List.of("/*"));

        assertTrue(all.matches("/anything/below"));
        assertFalse(all.matches("/a/../b"));
    }
}
