package io.github.twostep.config;

import static io.github.twostep.config.SettingsFixtures.load;
import static io.github.twostep.config.SettingsFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pages} settings: links that stay in bounds, and a template folder without misspelt names. */
class PageSettingsTest {
    @TempDir
    Path folder;

    private String pages(String inner) {
        return "{\"pages\": {" + inner + "}}";
    }

    private String templates(Path dir) {
        return pages("\"templates\": \"" + dir.toString().replace("\\", "\\\\") + "\"");
    }

    @Test
    void pagesWhenAllSetThenRead() throws IOException {
        Files.writeString(folder.resolve("verify.mustache"), "{{>layout-top}}{{>layout-bottom}}");
        Files.writeString(folder.resolve("notes.txt"), "not a template: left alone");

        Settings s = load(pages("\"appName\": \"Acme\", \"homeUrl\": \"https://acme.example/home\", "
                + "\"stylesheet\": \"/css/acme.css\", \"templates\": \""
                + folder.toString().replace("\\", "\\\\") + "\""));

        assertEquals(new PageSettings("Acme", "https://acme.example/home", "/css/acme.css", folder.toString()),
                s.pages());
    }

    @Test
    void templatesWhenAFileIsNotATwoStepTemplateThenSettingsError() throws IOException {
        Files.writeString(folder.resolve("verfy.mustache"), "typo");

        List<String> problems = problems(templates(folder));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("$.pages.templates: \"verfy.mustache\" is not a TwoStep template"),
                problems.get(0));
    }

    @Test
    void templatesWhenMissingOrRelativeOrNotOnTheClassPathThenSettingsError() {
        assertEquals(List.of("$.pages.templates: is not a directory"), problems(templates(folder.resolve("none"))));
        assertTrue(problems(pages("\"templates\": \"themes/acme\"")).get(0)
                .startsWith("$.pages.templates: expected an absolute directory"));
        assertEquals(List.of("$.pages.templates: not found on the class path"),
                problems(pages("\"templates\": \"classpath:no/such/folder\"")));
    }

    @Test
    void linksWhenProtocolRelativeOrInjectingThenSettingsError() {
        assertEquals(1, problems(pages("\"homeUrl\": \"//evil.example\"")).size());
        assertEquals(1, problems(pages("\"stylesheet\": \"http://cdn.example/x.css\"")).size(), "https only");
        assertEquals(1, problems(pages("\"stylesheet\": \"https://cdn.example;script-src */x.css\"")).size(),
                "nothing but a host may reach the Content-Security-Policy");
        assertEquals(1, problems(pages("\"appName\": \" \"")).size());
    }
}
