package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.SmtpSettings;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.internal.delivery.MessageComposer;
import io.github.twostep.internal.delivery.SmtpCodeSender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The all-jar's relocated Jakarta Mail and Angus Mail send a code email: the SMTP transport is
 * found (relocated services and provider files) and the text and HTML parts are written
 * (relocated mailcap), to a minimal SMTP server on loopback that keeps what it is sent.
 */
class AllJarMailIT {

    @Test
    void allJarWhenCodeEmailSentThenTransportFoundAndBothPartsWritten() throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> serveOnce(listener), serverThread);
            SmtpCodeSender sender = new SmtpCodeSender(new SmtpSettings("127.0.0.1", listener.getLocalPort(), false,
                    false, null, null, "twostep@example.com", 5));

            sender.send(new MessageComposer("Shop").emailCode(Purpose.SIGN_IN_CODE, "alice@example.com", "493817", 5,
                    null, Locale.ENGLISH));

            String data = received.get(10, TimeUnit.SECONDS);
            assertTrue(data.contains("493817"), data);
            assertTrue(data.contains("text/plain"), data);
            assertTrue(data.contains("text/html"), data);
        } finally {
            serverThread.shutdownNow();
        }
    }

    /** Answers one SMTP session with success and returns the message's DATA. */
    private static String serveOnce(ServerSocket listener) {
        try (Socket client = listener.accept()) {
            client.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream raw = client.getOutputStream();
            Writer out = new OutputStreamWriter(raw, StandardCharsets.US_ASCII);
            reply(out, "220 loopback ESMTP");
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 loopback");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go on");
                    for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                        data.append(body).append('\n');
                    }
                    reply(out, "250 kept");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    break;
                } else {
                    reply(out, "250 ok");
                }
            }
            return data.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(Writer out, String line) throws java.io.IOException {
        out.write(line + "\r\n");
        out.flush();
    }
}
