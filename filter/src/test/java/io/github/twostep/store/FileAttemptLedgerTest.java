package io.github.twostep.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileAttemptLedgerTest extends AttemptLedgerContract {
    @TempDir
    Path directory;

    @Override
    AttemptLedger ledger() {
        return AttemptLedger.inDirectory(directory, clock);
    }

    @Override
    AttemptLedger sameStorage(AttemptLedger first) {
        return AttemptLedger.inDirectory(directory, clock);
    }
}
