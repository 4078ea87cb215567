package io.github.twostep.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one settings file, each as {@code "$.json.path: reason"}. */
final class Problems {

    private final List<String> list = new ArrayList<>();

    void add(String jsonPath, String reason) {
        list.add(jsonPath + ": " + reason);
    }

    /** Whether a problem was already found at {@code jsonPath} or inside it. */
    boolean reportedAt(String jsonPath) {
        return list.stream().anyMatch(p -> p.startsWith(jsonPath + ":") || p.startsWith(jsonPath + ".")
                || p.startsWith(jsonPath + "["));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<String> list() {
        return List.copyOf(list);
    }
}
