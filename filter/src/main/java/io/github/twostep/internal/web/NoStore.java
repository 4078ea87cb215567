package io.github.twostep.internal.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps 2FA pages and answers out of every cache (browsers, proxies, back-button history), and
 * tells browsers to take every TwoStep answer as the type it declares, never sniffing another.
 */
final class NoStore {
    private NoStore() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
