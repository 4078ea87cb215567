package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/INTEGRATION.md and docs/OPERATIONS.md say what the delivery classes do. */
class DeliveryDocsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void integrationExampleSenderWhenCompiledThenNoErrors(@TempDir Path work) throws IOException {
        Matcher block = JAVA_BLOCK.matcher(section("INTEGRATION.md", "## SMS and call hooks"));
        assertTrue(block.find(), "no java block");
        Path source = work.resolve("src/com/example/MySmsSender.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, block.group(1));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        StringWriter errors = new StringWriter();

        boolean compiled = javac.getTask(errors, null, null, List.of("-d", work.resolve("classes").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();

        assertTrue(compiled, errors.toString());
    }

    @Test
    void integrationWhenShowingSettingsThenNamesTheExampleClass() throws IOException {
        String section = section("INTEGRATION.md", "## SMS and call hooks");

        assertTrue(section.contains("\"delivery\": { \"sms\": \"class:com.example.MySmsSender\" }"));
        assertTrue(section.contains("\"verify\": { \"sms\": true }"));
    }

    @Test
    void integrationWhenQuotingSmsAndErrorsThenMatchesTheCode() throws IOException {
        String section = section("INTEGRATION.md", "## SMS and call hooks");
        String sms = new MessageComposer("TwoStep Sample").smsCode(Purpose.SIGN_IN_CODE, "+1 555 0100", "123456", 5,
                "example.com", Locale.ENGLISH).text();
        String missing = assertThrowsMessage("com.example.MySmsSender");

        assertTrue(sms.startsWith(quoted(section, "`Your TwoStep")), sms);
        assertTrue(sms.endsWith("\n\n" + quoted(section, "`@example.com")), sms);
        assertTrue(section.contains("`" + missing + "`"), missing);
    }

    @Test
    void operationsWhenShowingLogLineThenMatchesTheCode() throws IOException {
        String section = section("OPERATIONS.md", "## Mail and SMS").replaceAll("\\s*\n\\s*", " ");
        OutgoingMessage email = new MessageComposer("TwoStep Sample").emailCode(Purpose.SIGN_IN_CODE,
                "bob@example.com", "123456", 5, null, Locale.ENGLISH);

        assertTrue(section.contains("`" + LoggingCodeSender.line(email, "sent") + "`"), section);
        assertTrue(section.contains("\"subject\": \"" + email.subject() + "\""));
    }

    private static String assertThrowsMessage(String className) {
        return assertThrows(TwoStepException.class, () -> CodeSenders.load(className)).getMessage();
    }

    /** The text between a pair of backquotes that starts with {@code start}. */
    private static String quoted(String text, String start) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "not found: " + start);
        return text.substring(from + 1, text.indexOf('`', from + 1));
    }

    private static String section(String file, String heading) throws IOException {
        String text = Files.readString(docs().resolve(file));
        int start = text.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, heading + " missing in " + file);
        int end = text.indexOf("\n## ", start + heading.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/ not found above " + Path.of("").toAbsolutePath());
    }
}
