package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.web.TwoStepFilter;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External login with TLS client certificates ({@code CLIENT-CERT}), as a WAR TwoStep does not
 * own sets it up: the connector asks for a certificate (wants, not needs, so visitors without
 * one still reach public pages), the container signs in the certificate's subject
 * ({@code CN=alice}, role {@code user}; {@code CN=carol}, roles {@code user} and {@code api},
 * exempt) through its realm, a constraint covers {@code /auth/*} only, and TwoStep is in front
 * of every path. The certificates are made for the run ({@link ClientCertificates}).
 */
public abstract class ClientCertLoginContract {
    public static final String ALICE = "CN=alice";
    public static final String CAROL = "CN=carol";
    public static final String CONSTRAINED = "/auth/*";
    public static final String ROLE = "user";
    public static final String EXEMPT_ROLE = "api";

    private static final String SETTINGS = """
            {"login": {"mode": "external"},
             "setup": {"mode": "required", "methods": ["app"]},
             "exempt": {"roles": ["api"], "paths": ["/", "/public/*"]}}
            """;

    @TempDir
    static Path dir;
    /** Made once per class: keytool takes a few seconds. */
    private static ClientCertificates certificates;
    private ClientCertServer container;
    private int port;

    /** A container that serves over TLS with CLIENT-CERT login; not yet started. */
    public interface ClientCertServer extends AutoCloseable {
        /**
         * Starts {@code filter} on {@code /*} and {@code app} on {@code /} behind CLIENT-CERT
         * login over TLS with {@code certificates} (server key, trusted user certificates), the
         * users and roles above and the constraint on {@link #CONSTRAINED}; answers the port.
         */
        int start(jakarta.servlet.Filter filter, jakarta.servlet.Servlet app, ClientCertificates certificates)
                throws Exception;
    }

    protected abstract ClientCertServer container();

    /** What the container answers a constrained path asked for without a certificate. */
    protected abstract int refusalWithoutCertificate();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = ClientCertificates.make(dir, List.of("alice", "carol"));
    }

    @BeforeEach
    void start() throws Exception {
        Settings settings = new SettingsLoader(name -> null)
                .load(new ByteArrayInputStream(SETTINGS.getBytes(StandardCharsets.UTF_8)), "client-cert-it.json");
        container = container();
        port = container.start(new TwoStepFilter(TwoStep.builder(settings).build()), new FlowApp.AppServlet(),
                certificates);
    }

    @AfterEach
    void stop() throws Exception {
        container.close();
    }

    @Test
    void clientCertWhenNotEnrolledThenHeldAtSetUpAndTwoStepPagesServedWithoutError() throws Exception {
        ClientCertificates.Client alice = certificates.client("alice", port);

        HttpResponse<String> page = alice.get("/auth/page");
        assertEquals(302, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/2fa/setup"), page.headers().toString());
        HttpResponse<String> setup = alice.get("/2fa/setup");
        assertEquals(200, setup.statusCode(), setup.body());
        HttpResponse<String> status = alice.get("/2fa/api/status");
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(status.body().contains("\"user\":\"" + ALICE + "\""), status.body());
        assertTrue(status.body().contains("\"state\":\"enroll\""), status.body());
        HttpResponse<String> again = alice.get("/auth/page");
        assertEquals(302, again.statusCode(), "still held: the certificate is only the first factor");
        HttpResponse<String> exemptPath = alice.get("/public/page");
        assertEquals(200, exemptPath.statusCode(), exemptPath.body());
        assertEquals("app:/public/page:null", exemptPath.body(), "a user at the set-up reaches exempt paths anonymously");
    }

    @Test
    void exemptUserWhenSignedInWithCertificateThenServedWithoutSession() throws Exception {
        ClientCertificates.Client carol = certificates.client("carol", port);

        HttpResponse<String> constrained = carol.get("/auth/page");
        HttpResponse<String> open = carol.get("/public/page");

        assertEquals(200, constrained.statusCode(), constrained.body());
        assertEquals("app:/auth/page:" + CAROL, constrained.body());
        assertEquals(200, open.statusCode(), open.body());
        assertNull(carol.cookie("JSESSIONID"), "a session for an exempt user");
    }

    @Test
    void noCertificateWhenConstrainedPathThenContainerRefusesAndPublicPathServed() throws Exception {
        ClientCertificates.Client nobody = certificates.client(null, port);

        assertEquals(refusalWithoutCertificate(), nobody.get("/auth/page").statusCode());
        HttpResponse<String> open = nobody.get("/public/page");
        assertEquals(200, open.statusCode(), open.body());
        assertEquals("app:/public/page:null", open.body());
    }
}
