package io.github.twostep.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link LoadTest} run measured, as printed and as written to its JSON file.
 *
 * @param mode       {@code visit} (sign-in, codes, pages, sign-out) or {@code verify} (codes only)
 * @param cpu        CPU time of the measured phase: client threads, the rest of the JVM (server), PostgreSQL
 * @param mismatches users whose stored failure count or lock differs from what the client sent (target none)
 * @param filterRatio verified requests/s with ÷ without the filter, from {@link FilterThroughput}; 0 if it did not run
 */
record LoadReport(String mode, int users, double seconds, CpuUse cpu, long visits, long totpAccepted, long backupAccepted,
        long regenerations, long wrongSent, long replaysSent, long acceptedTwice, long verifyCalls,
        double verifyP50Ms, double verifyP99Ms, long pages, double pageP50Ms, double pageP99Ms,
        Map<String, Long> errors, List<String> mismatches, double filterRatio) {

    static LoadReport of(String mode, List<LoadUser> users, double seconds, CpuUse cpu, Map<String, LongAdder> errors,
            List<String> mismatches) {
        List<Long> verify = new ArrayList<>();
        List<Long> pages = new ArrayList<>();
        long visits = 0;
        long totp = 0;
        long backup = 0;
        long regenerations = 0;
        long wrong = 0;
        long replays = 0;
        long twice = 0;
        for (LoadUser u : users) {
            verify.addAll(u.verifyNanos);
            pages.addAll(u.pageNanos);
            visits += u.iterations;
            totp += u.totpAccepted;
            backup += u.backupAccepted;
            regenerations += u.regenerations;
            wrong += u.wrongSent;
            replays += u.replaysSent;
            twice += u.acceptedTwice;
        }
        Map<String, Long> counted = new TreeMap<>();
        errors.forEach((what, n) -> counted.put(what, n.sum()));
        return new LoadReport(mode, users.size(), seconds, cpu, visits, totp, backup, regenerations, wrong, replays, twice,
                verify.size(), percentile(verify, 50), percentile(verify, 99), pages.size(), percentile(pages, 50),
                percentile(pages, 99), counted, List.copyOf(mismatches), 0);
    }

    LoadReport withFilterRatio(double ratio) {
        return new LoadReport(mode, users, seconds, cpu, visits, totpAccepted, backupAccepted, regenerations, wrongSent,
                replaysSent, acceptedTwice, verifyCalls, verifyP50Ms, verifyP99Ms, pages, pageP50Ms, pageP99Ms,
                errors, mismatches, ratio);
    }

    /** Accepted verifications (app codes and backup codes) per second of the timed phase. */
    double verificationsPerSecond() {
        return (totpAccepted + backupAccepted) / seconds;
    }

    /** Milliseconds of CPU per accepted code spent by {@code nanos} of the measured phase. */
    double millisPerVerification(long nanos) {
        long accepted = totpAccepted + backupAccepted;
        return accepted == 0 ? 0 : nanos / 1e6 / accepted;
    }

    /**
     * The JIT compilers' CPU of the phase. A compiler thread that ends during the phase takes its
     * time with it, so this is never counted below 0.
     */
    long compilersNanos() {
        return Math.max(cpu.compilerNanos(), 0);
    }

    /** The server's CPU without its JIT compilers': what each code costs once the code is compiled. */
    long steadyServerNanos() {
        return cpu.serverNanos() - compilersNanos();
    }

    /**
     * Accepted codes/s the server and PostgreSQL could sustain on {@code cores} cores of their own,
     * derived from the CPU they spent per accepted code here (an upper bound: it assumes they
     * would use every cycle the client no longer takes, and no contention grows).
     */
    double derivedCapacity(int cores) {
        double millis = millisPerVerification(cpu.serverNanos() + cpu.databaseNanos());
        return millis == 0 ? 0 : cores * 1000 / millis;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    private double share(long nanos) {
        return seconds <= 0 ? 0 : 100.0 * nanos / 1e9 / (seconds * Runtime.getRuntime().availableProcessors());
    }

    /** The {@code p}th percentile in milliseconds (nearest rank); 0 for no samples. */
    static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank - 1, 0)) / 1e6;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%d users, %.1f s, %d iterations (a visit: sign-in, codes, %d protected pages, sign-out; with --mode verify: codes only)%n%n",
                users, seconds, visits, LoadUser.PAGES);
        out.println("| measure | value | target |");
        out.println("|---|---:|---|");
        out.printf(Locale.ROOT, "| verifications/s (accepted codes) | %.1f | ≥ 1000 |%n", verificationsPerSecond());
        out.printf(Locale.ROOT, "| – by app (TOTP, one per user per step) | %d |  |%n", totpAccepted);
        out.printf(Locale.ROOT, "| – by backup code | %d |  |%n", backupAccepted);
        out.printf(Locale.ROOT, "| backup-code sets regenerated | %d |  |%n", regenerations);
        out.printf(Locale.ROOT, "| wrong codes sent (→ 401) | %d |  |%n", wrongSent);
        out.printf(Locale.ROOT, "| replayed accepted codes sent (→ 401) | %d |  |%n", replaysSent);
        out.printf(Locale.ROOT, "| verify calls | %d |  |%n", verifyCalls);
        out.printf(Locale.ROOT, "| verify latency p50 / p99 (ms) | %.1f / %.1f |  |%n", verifyP50Ms, verifyP99Ms);
        out.printf(Locale.ROOT, "| protected pages | %d (%.0f/s) |  |%n", pages, pages / seconds);
        out.printf(Locale.ROOT, "| protected page latency p50 / p99 (ms) | %.1f / %.1f |  |%n", pageP50Ms, pageP99Ms);
        out.printf(Locale.ROOT, "| CPU per accepted code: server (JVM less client threads) / PostgreSQL / client (ms) "
                + "| %.2f / %.2f / %.2f |  |%n", millisPerVerification(cpu.serverNanos()),
                millisPerVerification(cpu.databaseNanos()), millisPerVerification(cpu.clientNanos()));
        out.printf(Locale.ROOT, "| – of the server's: JIT compilers (warm-up, the client's code too) / the rest (ms) "
                + "| %.2f / %.2f |  |%n", millisPerVerification(compilersNanos()),
                millisPerVerification(steadyServerNanos()));
        out.printf(Locale.ROOT, "| share of the %.0f s × %d cores: server / PostgreSQL / client | %.0f %% / %.0f %% / %.0f %% |  |%n",
                seconds, Runtime.getRuntime().availableProcessors(), share(cpu.serverNanos()),
                share(cpu.databaseNanos()), share(cpu.clientNanos()));
        out.printf(Locale.ROOT, "| accepted codes/s on 2 cores of their own, server + PostgreSQL (derived, an upper bound) "
                + "| %.0f |  |%n", derivedCapacity(2));
        out.printf(Locale.ROOT, "| errors (unexpected status) | %d | 0 |%n", errorCount());
        out.printf(Locale.ROOT, "| code or step accepted twice | %d | 0 |%n", acceptedTwice);
        out.printf(Locale.ROOT, "| lost updates (stored failures, last app step or unused backup codes ≠ the client's, or locked) | %d of %d users | 0 |%n",
                mismatches.size(), users);
        errors.forEach((what, n) -> out.printf(Locale.ROOT, "%nerror: %s × %d", what, n));
        mismatches.forEach(m -> out.printf(Locale.ROOT, "%nmismatch: %s", m));
        if (!errors.isEmpty() || !mismatches.isEmpty()) {
            out.println();
        }
    }
}
