package io.github.twostep.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactMaskTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice@example.com | a***@example.com",
        "  bob@example.org  | b***@example.org",
        "x@y.z | x***@y.z",
        "élodie@exemple.fr | é***@exemple.fr",
        "not-an-address | ***",
        "@example.com | ***"})
    void emailWhenMaskedThenFirstLetterAndDomainOnly(String address, String expected) {
        assertEquals(expected, ContactMask.email(address));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+1 555 0100 | +1 ••• ••• 0100",
        "+44 20 7946 0958 | +44 ••• ••• 0958",
        "555-0100-22 | ••• ••• 0022",
        "+15550100 | ••• ••• 0100",
        "123 | ••• •••"})
    void phoneWhenMaskedThenCountryCodeAndLastFourOnly(String number, String expected) {
        assertEquals(expected, ContactMask.phone(number));
    }
}
