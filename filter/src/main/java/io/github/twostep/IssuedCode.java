package io.github.twostep;

import java.time.Instant;

/** A code shown once to the administrator, and when it stops working. */
public record IssuedCode(String code, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedCode[expiresAt=" + expiresAt + "]";
    }
}
