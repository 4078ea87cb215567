package io.github.twostep.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time spent so far, split the way the load test needs it: this JVM's threads that play the
 * clients (named {@code clientThreads}), the rest of this JVM (the server: Jetty, TwoStep, the
 * pool, plus JIT and GC), and the PostgreSQL server (the postmaster and its backends). The
 * difference of two snapshots is what a phase cost.
 *
 * <p>Client threads are a fixed pool alive for the whole run, so their CPU is never lost with
 * a dead thread; a database backend that exits takes its CPU time with it (the pool keeps its
 * connections open, so none does during a run). Process CPU comes from {@link ProcessHandle}
 * (on Linux, /proc).
 *
 * <p>The server's share includes the JIT compilers, which on two busy cores go on compiling for
 * minutes after the warm-up (hundreds of methods reach C2 for the first time in the measured
 * phase, the client's among them). That is warm-up, not a cost of each code, so it is also
 * counted on its own: the CPU of the JVM's compiler threads, read from {@code /proc/self/task}
 * (0 where there is no such directory).
 *
 * @param clientNanos   CPU of the client threads
 * @param serverNanos   the JVM's CPU minus the client threads'
 * @param databaseNanos CPU of the PostgreSQL processes
 * @param compilerNanos CPU of the JIT compiler threads (part of {@code serverNanos})
 */
record CpuUse(long clientNanos, long serverNanos, long databaseNanos, long compilerNanos) {

    private static final Path TASKS = Path.of("/proc/self/task");

    static CpuUse now(String clientThreads, ProcessHandle postmaster) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long client = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(clientThreads)) {
                client += Math.max(threads.getThreadCpuTime(info.getThreadId()), 0);
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long database = cpuNanos(postmaster) + postmaster.descendants().mapToLong(CpuUse::cpuNanos).sum();
        return new CpuUse(client, process - client, database, compilersNanos());
    }

    /** CPU of the threads HotSpot names "C1 CompilerThread…" and "C2 CompilerThread…" (cut to 15 characters). */
    private static long compilersNanos() {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                total += compilerThreadNanos(task);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static long compilerThreadNanos(Path task) {
        try {
            if (!Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                return 0;
            }
            return Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
        } catch (IOException gone) {
            return 0; // the thread ended between the listing and the read; its time went with it
        }
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    CpuUse minus(CpuUse before) {
        return new CpuUse(clientNanos - before.clientNanos, serverNanos - before.serverNanos,
                databaseNanos - before.databaseNanos, compilerNanos - before.compilerNanos);
    }
}
