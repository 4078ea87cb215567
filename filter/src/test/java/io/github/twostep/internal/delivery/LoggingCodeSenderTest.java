package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LoggingCodeSenderTest {
    private final MessageComposer composer = new MessageComposer("TwoStep Sample");
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @Test
    void sendWhenDelegateSucceedsThenLogsMaskedContactWithoutCodeOrSubject() {
        List<OutgoingMessage> delivered = new ArrayList<>();
        LoggingCodeSender sender = new LoggingCodeSender(delivered::add, infos::add, warnings::add);
        OutgoingMessage email = composer.emailCode(Purpose.SIGN_IN_CODE, "alice@example.com", "739146", 5, null,
                Locale.ENGLISH);

        sender.send(email);

        assertEquals(List.of(email), delivered);
        assertEquals(List.of("delivery outcome=sent channel=email purpose=sign_in_code to=a***@example.com"), infos);
        assertFalse(infos.get(0).contains("739146") || infos.get(0).contains(email.subject()));
        assertEquals(List.of(), warnings);
    }

    @Test
    void sendWhenDelegateFailsThenWarnsAndRethrowsSameException() {
        DeliveryException failure = new DeliveryException("provider down");
        LoggingCodeSender sender = new LoggingCodeSender(message -> {
            throw failure;
        }, infos::add, warnings::add);
        OutgoingMessage sms = composer.smsCode(Purpose.SETUP_CODE, "+1 555 0100", "739146", 5, "example.com",
                Locale.ENGLISH);

        assertSame(failure, assertThrows(DeliveryException.class, () -> sender.send(sms)));

        assertEquals(List.of("delivery outcome=failed channel=sms purpose=setup_code to=+1 ••• ••• 0100"
                + " error=DeliveryException"), warnings);
        assertEquals(List.of(), infos);
    }

    @Test
    void lineWhenCallThenNoCodeInAnyForm() {
        OutgoingMessage call = composer.callCode(Purpose.SIGN_IN_CODE, "+44 20 7946 0958", "739146", 5,
                Locale.ENGLISH);

        String line = LoggingCodeSender.line(call, "sent");

        assertEquals("delivery outcome=sent channel=call purpose=sign_in_code to=+44 ••• ••• 0958", line);
        assertFalse(line.contains("7, 3, 9"));
    }
}
