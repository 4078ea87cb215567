package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load tool in miniature, so it cannot rot between benchmark runs: a few users for a few
 * seconds against the sample app on a real (durable) PostgreSQL, in both modes. What it asserts
 * is what the full run must show too, never a speed: no unexpected status, no code accepted
 * twice, every user's stored failure count equal to the wrong codes sent, and CPU accounted to
 * the server and to PostgreSQL.
 */
class LoadTestIT {
    private static final Path SETTINGS = Path.of("..", "config", "twostep.json");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void measureWhenFewUsersBrieflyThenNoErrorsNoLostUpdatesAndCpuAccounted(boolean verifyOnly) throws Exception {
        assertTrue(Files.isRegularFile(SETTINGS), SETTINGS.toAbsolutePath().toString());

        LoadReport report = LoadTest.measure(new LoadTest.Options(4, 3, 0, SETTINGS, 0, null, verifyOnly), directory);

        assertEquals(verifyOnly ? "verify" : "visit", report.mode());
        assertEquals(Map.of(), report.errors());
        assertEquals(List.of(), report.mismatches());
        assertEquals(0, report.acceptedTwice());
        assertTrue(report.totpAccepted() + report.backupAccepted() > 0, report.toString());
        assertEquals(verifyOnly, report.pages() == 0, "pages: " + report.pages());
        assertTrue(report.cpu().serverNanos() > 0, report.cpu().toString());
        assertTrue(report.cpu().databaseNanos() > 0, report.cpu().toString());
        assertTrue(report.cpu().compilerNanos() <= report.cpu().serverNanos(), report.cpu().toString());
        assertTrue(report.steadyServerNanos() > 0, report.cpu().toString());
    }
}
