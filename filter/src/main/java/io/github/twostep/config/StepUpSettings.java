package io.github.twostep.config;

import java.util.List;

/**
 * Paths that need a fresh second factor ({@code stepUp}): a code entered in this session within
 * {@code maxAgeMinutes}, even on a trusted device.
 *
 * @param paths         exact paths, or prefixes ending in {@code /*} (as {@code exempt.paths})
 * @param maxAgeMinutes how long a code entered in this session counts as fresh, 1–1440
 */
public record StepUpSettings(List<String> paths, int maxAgeMinutes) {

    public StepUpSettings {
        paths = List.copyOf(paths);
    }
}
