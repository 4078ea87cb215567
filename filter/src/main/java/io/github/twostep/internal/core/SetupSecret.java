package io.github.twostep.internal.core;

/** What an authenticator app needs: the Base32 key typed by hand, or the URI in the QR code. */
public record SetupSecret(String secret, String otpauthUri) {
    @Override
    public String toString() {
        return "SetupSecret[hidden]";
    }
}
