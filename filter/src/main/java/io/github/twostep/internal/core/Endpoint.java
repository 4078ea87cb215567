package io.github.twostep.internal.core;

/**
 * What a request asks for, as the sign-in's rules see it: a path of the application, or one of
 * TwoStep's own pages and calls. The web layer names the endpoint of each request; {@link Guard}
 * decides who may reach it.
 */
public enum Endpoint {
    /** A path of the application: guarded unless exempt; step-up paths need a fresh code. */
    APPLICATION,
    /** TwoStep's stylesheet and other assets: always reachable. */
    ASSET,
    /** {@code GET P/api/status}: always reachable. */
    STATUS,
    /** The built-in login page and {@code POST P/api/login}: always reachable. */
    LOGIN,
    /** {@code POST /logout}: always reachable. */
    LOGOUT,
    /** "This wasn't me" links from emails: reachable signed in or not. */
    NOT_ME,
    /** {@code POST P/api/verify} and {@code POST P/api/send}: every signed-in state. */
    VERIFY,
    /** The {@code P/verify} page: every signed-in state except one that must enrol first. */
    VERIFY_PAGE,
    /** {@code P/api/setup/*} and the {@code P/setup} page: every signed-in state except the challenge. */
    SETUP,
    /** Backup codes, turning 2FA off, trusted devices (pages and API): fully signed in only. */
    ACCOUNT,
    /** {@code P/admin} and {@code P/admin/api/*}: fully signed in, an admin role, from loopback if so set. */
    ADMIN,
    /** Any other address under the prefix: answered "not found" to anyone signed in. */
    OTHER
}
