package io.github.twostep.config;

/** The HMAC algorithm behind one-time codes (RFC 6238 allows all three). */
public enum Algorithm {
    SHA1("HmacSHA1", 20),
    SHA256("HmacSHA256", 32),
    SHA512("HmacSHA512", 64);

    private final String jcaName;
    private final int secretBytes;

    Algorithm(String jcaName, int secretBytes) {
        this.jcaName = jcaName;
        this.secretBytes = secretBytes;
    }

    /** The name {@link javax.crypto.Mac#getInstance(String)} knows it by. */
    public String jcaName() {
        return jcaName;
    }

    /** Length of a freshly generated secret: the size of the hash output. */
    public int secretBytes() {
        return secretBytes;
    }
}
