package io.github.twostep.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.login.PasswordHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashesTest {
    @Test
    void argon2idWhenSamePasswordThenMatches() {
        String hash = PasswordHashes.argon2id("alice-password".toCharArray());

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        assertTrue(PasswordHashes.matches(hash, "alice-password".toCharArray()));
        assertFalse(PasswordHashes.matches(hash, "alice-passwore".toCharArray()));
    }

    @Test
    void argon2idWhenHashedTwiceThenSaltsDiffer() {
        assertNotEquals(PasswordHashes.argon2id("x".toCharArray()), PasswordHashes.argon2id("x".toCharArray()));
    }

    @Test
    void bcryptWhenSamePasswordThenMatches() {
        String hash = PasswordHashes.bcrypt("bob-password".toCharArray(), 4);

        assertTrue(hash.startsWith("$2b$04$"));
        assertTrue(PasswordHashes.matches(hash, "bob-password".toCharArray()));
        assertFalse(PasswordHashes.matches(hash, "bob-passwor".toCharArray()));
    }

    @Test
    void matchesWhenKnownArgon2idVectorThenTrue() {
        // Produced by the reference argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ"
                + "$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertTrue(PasswordHashes.matches(reference, "password".toCharArray()));
    }

    @Test
    void matchesWhenKnownBcryptVectorThenTrue() {
        // OpenBSD test vector: password "U*U" at cost 5.
        String reference = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

        assertTrue(PasswordHashes.matches(reference, "U*U".toCharArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain-text-password", "$1$md5crypt$abc", "$2b$04$tooshort",
        "$argon2id$v=19$m=1,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$!!!$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"})
    void matchesWhenHashMalformedOrUnsupportedThenFalse(String stored) {
        assertFalse(PasswordHashes.matches(stored, "password".toCharArray()));
    }

    @Test
    void matchesWhenNullThenFalse() {
        assertFalse(PasswordHashes.matches(null, "x".toCharArray()));
        assertFalse(PasswordHashes.matches("$2b$04$x", null));
    }

    @Test
    void matchesDummyWhenAnyPasswordThenFalse() {
        assertEquals(false, PasswordHashes.matchesDummy("no password matches this".toCharArray()));
        assertEquals(false, PasswordHashes.matchesDummy(null));
    }

    @Test
    void matchesDummyWhenLikeBcryptOrArgonThenFalseForAnyPassword() {
        String bcrypt = PasswordHashes.bcrypt("x".toCharArray(), 5);
        String argon = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertEquals(false, PasswordHashes.matchesDummy("x".toCharArray(), bcrypt));
        assertEquals(false, PasswordHashes.matchesDummy("password".toCharArray(), argon));
        assertEquals(false, PasswordHashes.matchesDummy("x".toCharArray(), "$2b$99$garbage"));
        assertEquals(false, PasswordHashes.matchesDummy("x".toCharArray(), "plain"));
    }
}
