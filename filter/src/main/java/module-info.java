/**
 * TwoStep: two-factor authentication for Jakarta Servlet applications.
 *
 * <p>Exported, and kept compatible: the API ({@code io.github.twostep}: {@link io.github.twostep.TwoStep},
 * its builder, {@link io.github.twostep.Administration}; {@code config}: the settings;
 * {@code web}: the filter) and the extension points an application implements (SPI:
 * {@code store}, {@code delivery}, {@code login}, {@code audit}, and {@code web.PrincipalResolver}).
 * Everything under {@code io.github.twostep.internal} is TwoStep's own and may change in any
 * release; it is not exported.
 */
module io.github.twostep {
    requires transitive jakarta.servlet;
    requires transitive java.sql;
    requires java.desktop;
    requires java.logging;
    requires java.naming;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires com.google.zxing;
    requires com.samskivert.jmustache;
    requires com.webauthn4j.core;
    requires jakarta.mail;
    requires org.apache.commons.codec;
    requires org.bouncycastle.provider;
    requires static org.slf4j;

    exports io.github.twostep;
    exports io.github.twostep.audit;
    exports io.github.twostep.config;
    exports io.github.twostep.delivery;
    exports io.github.twostep.login;
    exports io.github.twostep.store;
    exports io.github.twostep.web;

    // the JSON answers and the pages' models are records of the web layer, which Jackson and
    // JMustache read by reflection; opened to them only, never exported
    opens io.github.twostep.internal.web to com.fasterxml.jackson.databind, com.samskivert.jmustache;
}
