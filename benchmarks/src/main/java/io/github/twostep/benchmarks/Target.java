package io.github.twostep.benchmarks;

import java.util.Locale;

/**
 * One measured ratio and its target, e.g. "100k/1k users ≤ 1.5".
 *
 * @param benchmark which benchmark measured it (totp, store, filter)
 * @param measure what the ratio compares
 * @param ratio the measured ratio
 * @param limit the target's bound
 * @param atMost true if the ratio must be at most {@code limit}, false if at least
 */
record Target(String benchmark, String measure, double ratio, double limit, boolean atMost) {

    boolean met() {
        return atMost ? ratio <= limit : ratio >= limit;
    }

    String bound() {
        return String.format(Locale.ROOT, "%s %.2f", atMost ? "≤" : "≥", limit);
    }

    String verdict() {
        return met() ? "met" : "MISSED";
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s |", benchmark, measure, ratio, bound(), verdict());
    }
}
