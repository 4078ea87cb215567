package io.github.twostep.config;

import java.util.Objects;

/**
 * Sending mail through an SMTP server ({@code smtp}).
 *
 * @param host           server name
 * @param port           server port, 1–65535
 * @param starttls       upgrade the connection with STARTTLS (required when true)
 * @param ssl            connect with TLS from the start (usually port 465)
 * @param username       login name; null: no authentication
 * @param password       login password; null: none
 * @param from           sender address
 * @param timeoutSeconds connect, read and write timeout, 1–300
 */
public record SmtpSettings(String host, int port, boolean starttls, boolean ssl, String username,
                           String password, String from, int timeoutSeconds) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", starttls=" + starttls + ", ssl=" + ssl
                + ", username=" + username + ", password=" + (password == null ? "null" : "***")
                + ", from=" + from + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
