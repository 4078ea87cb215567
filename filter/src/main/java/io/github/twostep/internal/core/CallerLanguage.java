package io.github.twostep.internal.core;

import io.github.twostep.Caller;
import io.github.twostep.internal.store.UserRecord;

/** The language a caller's notices are written in. */
final class CallerLanguage {
    private CallerLanguage() {
    }

    /**
     * The ISO 639 code of the caller's language, or null when unknown. A client writes its
     * {@code Accept-Language} header as it likes ({@code *}, {@code 12345}); only a code of two or
     * three letters counts, anything else is unknown.
     */
    static String of(Caller caller) {
        String language = caller.locale() == null ? null : caller.locale().getLanguage();
        return UserRecord.isLanguage(language) ? language : null;
    }
}
