package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.load;
import static io.github.twostep.config.SettingsFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code delivery.fallback}: only sent methods, each enabled, each once. */
class DeliveryFallbackSettingsTest {

    @Test
    void fallbackWhenEnabledMethodsThenReadInOrder() {
        Settings s = load("""
                {"verify": {"sms": true}, "delivery": {"sms": "class:com.acme.Sms", "fallback": ["sms", "email"]}}""");

        assertEquals(List.of(VerifyMethod.SMS, VerifyMethod.EMAIL), s.delivery().fallback());
        assertEquals(List.of(), Settings.defaults().delivery().fallback());
    }

    @Test
    void fallbackWhenAppDisabledOrRepeatedThenEachNamed() {
        List<String> problems = problems("""
                {"delivery": {"fallback": ["app", "call", "email", "email"]}}""");

        assertEquals(List.of(
                "$.delivery.fallback[0]: \"app\" is not sent; list \"email\", \"sms\" or \"call\"",
                "$.delivery.fallback[1]: \"call\" is not enabled in verify",
                "$.delivery.fallback[3]: \"email\" is listed twice"), problems);
    }
}
