package io.github.twostep.web;

import io.github.twostep.config.VerifyMethod;

/** Where a user's codes of one method go, masked for display; null for the app, which has no address. */
@FunctionalInterface
interface ContactLookup {
    /** A lookup that knows no addresses. */
    ContactLookup NONE = (user, method) -> null;

    String masked(String user, VerifyMethod method);
}
