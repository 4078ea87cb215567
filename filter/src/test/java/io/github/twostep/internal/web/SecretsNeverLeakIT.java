package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs every flow that handles a secret or a code and then looks for each of them in all that
 * was logged (the console the test logger writes to) and in every later API answer.
 */
class SecretsNeverLeakIT {
    @Test
    void flowsWhenSecretsAndCodesUsedThenNoneInLogsOrLaterAnswers() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>();
        List<String> laterAnswers = new ArrayList<>();
        String csrf;
        System.setErr(new PrintStream(new TeeStream(captured, original), true, StandardCharsets.UTF_8));
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            String sessionBefore = browser.cookie("JSESSIONID");
            browser.login("alice");
            assertNotEquals(sessionBefore, browser.cookie("JSESSIONID"));
            JsonNode setup = Browser.json(browser.post("/2fa/api/setup/start",
                    "{\"password\": \"alice-password\", \"consent\": true}"));
            OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
            Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
            String code = totp.key(secret).generate(totp.currentStep());
            JsonNode enabled = Browser.json(browser.post("/2fa/api/setup/confirm",
                    "{\"code\": \"" + code + "\", \"methods\": [\"app\"]}"));
            secrets.add(setup.get("secret").asText());
            secrets.add(code);
            enabled.get("backupCodes").forEach(c -> secrets.add(c.asText()));
            csrf = browser.status().get("csrfToken").asText();
            app.clock.advance(Duration.ofSeconds(30));
            String second = totp.key(secret).generate(totp.currentStep());
            browser.post("/2fa/api/verify", "{\"code\": \"" + second + "\", \"trustDevice\": true}");
            secrets.add(second);
            secrets.add(browser.cookie("twostep_trust"));
            browser.post("/2fa/api/verify", "{\"code\": \"" + enabled.get("backupCodes").get(0).asText() + "\"}");
            Browser admin = new Browser(app);
            admin.login("admin");
            String emergency = Browser.json(admin.post("/2fa/admin/api/users/alice/emergency-code", "{}"))
                    .get("code").asText();
            secrets.add(emergency);
            browser.post("/2fa/api/verify", "{\"code\": \"" + emergency + "\"}");
            for (String path : List.of("/2fa/api/status", "/2fa/api/devices")) {
                laterAnswers.add(browser.get(path).body());
            }
            for (String path : List.of("/2fa/admin/api/users/alice", "/2fa/admin/api/users/alice/devices",
                    "/2fa/admin/api/audit?user=alice")) {
                HttpResponse<String> answer = admin.get(path);
                assertEquals(200, answer.statusCode(), path);
                laterAnswers.add(answer.body());
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("event=verify_succeeded") && logs.contains("event=emergency_code_created"),
                "the audit lines were not captured, so this test would prove nothing");
        assertFalse(contains(logs, csrf), "the CSRF token reached the log");
        for (String secret : secrets) {
            assertFalse(contains(logs, secret), "a secret or code reached the log");
            for (String answer : laterAnswers) {
                assertFalse(contains(answer, secret), "a secret or code reached a later API answer: " + answer);
            }
        }
    }

    /** Whether {@code text} holds {@code secret} as a whole token, with or without its dashes, in any case. */
    private static boolean contains(String text, String secret) {
        String bare = Pattern.quote(secret.replace("-", ""));
        String whole = "(?<![A-Za-z0-9])(" + Pattern.quote(secret) + "|" + bare + ")(?![A-Za-z0-9])";
        return Pattern.compile(whole, Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    /** Writes to two streams: the capture and the real console. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws java.io.IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }
    }
}
