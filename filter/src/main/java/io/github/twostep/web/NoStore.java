package io.github.twostep.web;

import jakarta.servlet.http.HttpServletResponse;

/** Keeps 2FA pages and answers out of every cache: browsers, proxies, back-button history. */
final class NoStore {
    private NoStore() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }
}
