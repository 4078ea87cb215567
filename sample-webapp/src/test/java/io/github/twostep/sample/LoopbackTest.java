package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void isWhenLoopbackAddressThenTrue(String address) {
        assertTrue(Loopback.is(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.10", "10.0.0.1", "::ffff:10.0.0.1", "localhost", "", "example.com"})
    void isWhenOtherAddressOrNameThenFalse(String address) {
        assertFalse(Loopback.is(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:8080", "[::1]", "[::1]:8080",
        "localhost:1"})
    void isHostWhenHeaderNamesThisMachineThenTrue(String host) {
        assertTrue(Loopback.isHost(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rebind.attacker.example", "rebind.attacker.example:8080", "localhost.attacker.example",
        "127.0.0.1.nip.io", "192.168.1.10:8080", "localhost:80:80", "localhost:x", "[::1", "[::1]x", "::1", ""})
    void isHostWhenHeaderNamesAnotherHostThenFalse(String host) {
        assertFalse(Loopback.isHost(host));
    }

    @Test
    void isHostWhenHeaderMissingThenFalse() {
        assertFalse(Loopback.isHost(null));
    }
}
