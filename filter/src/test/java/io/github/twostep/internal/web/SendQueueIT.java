package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.core.Engine;
import io.github.twostep.testing.GatedSender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full background send queue ({@code delivery.queue}) over HTTP: a password-less sign-in
 * that would be one message too many gets 429 with {@code Retry-After}, for a known name and
 * an unknown one alike, and once the mail server answers again the queue drains.
 */
class SendQueueIT {
    private final GatedSender sender = new GatedSender();
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("""
                "setup": {"mode": "auto", "methods": ["email"]}, "disableLoginPassword": true,
                "trustThisDevice": 0, "delivery": {"queue": {"threads": 1, "limit": 1}}"""),
                builder -> builder.codeSender(sender));
    }

    @AfterEach
    void stop() throws Exception {
        sender.release();
        app.close();
    }

    private HttpResponse<String> signIn(String name) throws Exception {
        return new Browser(app).post("/2fa/api/login", "{\"username\": \"" + name + "\"}");
    }

    @Test
    void loginWhenSendQueueFullThen429ForEveryNameAndTheQueueDrainsAfterwards() throws Exception {
        assertEquals(200, signIn("alice").statusCode());
        sender.awaitEntered(); // alice's email reached the mail server
        assertEquals(200, signIn("bob").statusCode(), "bob's email waits in the queue");

        HttpResponse<String> known = signIn("admin");
        HttpResponse<String> unknown = signIn("nobody");
        HttpResponse<String> cooling = signIn("alice"); // inside her cooldown: nothing to send, refused alike

        for (HttpResponse<String> refused : List.of(known, unknown, cooling)) {
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals("too_many_requests", Browser.json(refused).get("error").asText());
            assertEquals(5, Browser.json(refused).get("retryAfterSeconds").asInt());
            assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(null));
        }
        assertEquals(0, Engine.of(app.twoStep).accounts().lookup("admin").map(r -> r.sendQuota().sendsAt(app.clock.instant()))
                .orElse(0), "the refused sign-in's send is given back");
        sender.release();
        assertEquals(List.of("alice@example.com", "bob@example.com"), sender.takeRecipients(2));
        assertEquals(200, signIn("admin").statusCode());
        assertEquals(List.of("admin@example.com"), sender.takeRecipients(1));
    }

    @Test
    void loginPageWhenSendQueueFullThen429WithTheFormAgain() throws Exception {
        assertEquals(200, signIn("alice").statusCode());
        sender.awaitEntered(); // alice's email reached the mail server
        assertEquals(200, signIn("bob").statusCode(), "bob's email waits in the queue");
        Browser browser = new Browser(app);
        String csrf = browser.status().get("csrfToken").asText();

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(app.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&_csrf=" + csrf)).build());

        assertEquals(429, page.statusCode());
        assertEquals("5", page.headers().firstValue("Retry-After").orElse(null));
        assertTrue(page.body().contains("name=\"username\""), "the sign-in form is shown again");
        sender.release();
        assertEquals(List.of("alice@example.com", "bob@example.com"), sender.takeRecipients(2));
    }
}
