package io.github.twostep.config;

import java.util.Objects;

/**
 * Where TwoStep's pages and API live ({@code paths}).
 *
 * @param prefix    starts with {@code /} and does not end with one, e.g. {@code /2fa}
 * @param publicUrl the application's public address ({@code https://app.example.com}, with
 *                  the context path if any, no trailing {@code /}) for links in emails and the
 *                  SMS WebOTP host; null: emails go without the link and texts without the
 *                  WebOTP line (never built from a request's Host header, which a client can forge)
 */
public record PathSettings(String prefix, String publicUrl) {

    public PathSettings {
        Objects.requireNonNull(prefix, "prefix");
    }
}
