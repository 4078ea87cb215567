package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.TwoStep;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample reads its {@code --settings} file through the same watcher as a filter declared
 * in {@code web.xml}: an edit applies to the next request, the store and its key stay, and an
 * edit that would change the store is refused.
 */
class SettingsFileIT {
    @TempDir
    Path directory;

    @Test
    void settingsFileWhenEditedWhileRunningThenTheNextRequestSeesIt() throws Exception {
        Path file = directory.resolve("twostep.json");
        ObjectNode json = (ObjectNode) Browser.JSON.readTree(Path.of("../config/twostep.json").toFile());
        Browser.JSON.writeValue(file.toFile(), json);
        Options options = Options.defaults().withPort(0).withSettings(file.toString())
                .withDb("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").withDataDirectory(directory);
        try (SampleApp app = SampleApp.start(options, Map.of("TWOSTEP_KEY", SampleKey.newKey())::get,
                new PrintStream(OutputStream.nullOutputStream()))) {
            NodeClient browser = new NodeClient(app);
            assertEquals(180, browser.status().get("trustDeviceDays").asInt());

            json.put("trustThisDevice", 7);
            Browser.JSON.writeValue(file.toFile(), json);
            assertTrue(app.checkSettingsNow());

            assertEquals(7, browser.status().get("trustDeviceDays").asInt());
            TwoStep reloaded = app.twoStep();
            assertEquals("optional", browser.login("alice"), "the users table is still the same");

            json.putObject("store").put("type", "memory");
            Browser.JSON.writeValue(file.toFile(), json);
            app.checkSettingsNow();

            assertSame(reloaded, app.twoStep(), "a reload that changes the store is refused");
            assertEquals(7, browser.status().get("trustDeviceDays").asInt());
        }
    }
}
