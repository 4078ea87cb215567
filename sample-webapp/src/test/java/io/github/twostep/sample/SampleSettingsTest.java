package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleSettingsTest {

    private static Settings load(String json) {
        return new SettingsLoader(name -> null).load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "test");
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 8080, http://localhost:8080",
        "0.0.0.0, 9090, http://localhost:9090",
        "::1, 1234, http://localhost:1234",
        ":: , 80, http://localhost:80",
        "192.168.1.20, 8080, http://192.168.1.20:8080",
        "Demo.Example, 8080, http://demo.example:8080",
        "fd00::1, 8080, http://[fd00::1]:8080"})
    void publicUrlWhenHostAndPortThenSampleAddress(String host, int port, String expected) {
        assertEquals(expected, SampleSettings.publicUrl(host, port));
    }

    @Test
    void adaptWhenFileSetsNoPublicUrlThenSampleAddressAndEverythingElseKept() {
        Settings loaded = load("{\"code\": {\"length\": 8}, \"exempt\": {\"roles\": [\"api\"]}}");

        Settings adapted = SampleSettings.adapt(loaded, "http://localhost:9090", List.of("/password/forgot"));

        assertEquals("http://localhost:9090", adapted.paths().publicUrl());
        assertEquals(loaded.paths().prefix(), adapted.paths().prefix());
        assertEquals(List.of("/", "/static/*", "/password/forgot"), adapted.exempt().paths());
        assertEquals(List.of("api"), adapted.exempt().roles());
        assertEquals(8, adapted.code().length());
        assertEquals(loaded.store(), adapted.store());
    }

    @Test
    void adaptWhenFileSetsPublicUrlThenKept() {
        Settings loaded = load("{\"paths\": {\"publicUrl\": \"https://app.example.com\"}}");

        Settings adapted = SampleSettings.adapt(loaded, "http://localhost:9090", List.of());

        assertSame(loaded, adapted);
        assertEquals("https://app.example.com", adapted.paths().publicUrl());
    }

    @Test
    void adaptWhenPageAlreadyExemptThenListedOnce() {
        Settings loaded = load("{\"exempt\": {\"paths\": [\"/\", \"/password/forgot\"]},"
                + " \"paths\": {\"publicUrl\": \"https://app.example.com\"}}");

        Settings adapted = SampleSettings.adapt(loaded, "http://localhost:9090", List.of("/password/forgot"));

        assertSame(loaded, adapted);
    }
}
