package io.github.twostep.internal.core;

import io.github.twostep.internal.store.TrustedDevice;

/** A device just trusted and the token its cookie carries. */
public record TrustIssued(String token, TrustedDevice device) {
    @Override
    public String toString() {
        return "TrustIssued[" + device + "]";
    }
}
