package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.delivery.RoutingCodeSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingCodeSenderTest {
    private final List<OutgoingMessage> emails = new ArrayList<>();
    private final List<OutgoingMessage> texts = new ArrayList<>();

    @Test
    void sendWhenChannelsConfiguredThenEachGoesToItsSender() {
        RoutingCodeSender router = new RoutingCodeSender(emails::add, texts::add, null);
        OutgoingMessage email = message(Channel.EMAIL);
        OutgoingMessage sms = message(Channel.SMS);

        router.send(email);
        router.send(sms);

        assertEquals(List.of(email), emails);
        assertEquals(List.of(sms), texts);
    }

    @Test
    void sendWhenChannelOffThenDeliveryException() {
        RoutingCodeSender router = new RoutingCodeSender(emails::add, null, null);

        DeliveryException e = assertThrows(DeliveryException.class, () -> router.send(message(Channel.CALL)));

        assertEquals("No sender is set up for call", e.getMessage());
    }

    @Test
    void sendWhenApplicationSenderThrowsAnythingThenDeliveryExceptionWithCause() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("HTTP 503 for text 'code 123456'"));
        RoutingCodeSender router = new RoutingCodeSender(emails::add, message -> {
            throw failure;
        }, null);

        DeliveryException e = assertThrows(DeliveryException.class, () -> router.send(message(Channel.SMS)));

        assertSame(failure, e.getCause());
        assertFalse(e.getMessage().contains("123456"), e.getMessage());
        assertTrue(e.getMessage().contains("java.io.UncheckedIOException"), e.getMessage());
    }

    @Test
    void sendWhenSenderThrowsDeliveryExceptionThenPassedOnUnchanged() {
        DeliveryException failure = new DeliveryException("SMTP server down");
        RoutingCodeSender router = new RoutingCodeSender(message -> {
            throw failure;
        }, null, null);

        assertSame(failure, assertThrows(DeliveryException.class, () -> router.send(message(Channel.EMAIL))));
    }

    private static OutgoingMessage message(Channel channel) {
        return new OutgoingMessage(channel, Purpose.SIGN_IN_CODE, channel == Channel.EMAIL ? "a@example.com"
                : "+1 555 0100", channel == Channel.EMAIL ? "Subject" : null, "code 123456", null);
    }
}
