package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.testing.GatedSender;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Security notices (here "new backup codes") go out on the background sender: a mail server
 * that hangs does not hold the answer of the change it reports, and a full send queue does not
 * drop the notice (it goes out on the request's own thread).
 */
@Timeout(20)
class SecurityNoticeIT {
    private final GatedSender sender = new GatedSender();
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("\"delivery\": {\"queue\": {\"threads\": 1, \"limit\": 1}}"),
                builder -> builder.codeSender(sender));
    }

    @AfterEach
    void stop() throws Exception {
        sender.release();
        app.close();
    }

    private Browser enrolled() throws Exception {
        Browser browser = new Browser(app);
        browser.login("bob");
        HttpResponse<String> started = browser.post("/2fa/api/setup/start",
                "{\"password\": \"bob-password\", \"consent\": true}");
        OtpSecret secret = OtpSecret.fromBase32(Browser.json(started).get("secret").asText());
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        HttpResponse<String> confirmed = browser.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + totp.key(secret).generate(totp.currentStep()) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        browser.status(); // the CSRF token changes when a code is entered
        return browser;
    }

    /** "to: subject" of the next {@code count} messages the mail server took. */
    private List<String> delivered(int count) throws InterruptedException {
        return sender.take(count).stream().map(m -> m.to() + ": " + m.subject()).toList();
    }

    @Test
    void regenerateWhenMailServerHangsThenAnsweredAndTheNoticeFollows() throws Exception {
        Browser browser = enrolled();

        HttpResponse<String> renewed = browser.post("/2fa/api/backup-codes", "{}");

        assertEquals(200, renewed.statusCode(), renewed.body());
        sender.awaitEntered(); // the notice reached the mail server
        assertEquals(0, sender.delivered(), "the mail server still holds it: the answer did not wait");
        sender.release();
        List<String> told = delivered(1);
        assertTrue(told.get(0).startsWith("bob@example.com: "), told.toString());
        assertTrue(told.get(0).toLowerCase(Locale.ROOT).contains("backup codes"), told.toString());
    }

    @Test
    void regenerateWhenSendQueueFullThenTheNoticeGoesOutOnTheRequestsThread() throws Exception {
        Browser browser = enrolled();
        assertEquals(200, browser.post("/2fa/api/backup-codes", "{}").statusCode());
        sender.awaitEntered(); // the first notice holds the only sender thread
        assertEquals(200, browser.post("/2fa/api/backup-codes", "{}").statusCode(), "the second waits in the queue");

        CompletableFuture<HttpResponse<String>> third = CompletableFuture.supplyAsync(() -> {
            try {
                return browser.post("/2fa/api/backup-codes", "{}");
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });

        sender.awaitEntered(); // the third notice reached the mail server
        assertFalse(third.isDone(), "the queue is full: the request's own thread sends it");
        sender.release();
        assertEquals(200, third.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(3, delivered(3).size(), "no notice was dropped");
    }
}
