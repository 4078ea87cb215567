package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The page texts: both languages complete, every text a template asks for present, formats sound. */
class MessagesTest {
    private static final Path TEMPLATES = Path.of("src/main/resources/io/github/twostep/internal/web/templates");

    private static Properties bundle(String name) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void bundlesWhenComparedThenGermanHasEveryEnglishKeyAndNoOther() throws IOException {
        Set<String> english = new TreeSet<>(bundle("messages.properties").stringPropertyNames());
        Set<String> german = new TreeSet<>(bundle("messages_de.properties").stringPropertyNames());

        assertEquals(english, german);
    }

    @Test
    void templatesWhenTheyNameATextThenTheBundleHasIt() throws IOException {
        Set<String> english = bundle("messages.properties").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        Pattern text = Pattern.compile("\\{\\{\\s*t\\.([A-Za-z0-9_]+)\\s*}}");
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".mustache")).toList()) {
                Matcher m = text.matcher(Files.readString(file));
                while (m.find()) {
                    if (!english.contains(m.group(1))) {
                        missing.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }

        assertEquals(List.of(), missing);
    }

    @Test
    void formattedTextsWhenFilledThenArgumentAppearsInEveryLanguage() {
        for (Locale locale : Messages.SUPPORTED) {
            Messages messages = Messages.of(locale);

            assertTrue(messages.format("send_wait_minutes", 49).contains("49"), locale.toString());
            assertTrue(messages.format("trust_device", 30).contains("30"), locale.toString());
            assertTrue(messages.format("code_hint", 8).contains("8"), locale.toString());
            assertTrue(messages.format("app_qr_alt", "FreeOTP").contains("FreeOTP"), locale.toString());
            assertTrue(messages.format("verify_locked", 15).contains("15"), locale.toString());
            assertTrue(messages.format("setup_sent", "a***@example.com", 5).contains("a***@example.com"), locale.toString());
        }
    }

    @Test
    void messagesWhenGermanPreferredThenGermanElseEnglish() {
        assertEquals("Bestätigen", Messages.forLocales(Collections.enumeration(
                List.of(Locale.forLanguageTag("de-AT"), Locale.ENGLISH))).get("verify_button"));
        assertEquals("Verify", Messages.forLocales(Collections.enumeration(
                List.of(Locale.forLanguageTag("fr"), Locale.forLanguageTag("en-GB")))).get("verify_button"));
        assertNotEquals(Messages.of(Locale.GERMAN).get("lang"), Messages.of(Locale.ENGLISH).get("lang"));
    }
}
