package io.github.twostep.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
 * @param clientNanos   CPU of the client threads
 * @param serverNanos   the JVM's CPU minus the client threads'
 * @param databaseNanos CPU of the PostgreSQL processes
 */
record CpuUse(long clientNanos, long serverNanos, long databaseNanos) {

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
        return new CpuUse(client, process - client, database);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    CpuUse minus(CpuUse before) {
        return new CpuUse(clientNanos - before.clientNanos, serverNanos - before.serverNanos,
                databaseNanos - before.databaseNanos);
    }
}
