package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void filterTargetsWhenThroughputRatioBelowBoundThenMissedAndCpuRatioMet() throws Exception {
        List<Target> targets = Ratios.filterTargets(new ObjectMapper().readTree("{\"ratio\": 0.93, \"cpuRatio\": 0.97}"));

        assertEquals(2, targets.size());
        assertEquals("| filter | verified requests/s, with ÷ without TwoStep | 0.93 | ≥ 0.95 | MISSED |",
                targets.get(0).markdownRow());
        assertTrue(targets.get(1).met());
    }

    @Test
    void loadTargetsWhenOneErrorAndFewVerificationsThenThoseMissedAndTheRestMet() throws Exception {
        List<Target> targets = Ratios.loadTargets(new ObjectMapper().readTree("""
                {"seconds": 10, "totpAccepted": 100, "backupAccepted": 900, "acceptedTwice": 0,
                 "errors": {"logout 403": 1}, "mismatches": [], "filterRatio": 0.97}
                """));

        assertEquals(List.of(false, false, true, true, true), targets.stream().map(Target::met).toList());
        assertEquals(100.0, targets.get(0).ratio());
        assertEquals("load, full visits", targets.get(0).benchmark());
    }

    @Test
    void loadTargetsWhenVerifyPathWithoutFilterRatioThenNamedSoAndNoRatioRow() throws Exception {
        List<Target> targets = Ratios.loadTargets(new ObjectMapper().readTree("""
                {"mode": "verify", "seconds": 10, "totpAccepted": 64, "backupAccepted": 15000, "acceptedTwice": 0,
                 "errors": {}, "mismatches": [], "filterRatio": 0}
                """));

        assertEquals(4, targets.size());
        assertEquals("| load, verify path | accepted verifications/s | 1506.40 | ≥ 1000.00 | met |",
                targets.get(0).markdownRow());
    }

    @Test
    void loadTargetsWhenVerifyPathWithCpuThenServerCpuPerAcceptedCodeAgainstHalfAMillisecond() throws Exception {
        List<Target> targets = Ratios.loadTargets(new ObjectMapper().readTree("""
                {"mode": "verify", "seconds": 10, "totpAccepted": 0, "backupAccepted": 10000, "acceptedTwice": 0,
                 "errors": {}, "mismatches": [], "filterRatio": 0,
                 "cpu": {"clientNanos": 1, "serverNanos": 6000000000, "databaseNanos": 1, "compilerNanos": 1}}
                """));

        assertEquals("| load, verify path | server CPU per accepted code (ms) | 0.60 | ≤ 0.50 | MISSED |",
                targets.get(4).markdownRow());
    }

    @Test
    void loadTargetsWhenFullVisitsWithCpuThenNoCpuTarget() throws Exception {
        List<Target> targets = Ratios.loadTargets(new ObjectMapper().readTree("""
                {"seconds": 10, "totpAccepted": 0, "backupAccepted": 10000, "acceptedTwice": 0,
                 "errors": {}, "mismatches": [], "filterRatio": 0,
                 "cpu": {"clientNanos": 1, "serverNanos": 6000000000, "databaseNanos": 1, "compilerNanos": 1}}
                """));

        assertEquals(4, targets.size());
    }

    @Test
    void printWhenSomeBenchmarksMissingThenCountsAndNamesThem() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Ratios.print(List.of(new Target("store", "h2 read, 100k/1k users", 1.1, 1.5, true),
                new Target("filter", "verified requests/s", 0.9, 0.95, false)), List.of("totp"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("| benchmark | ratio | measured | target | verdict |"), table);
        assertTrue(table.contains("| store | h2 read, 100k/1k users | 1.10 | ≤ 1.50 | met |"), table);
        assertTrue(table.contains("2 targets, 1 met, 1 missed; not run: totp"), table);
    }
}
