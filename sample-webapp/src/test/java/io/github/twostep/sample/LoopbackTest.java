package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
