package io.github.twostep.internal.core;

import io.github.twostep.AccountSummary;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.store.UserRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Builds the administrator's view of a record. */
final class Summaries {
    private Summaries() {
    }

    /** The summary of {@code record} ({@code null}: the user never set anything up) at {@code now}. */
    static AccountSummary of(String user, UserRecord record, Instant now) {
        if (record == null) {
            return new AccountSummary(user, false, List.of(), null, 0, 0, 0, null, 0);
        }
        boolean enrolled = record.enabled();
        List<String> methods = new ArrayList<>(record.methods().stream().map(VerifyMethod::jsonName).toList());
        if (!record.securityKeys().isEmpty()) {
            methods.add(AccountSummary.WEBAUTHN);
        }
        Collections.sort(methods);
        return new AccountSummary(user, enrolled, enrolled ? methods : List.of(),
                record.isLocked(now) ? record.lockedUntil() : null, record.failures(),
                (int) record.devices().stream().filter(d -> !d.isExpired(now)).count(),
                record.backupCodes().size(), record.lastVerified(), record.securityKeys().size());
    }
}
