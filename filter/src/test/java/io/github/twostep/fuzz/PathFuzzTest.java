package io.github.twostep.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.twostep.internal.core.PathPatterns;
import io.github.twostep.internal.web.ReturnTo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Request paths an attacker chooses: an exempt pattern only ever matches a path a normalising
 * container could have produced, and a return target is only ever a path on this site.
 */
class PathFuzzTest {
    private static final List<String> EXEMPT = List.of("/", "/about", "/static/*", "/api/public/*");
    private static final URI SITE = URI.create("https://app.example/");

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void matchesWhenAnyPathThenOnlyNormalisedPathsExempt(byte[] data) {
        String path = FuzzInput.text(data);
        if (new PathPatterns(EXEMPT).matches(path)) {
            assertNormalised(path);
        }
    }

    /** A pattern (it must start with {@code /}), then a NUL byte, then the path. */
    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void matchesWhenAnyPatternAndPathThenOnlyNormalisedPathsExempt(byte[] data) {
        String[] texts = FuzzInput.twoTexts(data);
        PathPatterns patterns;
        try {
            patterns = new PathPatterns(List.of(texts[0]));
        } catch (IllegalArgumentException expected) {
            return;
        }
        if (patterns.matches(texts[1])) {
            assertNormalised(texts[1]);
        }
    }

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void sameOriginWhenAnyTargetThenOnlyPathsOnThisSite(byte[] data) {
        String target = FuzzInput.text(data);
        Optional<String> accepted = ReturnTo.sameOrigin(target);
        if (accepted.isEmpty()) {
            return;
        }
        String path = accepted.get();
        assertEquals(target, path, "the target was changed");
        assertTrue(path.startsWith("/") && !path.startsWith("//"), "does not start with a single /");
        assertFalse(path.contains("\\"), "holds a backslash");
        assertTrue(path.chars().noneMatch(c -> c < 0x21 || c == 0x7f), "holds a control character or space");
        String lower = path.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("%2f") || lower.contains("%5c"), "holds an encoded slash or backslash");
        try {
            assertEquals(SITE.getAuthority(), SITE.resolve(new URI(path)).getAuthority(), "leaves the site");
        } catch (URISyntaxException notAUri) {
            // A browser sends such text percent-encoded as a path on this site; java.net.URI just refuses it.
        }
    }

    private static void assertNormalised(String path) {
        assertTrue(path.startsWith("/"), "exempt path is not absolute: " + path);
        for (String forbidden : List.of(";", "\\", "//", "%")) {
            assertFalse(path.contains(forbidden), "exempt path holds " + forbidden + ": " + path);
        }
        assertFalse(Arrays.asList(path.split("/", -1)).contains(".."), "exempt path has a .. segment: " + path);
        assertFalse(Arrays.asList(path.split("/", -1)).contains("."), "exempt path has a . segment: " + path);
        assertTrue(path.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "exempt path holds a control character");
    }
}
