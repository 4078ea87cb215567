package io.github.twostep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README.md's documentation list links every page in docs/, and only pages that exist. */
class ReadmeDocTest {
    private static final Pattern LINK = Pattern.compile("(?m)^- \\[docs/([^\\]]+)\\]\\(docs/([^)]+)\\)");

    @Test
    void documentationListWhenComparedWithDocsDirectoryThenSamePages() throws IOException {
        Path root = ApiDocTest.root();
        String list = ApiDocTest.section(Files.readString(root.resolve("README.md")), "## Documentation");
        Set<String> linked = new TreeSet<>();
        for (Matcher m = LINK.matcher(list); m.find(); ) {
            assertEquals(m.group(1), m.group(2), "link text and target differ");
            linked.add(m.group(2));
        }
        Set<String> pages;
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            pages = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        assertTrue(pages.size() >= 6, "docs/ pages: " + pages);
        assertEquals(pages, linked);
    }
}
