package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.OutboxEntry;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.testing.SettableClock;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sms-call} profile: SMS and call codes for bob (+1 555 0100) show up in the dev
 * outbox through {@link OutboxPhoneSender}, and one of them completes a sign-in.
 */
class SmsCallProfileIT {
    /** Six digits, written together (SMS) or spoken one by one, "1, 2, 3, 4, 5, 6" (call). */
    private static final Pattern CODE = Pattern.compile("\\b(\\d(?:, )?\\d(?:, )?\\d(?:, )?\\d(?:, )?\\d(?:, )?\\d)\\b");
    private static final SettableClock CLOCK = new SettableClock(Instant.now());
    private static SampleApp app;

    @TempDir
    static Path dataDirectory;

    @BeforeAll
    static void start() {
        Options options = Options.defaults().withPort(0).withSettings("../config/profiles/sms-call.json")
                .withDb("jdbc:h2:mem:sms-call-it;DB_CLOSE_DELAY=-1").withDataDirectory(dataDirectory);
        app = SampleApp.start(options, SampleAppIT.ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()),
                CLOCK);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The newest text or call in the outbox, which must have gone to bob's phone on {@code channel}. */
    private static OutboxEntry newest(String channel) {
        List<OutboxEntry> messages = app.outbox().orElseThrow().messages().stream()
                .filter(m -> m.channel() != Channel.EMAIL).toList(); // a security notice may come later
        OutboxEntry entry = messages.get(messages.size() - 1);
        assertEquals(channel, entry.channel().wireName());
        assertEquals("+1 555 0100", entry.to());
        return entry;
    }

    private static String code(OutboxEntry entry) {
        Matcher code = CODE.matcher(entry.body());
        assertTrue(code.find(), "no code in the " + entry.channel() + " message");
        return code.group(1).replace(", ", "");
    }

    @Test
    void bobWhenSettingUpAndSigningInThenSmsAndCallCodesInOutbox() throws Exception {
        Browser setup = new Browser(app);
        assertEquals("optional", setup.login("bob"));
        HttpResponse<String> started = setup.post("/2fa/api/setup/start",
                "{\"password\": \"bob-password\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());

        HttpResponse<String> bySms = setup.post("/2fa/api/send", "{\"method\": \"sms\"}");
        assertEquals(202, bySms.statusCode(), bySms.body());
        newest("sms");
        CLOCK.advance(Duration.ofSeconds(31));
        HttpResponse<String> byCall = setup.post("/2fa/api/send", "{\"method\": \"call\"}");
        assertEquals(202, byCall.statusCode(), byCall.body());
        String callCode = code(newest("call"));
        HttpResponse<String> confirmed = setup.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + callCode + "\", \"methods\": [\"sms\", \"call\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());

        CLOCK.advance(Duration.ofSeconds(31));
        Browser browser = new Browser(app);
        assertEquals("challenge", browser.login("bob"));
        assertEquals(202, browser.post("/2fa/api/send", "{\"method\": \"sms\"}").statusCode());
        HttpResponse<String> verified = browser.post("/2fa/api/verify",
                "{\"code\": \"" + code(newest("sms")) + "\"}");
        assertEquals(200, verified.statusCode(), verified.body());
        browser.status();
        assertEquals(200, browser.get("/protected").statusCode());
    }

    @Test
    void outboxPhoneSenderWhenNotMadeByTheSampleThenRefusesClearly() {
        OutgoingMessage message = new OutgoingMessage(Channel.SMS, Purpose.SIGN_IN_CODE, "+1 555 0100", null,
                "Your code is 123456.", null);

        DeliveryException error = assertThrows(DeliveryException.class, () -> new OutboxPhoneSender().send(message));

        assertTrue(error.getMessage().contains("works only there"), error.getMessage());
        assertFalse(error.getMessage().contains("123456"), "never the code");
    }
}
