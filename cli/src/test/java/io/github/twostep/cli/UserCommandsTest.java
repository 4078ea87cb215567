package io.github.twostep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.VerifyOutcome;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.store.TrustedDevice;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UserCommandsTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path directory;

    private CliFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CliFixture(directory);
    }

    @Test
    void statusWhenUserNeverSetUpThenNotEnrolled() {
        CliFixture.Run run = fixture.runOnSettings("status", "bob");

        assertEquals(0, run.status(), run.err());
        assertEquals("""
                user: bob
                enrolled: no
                methods: none
                locked: no
                failed attempts: 0
                devices: 0
                security keys: 0
                backup codes left: 0
                last verification: never
                """, run.out());
    }

    @Test
    void statusWhenEnrolledWithAppThenShowsMethodsDevicesAndLastVerification() {
        fixture.enrolWithApp("alice");
        Engine.of(fixture.twoStep()).accounts().trustDevice("alice", 30, CliFixture.BROWSER);

        CliFixture.Run run = fixture.runOnSettings("status", "alice");

        assertEquals(0, run.status(), run.err());
        assertEquals("yes", run.field("enrolled"));
        assertEquals("app", run.field("methods"));
        assertEquals("no", run.field("locked"));
        assertEquals("0", run.field("failed attempts"));
        assertEquals("1", run.field("devices"));
        assertEquals("10", run.field("backup codes left"));
        assertEquals("2026-05-04T10:00:00Z", run.field("last verification"));
    }

    @Test
    void statusWhenUserUnknownThenSaysSoAndFails() {
        CliFixture.Run run = fixture.runOnSettings("status", "mallory");

        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("no user \"mallory\" in the users table"), run.err());
    }

    @Test
    void emergencyCodeWhenPrintedThenVerifiesOnceAndIsAudited() {
        fixture.enrolWithApp("alice");

        CliFixture.Run run = fixture.runOnSettings("emergency-code", "alice");

        assertEquals(0, run.status(), run.err());
        String code = run.field("emergency code");
        assertTrue(code.matches("[A-Z]{6}"), code);
        assertEquals("2026-05-04T10:02:00Z", run.field("expires"));
        Accounts accounts = Engine.of(fixture.twoStep()).accounts();
        VerifyOutcome first = accounts.verify("alice", code, "sign-in", CliFixture.BROWSER);
        assertTrue(first.isVerified());
        assertEquals(VerifyOutcome.Factor.EMERGENCY, first.factor());
        assertFalse(accounts.verify("alice", code, "sign-in", CliFixture.BROWSER).isVerified());
        assertTrue(cliEvents("alice").contains(AuditEvent.Type.EMERGENCY_CODE_CREATED));
    }

    @Test
    void unlockWhenLockedByFailedCodesThenLockAndFailuresCleared() {
        OtpSecret secret = fixture.enrolWithApp("alice");
        String wrong = fixture.wrongCode(secret);
        for (int i = 0; i < 3; i++) {
            Engine.of(fixture.twoStep()).accounts().verify("alice", wrong, "sign-in", CliFixture.BROWSER);
        }
        assertEquals("yes, until 2026-05-04T10:15:00Z", fixture.runOnSettings("status", "alice").field("locked"));

        CliFixture.Run run = fixture.runOnSettings("unlock", "alice");

        assertEquals(0, run.status(), run.err());
        CliFixture.Run status = fixture.runOnSettings("status", "alice");
        assertEquals("no", status.field("locked"));
        assertEquals("0", status.field("failed attempts"));
        assertTrue(cliEvents("alice").contains(AuditEvent.Type.UNLOCKED));
    }

    @Test
    void devicesWhenOneTrustedThenOneLineWithIdLabelAndTimes() {
        fixture.enrolWithApp("alice");
        TrustedDevice device = Engine.of(fixture.twoStep()).accounts().trustDevice("alice", 30, CliFixture.BROWSER).device();

        CliFixture.Run run = fixture.runOnSettings("devices", "alice");

        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(device.id() + "  \"" + device.label() + "\"  created 2026-05-04T10:00:00Z"
                + "  last used 2026-05-04T10:00:00Z  expires 2026-06-03T10:00:00Z"), run.out().lines().toList());
    }

    @Test
    void revokeDeviceWhenKnownThenGoneAndAudited() {
        fixture.enrolWithApp("alice");
        String id = Engine.of(fixture.twoStep()).accounts().trustDevice("alice", 30, CliFixture.BROWSER).device().id();

        CliFixture.Run run = fixture.runOnSettings("revoke-device", "alice", id);

        assertEquals(0, run.status(), run.err());
        assertEquals("revoked device " + id + " of alice\n", run.out());
        assertEquals("alice has no trusted devices\n", fixture.runOnSettings("devices", "alice").out());
        assertTrue(cliEvents("alice").contains(AuditEvent.Type.DEVICE_REVOKED));
    }

    @Test
    void revokeDeviceWhenNoSuchDeviceThenFails() {
        fixture.enrolWithApp("alice");

        CliFixture.Run run = fixture.runOnSettings("revoke-device", "alice", "nosuchdevice");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("alice has no trusted device nosuchdevice"), run.err());
    }

    @Test
    void resetWhenEnrolledThenStatusSaysNotEnrolledAndTrustIsGone() {
        fixture.enrolWithApp("alice");
        Engine.of(fixture.twoStep()).accounts().trustDevice("alice", 30, CliFixture.BROWSER);

        CliFixture.Run run = fixture.runOnSettings("reset", "alice");

        assertEquals(0, run.status(), run.err());
        CliFixture.Run status = fixture.runOnSettings("status", "alice");
        assertEquals("no", status.field("enrolled"));
        assertEquals("none", status.field("methods"));
        assertEquals("0", status.field("devices"));
        assertTrue(cliEvents("alice").contains(AuditEvent.Type.RESET));
    }

    @Test
    void resetWhenMailServerConfiguredThenTheUserIsToldBeforeTheCommandEnds() throws Exception {
        fixture.enrolWithApp("alice");
        String settings = Files.readString(fixture.settingsFile).strip();
        Path withMail = fixture.writeSettings("smtp.json", settings.substring(0, settings.length() - 1) + """
                , "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com"}}
                """.formatted(SMTP.getSmtp().getPort()));

        CliFixture.Run run = fixture.run("--settings", withMail.toString(), "reset", "alice");

        assertEquals(0, run.status(), run.err());
        MimeMessage[] told = SMTP.getReceivedMessages(); // no waiting: the command ends after its notice went out
        assertEquals(1, told.length);
        assertEquals("alice@example.com", told[0].getAllRecipients()[0].toString());
        assertTrue(told[0].getSubject().startsWith("Two-factor authentication was reset"), told[0].getSubject());
    }

    @Test
    void resetWhenUserUnknownThenFailsAndNothingIsAudited() {
        CliFixture.Run run = fixture.runOnSettings("reset", "mallory");

        assertEquals(1, run.status());
        assertTrue(cliEvents("mallory").isEmpty());
    }

    /** The events the CLI left in the audit table for {@code user}. */
    private List<AuditEvent.Type> cliEvents(String user) {
        return Engine.of(fixture.twoStep()).accounts().auditTrail(user, 100).stream()
                .filter(e -> e.remoteAddr().equals("cli") && e.userAgent().equals("twostep-cli"))
                .map(AuditEvent::event).toList();
    }
}
