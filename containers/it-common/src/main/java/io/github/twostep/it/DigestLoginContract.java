package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStep;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * External login with the container's DIGEST authentication (RFC 7616, {@code qop=auth}, with
 * the algorithm the container asks for: MD5 on Tomcat, SHA-256 on Jetty 12.1),
 * set up as {@link BasicLoginContract} sets up BASIC: the same realm, constraint on
 * {@link BasicLoginContract#CONSTRAINED} and exemptions. The client answers the container's
 * challenge itself, with a fresh nonce count on every request, as a browser does.
 */
public abstract class DigestLoginContract extends ContainerLoginContract {
    /** The realm name every container's DIGEST login-config must use. */
    public static final String REALM = "twostep-it";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))");
    @Test
    void anonymousWhenConstrainedPathThenContainerChallengesWithDigestOfTheRealm() throws Exception {
        HttpResponse<String> page = new Visitor(port).get("/auth/page");

        assertEquals(401, page.statusCode(), page.body());
        String challenge = page.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Digest"), challenge);
        assertEquals(REALM, params(challenge).get("realm"));
    }

    @Test
    void digestLoginWhenNotEnrolledThenSetUpPageServedWithoutError() throws Exception {
        Visitor browser = new Visitor(port);
        DigestClient alice = new DigestClient(browser, BasicLoginContract.ALICE, BasicLoginContract.ALICE_PASSWORD);

        HttpResponse<String> page = alice.get("/auth/page");
        assertEquals(302, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/2fa/setup"), page.headers().toString());
        HttpResponse<String> setup = alice.get("/2fa/setup");
        assertEquals(200, setup.statusCode(), "TwoStep's page sees the DIGEST user: " + setup.body());
        HttpResponse<String> status = alice.get("/2fa/api/status");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("enroll", Visitor.json(status).path("state").asText());
        assertEquals(BasicLoginContract.ALICE, Visitor.json(status).path("user").asText());
        HttpResponse<String> exemptPath = alice.get("/public/page");
        assertEquals(200, exemptPath.statusCode(), exemptPath.body());
    }

    @Test
    void exemptUserWhenSignedInWithDigestThenServedWithoutSession() throws Exception {
        Visitor browser = new Visitor(port);
        DigestClient carol = new DigestClient(browser, BasicLoginContract.CAROL, BasicLoginContract.CAROL_PASSWORD);

        HttpResponse<String> constrained = carol.get("/auth/page");
        HttpResponse<String> open = carol.get("/public/page");

        assertEquals(200, constrained.statusCode(), constrained.body());
        assertEquals("app:/auth/page:carol", constrained.body());
        assertEquals(200, open.statusCode(), open.body());
        assertNull(browser.cookie("JSESSIONID"), "a session for an exempt user");
    }

    @Test
    void wrongPasswordWhenConstrainedPathThenContainersChallengeNotAnError() throws Exception {
        Visitor browser = new Visitor(port);
        DigestClient mallory = new DigestClient(browser, BasicLoginContract.ALICE, "wrong-password");

        HttpResponse<String> page = mallory.get("/auth/page");

        assertEquals(401, page.statusCode(), page.body());
        assertNull(browser.cookie("JSESSIONID"), "a session for a failed login");
    }

    static Map<String, String> params(String header) {
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(header.substring(header.indexOf(' ') + 1));
        while (m.find()) {
            params.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return params;
    }

    /**
     * One user's browser answering DIGEST challenges (MD5 or SHA-256, as asked): the first
     * request fetches a nonce, then each counts up.
     */
    final class DigestClient {
        private final Visitor browser;
        private final String user;
        private final String password;
        private Map<String, String> challenge;
        private int count;

        DigestClient(Visitor browser, String user, String password) {
            this.browser = browser;
            this.user = user;
            this.password = password;
        }

        HttpResponse<String> get(String path) throws Exception {
            if (challenge == null) {
                HttpResponse<String> asked = browser.get("/auth/page");
                assertEquals(401, asked.statusCode(), "a challenge to answer: " + asked.body());
                challenge = params(asked.headers().firstValue("WWW-Authenticate").orElseThrow());
            }
            return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", authorization("GET", path)).header("Accept", "text/html").GET().build());
        }

        private String authorization(String method, String uri) throws NoSuchAlgorithmException {
            String nc = String.format("%08x", ++count);
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            String cnonce = HexFormat.of().formatHex(random);
            String realm = challenge.get("realm");
            String nonce = challenge.get("nonce");
            String algorithm = challenge.getOrDefault("algorithm", "MD5");
            String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
            String ha2 = hash(algorithm, method + ":" + uri);
            String response = hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                    + "\", algorithm=" + algorithm + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response
                    + "\"" + (challenge.containsKey("opaque") ? ", opaque=\"" + challenge.get("opaque") + "\"" : "");
        }

        private static String hash(String algorithm, String text) throws NoSuchAlgorithmException {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
