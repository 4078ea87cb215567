package io.github.twostep.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    @Test
    void percentileWhenHundredSamplesThenNearestRankInMilliseconds() {
        List<Long> nanos = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            nanos.add(i * 1_000_000);
        }

        assertEquals(50.0, LoadReport.percentile(nanos, 50));
        assertEquals(99.0, LoadReport.percentile(nanos, 99));
    }

    @Test
    void percentileWhenNoSamplesThenZero() {
        assertEquals(0.0, LoadReport.percentile(List.of(), 99));
    }

    @Test
    void derivedCapacityWhenServerAndDatabaseSpendOneMillisecondPerCodeThenTwoThousandOnTwoCores() {
        LoadReport report = new LoadReport("verify", 64, 10, new CpuUse(5_000_000_000L, 7_000_000_000L, 3_000_000_000L, 0),
                10, 0, 10_000, 0, 0, 0, 0, 10_000, 1, 2, 0, 0, 0, Map.of(), List.of(), 0);

        assertEquals(0.7, report.millisPerVerification(report.cpu().serverNanos()), 1e-9);
        assertEquals(0.5, report.millisPerVerification(report.cpu().clientNanos()), 1e-9);
        assertEquals(2000, report.derivedCapacity(2), 1e-6);
    }

    @Test
    void steadyServerNanosWhenCompilersRanThenTheirTimeIsLeftOut() {
        LoadReport report = new LoadReport("verify", 64, 10, new CpuUse(0, 7_000_000_000L, 0, 2_000_000_000L),
                10, 0, 10_000, 0, 0, 0, 0, 10_000, 1, 2, 0, 0, 0, Map.of(), List.of(), 0);

        assertEquals(0.5, report.millisPerVerification(report.steadyServerNanos()), 1e-9);
    }

    @Test
    void steadyServerNanosWhenACompilerThreadEndedThenNothingIsAddedBack() {
        LoadReport report = new LoadReport("verify", 64, 10, new CpuUse(0, 7_000_000_000L, 0, -1_000_000_000L),
                10, 0, 10_000, 0, 0, 0, 0, 10_000, 1, 2, 0, 0, 0, Map.of(), List.of(), 0);

        assertEquals(7_000_000_000L, report.steadyServerNanos());
    }

    @Test
    void compilerNanosWhenThisJvmHasCompiledThenAboveZeroOnLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")));

        assertTrue(CpuUse.now("no such thread", ProcessHandle.current()).compilerNanos() > 0);
    }

    @Test
    void derivedCapacityWhenNothingAcceptedThenZero() {
        LoadReport report = new LoadReport("visit", 64, 10, new CpuUse(1, 1, 1, 0),
                10, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, Map.of(), List.of(), 0);

        assertEquals(0, report.derivedCapacity(2));
    }
}
