package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import org.junit.jupiter.api.Test;

class OutgoingMessageTest {
    @Test
    void toStringWhenEmailThenNoBodySubjectOrFullAddress() {
        OutgoingMessage message = new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE, "alice@example.com",
                "Your code", "Code 123456", "<p>123456</p>");

        String shown = message.toString();

        assertEquals("OutgoingMessage[channel=EMAIL, purpose=SIGN_IN_CODE, to=a***@example.com]", shown);
        assertFalse(shown.contains("123456"));
    }

    @Test
    void toStringWhenSmsThenPhoneMasked() {
        OutgoingMessage message = new OutgoingMessage(Channel.SMS, Purpose.SIGN_IN_CODE, "+1 555 0100", null,
                "Code 123456", null);

        assertEquals("OutgoingMessage[channel=SMS, purpose=SIGN_IN_CODE, to=+1 ••• ••• 0100]", message.toString());
    }

    @Test
    void constructWhenEmailWithoutSubjectThenRejected() {
        assertThrows(NullPointerException.class, () -> new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE,
                "alice@example.com", null, "text", null));
    }

    @Test
    void constructWhenSmsWithSubjectOrHtmlThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMessage(Channel.SMS, Purpose.SIGN_IN_CODE,
                "+1 555 0100", "subject", "text", null));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMessage(Channel.CALL, Purpose.SIGN_IN_CODE,
                "+1 555 0100", null, "text", "<p>html</p>"));
    }

    @Test
    void constructWhenContactBlankThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMessage(Channel.SMS, Purpose.SIGN_IN_CODE,
                " ", null, "text", null));
    }
}
