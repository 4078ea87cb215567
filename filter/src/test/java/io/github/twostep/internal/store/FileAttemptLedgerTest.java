package io.github.twostep.internal.store;

import io.github.twostep.store.AttemptLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileAttemptLedgerTest extends AttemptLedgerContract {
    @TempDir
    Path directory;

    @Override
    AttemptLedger ledger() {
        return new FileAttemptLedger(directory, clock);
    }

    @Override
    AttemptLedger sameStorage(AttemptLedger first) {
        return new FileAttemptLedger(directory, clock);
    }
}
