package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.Caller;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Algorithm;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With 2FA off app-wide (enabled: false), nothing is counted or sent, so nothing carries over when it is back on. */
class DisabledAppWideIT {

    @Test
    void verifyAndSendWhenTwoFactorOffAppWideThenNothingCountedOrSent() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings("\"enabled\": false"))) {
            var setup = Engine.of(app.twoStep).accounts().startSetup("alice", Caller.APPLICATION);
            Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
            String code = totp.key(OtpSecret.fromBase32(setup.secret())).generate(totp.currentStep());
            assertTrue(Engine.of(app.twoStep).accounts().confirmSetup("alice", code, Set.of(VerifyMethod.APP, VerifyMethod.EMAIL),
                    "s", Caller.APPLICATION).outcome().isVerified(), "enrolled while 2FA was on");
            Browser browser = new Browser(app);
            assertEquals("disabled", Browser.json(browser.login("alice")).get("state").asText());

            for (int i = 0; i < 6; i++) {
                assertEquals(401, browser.post("/2fa/api/verify", "{\"code\": \"000000x\"}").statusCode());
            }
            int sent = browser.post("/2fa/api/send", "{\"method\": \"email\"}").statusCode();

            assertEquals(0, Engine.of(app.twoStep).accounts().summary("alice").failedAttempts(), "nothing counted");
            assertEquals(400, sent, "nothing sent");
            assertTrue(Engine.of(app.twoStep).auditSink().recent("alice", 100).stream()
                    .noneMatch(e -> e.event() == AuditEvent.Type.CODE_SENT || e.event() == AuditEvent.Type.VERIFY_FAILED));
        }
    }
}
