package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeSendersTest {
    private static final String HERE = CodeSendersTest.class.getName();

    @Test
    void loadWhenPublicNoArgSenderThenNewInstance() {
        CodeSender sender = CodeSenders.load(HERE + "$RecordingSender");

        OutgoingMessage sms = new OutgoingMessage(Channel.SMS, Purpose.SIGN_IN_CODE, "+1 555 0100", null, "x", null);
        sender.send(sms);

        assertEquals(List.of(sms), assertInstanceOf(RecordingSender.class, sender).sent);
        assertNotSame(sender, CodeSenders.load(HERE + "$RecordingSender"));
    }

    @Test
    void loadWhenClassMissingThenSaysNotOnClasspath() {
        TwoStepException e = assertThrows(TwoStepException.class, () -> CodeSenders.load("com.example.NoSuchSender"));

        assertEquals("The CodeSender class com.example.NoSuchSender is not on the classpath", e.getMessage());
    }

    @Test
    void loadWhenNotACodeSenderThenSaysSo() {
        TwoStepException e = assertThrows(TwoStepException.class, () -> CodeSenders.load("java.lang.StringBuilder"));

        assertEquals("The CodeSender class java.lang.StringBuilder does not implement "
                + "io.github.twostep.delivery.CodeSender", e.getMessage());
    }

    @Test
    void loadWhenNoNoArgConstructorThenSaysSo() {
        TwoStepException e = assertThrows(TwoStepException.class, () -> CodeSenders.load(HERE + "$NeedsArgument"));

        assertTrue(e.getMessage().endsWith("has no public no-argument constructor"), e.getMessage());
    }

    @Test
    void loadWhenClassNotPublicThenSaysSo() {
        TwoStepException e = assertThrows(TwoStepException.class, () -> CodeSenders.load(HERE + "$Hidden"));

        assertTrue(e.getMessage().endsWith("must be a public, non-abstract class"), e.getMessage());
    }

    @Test
    void loadWhenConstructorFailsThenCauseKept() {
        TwoStepException e = assertThrows(TwoStepException.class, () -> CodeSenders.load(HERE + "$Broken"));

        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("failed in its constructor"), e.getMessage());
    }

    /** Keeps what it is given. */
    public static final class RecordingSender implements CodeSender {
        final List<OutgoingMessage> sent = new ArrayList<>();

        @Override
        public void send(OutgoingMessage message) {
            sent.add(message);
        }
    }

    /** Wants an argument TwoStep cannot give. */
    public static final class NeedsArgument implements CodeSender {
        public NeedsArgument(String apiKey) {
            if (apiKey.isEmpty()) {
                throw new IllegalArgumentException("apiKey");
            }
        }

        @Override
        public void send(OutgoingMessage message) {
            throw new UnsupportedOperationException();
        }
    }

    /** Not visible to applications. */
    static final class Hidden implements CodeSender {
        @Override
        public void send(OutgoingMessage message) {
            throw new UnsupportedOperationException();
        }
    }

    /** Fails when created, as a sender missing its provider settings would. */
    public static final class Broken implements CodeSender {
        public Broken() {
            throw new IllegalStateException("SMS_API_KEY is not set");
        }

        @Override
        public void send(OutgoingMessage message) {
            throw new UnsupportedOperationException();
        }
    }
}
