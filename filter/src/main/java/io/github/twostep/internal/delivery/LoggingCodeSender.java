package io.github.twostep.internal.delivery;

import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.internal.logging.Log;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Logs that a message went out: channel, purpose and the masked contact, never the subject,
 * the text or the code. On its own it sends nothing (a stand-in where no channel is set up);
 * wrapped around another sender it logs that sender's success or failure and passes the
 * failure on. Thread-safe when the wrapped sender is.
 */
public final class LoggingCodeSender implements CodeSender {
    private static final Log LOG = Log.get(LoggingCodeSender.class);

    private final CodeSender next;
    private final Consumer<String> info;
    private final Consumer<String> warn;

    /** Logs each message and sends nothing. */
    public LoggingCodeSender() {
        this(message -> { }, LOG::info, LOG::warn);
    }

    /** Sends each message through {@code next} and logs the outcome. */
    public LoggingCodeSender(CodeSender next) {
        this(next, LOG::info, LOG::warn);
    }

    LoggingCodeSender(CodeSender next, Consumer<String> info, Consumer<String> warn) {
        this.next = Objects.requireNonNull(next, "next");
        this.info = Objects.requireNonNull(info, "info");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    @Override
    public void send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        try {
            next.send(message);
        } catch (RuntimeException e) {
            warn.accept(line(message, "failed") + " error=" + e.getClass().getSimpleName());
            throw e;
        }
        info.accept(line(message, "sent"));
    }

    /** The log line for {@code message}: what, how and to whom (masked), never the content. */
    static String line(OutgoingMessage message, String outcome) {
        return "delivery outcome=" + outcome + " channel=" + message.channel().wireName() + " purpose="
                + message.purpose().name().toLowerCase(Locale.ROOT) + " to=" + message.maskedTo();
    }
}
