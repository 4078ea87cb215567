package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twostep.login.PasswordVerifier;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An application's extension that fails in a way of its own gets the same fail-closed answer as the store's. */
class ExtensionFailureIT {

    @Test
    void loginWhenPasswordCheckThrowsThen503AndNobodySignedIn() throws Exception {
        PasswordVerifier broken = (user, password) -> {
            throw new IllegalStateException("directory server down");
        };
        try (TestApp app = new TestApp(TestApp.settings(""), builder -> builder.passwordVerifier(broken))) {
            Browser browser = new Browser(app);

            HttpResponse<String> answer = browser.login("alice");

            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals("{\"error\":\"unavailable\"}", answer.body());
            assertEquals("anonymous", browser.status().get("state").asText());
        }
    }
}
