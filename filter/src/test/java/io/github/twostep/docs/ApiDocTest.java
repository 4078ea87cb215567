package io.github.twostep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/API.md says what the web layer does: every endpoint it lists is requested by an
 * integration test, every error code the code can answer is in its error table with the same
 * statuses, and every example answer has the fields of one of the web layer's answer records.
 */
class ApiDocTest {
    private static final Pattern ENDPOINT_ROW = Pattern.compile(
            "(?m)^\\| ((?:GET|POST|DELETE)(?:, (?:GET|POST|DELETE))*) \\| (/\\S*) \\|(.*)\\|[ \\t]*$");
    private static final String NOT_YET_TESTED = "(not yet tested)";
    private static final Pattern ERROR_ROW = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| ([0-9, ]+) \\|");
    private static final Pattern ERROR_CALL = Pattern.compile(
            "Json\\.error\\(\\s*[^,]+,\\s*(?:HttpServletResponse\\.)?([A-Z_0-9]+|\\d{3}),\\s*\"([a-z_]+)\"\\)");
    /** {@code Json.error(response, X == STATUS ? "code" : "other")}: the first code has STATUS, the other the rest X can be. */
    private static final Pattern ERROR_TERNARY = Pattern.compile(
            "Json\\.error\\(\\s*[^,]+,\\s*(\\w+),\\s*\\1\\s*==\\s*(?:HttpServletResponse\\.)?(\\w+)\\s*\\?\\s*\"([a-z_]+)\"\\s*:\\s*\"([a-z_]+)\"\\s*\\)");
    /** {@code Json.error(response, STATUS, variable)}: the code is a variable (codes answered elsewhere too). */
    private static final Pattern ERROR_VARIABLE = Pattern.compile(
            "Json\\.error\\(\\s*[^,]+,\\s*(?:HttpServletResponse\\.)?(?:[A-Z_0-9]+|\\d{3}),\\s*[a-z]\\w*\\)");
    private static final Pattern RETURNED_STATUS = Pattern.compile("return (?:HttpServletResponse\\.)?(SC_[A-Z_]+);");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern HTTP_BLOCK = Pattern.compile("```http\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Endpoint(String methods, String path, boolean markedUntested) {
        /** Whether a string literal of a test is a request path of this endpoint ({@code {x}}: any segment, or cut off where a variable is appended). */
        boolean requestedBy(Set<String> literals) {
            String regex = Arrays.stream(path.split("\\{[^}]+}", -1)).map(Pattern::quote)
                    .collect(Collectors.joining("[^/?\"]*"));
            Pattern pattern = Pattern.compile(regex);
            return literals.stream().anyMatch(literal -> pattern.matcher(literal).matches());
        }

        @Override
        public String toString() {
            return methods + " " + path;
        }
    }

    @Test
    void endpointTableWhenComparedWithIntegrationTestsThenEveryUnmarkedEndpointIsRequested() {
        Set<String> literals = integrationTestLiterals();

        List<Endpoint> missing = endpoints().stream().filter(e -> !e.markedUntested())
                .filter(e -> !e.requestedBy(literals)).toList();

        assertTrue(missing.isEmpty(), "API.md lists endpoints that no web integration test requests (write a test, or mark"
                + " the row " + NOT_YET_TESTED + "): " + missing);
    }

    @Test
    void endpointTableWhenRowMarkedNotYetTestedThenNoIntegrationTestRequestsIt() {
        Set<String> literals = integrationTestLiterals();

        List<Endpoint> tested = endpoints().stream().filter(Endpoint::markedUntested)
                .filter(e -> e.requestedBy(literals)).toList();

        assertTrue(tested.isEmpty(), "API.md marks endpoints " + NOT_YET_TESTED + " that a web integration test now"
                + " requests; remove the mark: " + tested);
    }

    @Test
    void endpointTableWhenReadThenEveryEndpointOnceAndUnderTheDefaultPrefix() {
        List<Endpoint> endpoints = endpoints();
        Set<String> seen = new HashSet<>();

        assertTrue(endpoints.size() >= 20, "endpoint table not found or cut short: " + endpoints);
        for (Endpoint endpoint : endpoints) {
            assertTrue(seen.add(endpoint.toString()), "listed twice: " + endpoint);
            assertTrue(endpoint.path().startsWith("/2fa/") || endpoint.path().equals("/login")
                    || endpoint.path().equals("/logout"), "not one of TwoStep's paths: " + endpoint);
        }
    }

    @Test
    void errorTableWhenComparedWithWebCodeThenSameCodesAndStatuses() {
        Map<String, Set<Integer>> answered = answeredErrors();
        Map<String, Set<Integer>> documented = new TreeMap<>();
        String table = section(read("docs/API.md"), "### Error codes");
        for (Matcher m = ERROR_ROW.matcher(table); m.find(); ) {
            Set<Integer> statuses = Arrays.stream(m.group(2).split(",")).map(String::strip)
                    .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
            assertTrue(documented.put(m.group(1), statuses) == null, "documented twice: " + m.group(1));
        }

        assertFalse(answered.isEmpty(), "no error answers found in the web code");
        assertEquals(answered, documented, "API.md's error table (code → statuses) against the web code");
    }

    @Test
    void answerExamplesWhenParsedThenEachObjectHasTheFieldsOfAnAnswerRecord() throws IOException {
        List<Shape> shapes = answerShapes();
        int answers = 0;
        for (Set<String> fields : exampleObjects()) {
            answers++;
            assertTrue(shapes.stream().anyMatch(shape -> shape.fits(fields)), "no answer record has the fields " + fields);
        }
        assertTrue(answers >= 20, "example answers not found: " + answers);
    }

    @Test
    void answerExamplesWhenTakenTogetherThenEveryAnswerRecordAndOptionalFieldIsShown() throws IOException {
        List<Set<String>> examples = exampleObjects();
        List<String> notShown = new ArrayList<>();
        for (Shape shape : answerShapes()) {
            if (examples.stream().noneMatch(shape::fits)) {
                notShown.add(shape.name());
            }
            for (String optional : shape.optional()) {
                if (examples.stream().noneMatch(fields -> shape.fits(fields) && fields.contains(optional))) {
                    notShown.add(shape.name() + "." + optional);
                }
            }
        }

        assertTrue(notShown.isEmpty(), "API.md shows no example answer of: " + notShown);
    }

    /** The field names of every JSON object in API.md's example answers (nested objects too). */
    private static List<Set<String>> exampleObjects() throws IOException {
        List<Set<String>> found = new ArrayList<>();
        for (Matcher m = HTTP_BLOCK.matcher(read("docs/API.md")); m.find(); ) {
            String block = m.group(1);
            if (!block.startsWith("HTTP/1.1 ")) {
                continue;
            }
            String body = block.contains("\n\n") ? block.substring(block.indexOf("\n\n")).strip() : "";
            if (body.isEmpty()) {
                continue;
            }
            for (JsonNode object : objects(JSON.readTree(body))) {
                Set<String> fields = new TreeSet<>();
                object.fieldNames().forEachRemaining(fields::add);
                found.add(fields);
            }
        }
        return found;
    }

    @Test
    void answerExamplesWhenShownThenEachCarriesNoStore() {
        for (Matcher m = HTTP_BLOCK.matcher(read("docs/API.md")); m.find(); ) {
            String block = m.group(1);
            if (block.startsWith("HTTP/1.1 ")) {
                assertTrue(block.contains("\nCache-Control: no-store\n"), "example answer without no-store:\n" + block);
            }
        }
    }

    /**
     * Every error code the web code answers, with its statuses: {@code Json.error} with a literal
     * code, or with a two-way ternary on the status ({@code X == SC_A ? "a" : "b"}: "b" gets the
     * other statuses that this file's methods return), and {@code Json.write(response, status, new
     * Answers.R("code", ...))} for every answer record R whose first field is {@code error}. A
     * {@code Json.error} or error record written any other way fails the test, so that no code
     * the scan cannot read goes unchecked.
     */
    static Map<String, Set<Integer>> answeredErrors() {
        Map<String, Set<Integer>> answered = new TreeMap<>();
        String records = String.join("|", errorRecords());
        Pattern errorRecord = Pattern.compile("Json\\.write\\(\\s*[^,]+,\\s*(?:HttpServletResponse\\.)?([A-Z_0-9]+|\\d{3}),"
                + "\\s*new Answers\\.(?:" + records + ")\\(\"([a-z_]+)\"");
        Pattern anyErrorRecord = Pattern.compile("new Answers\\.(?:" + records + ")\\(");
        List<String> unread = new ArrayList<>();
        for (String source : sources(mainDirectory("internal/web"), name -> name.endsWith(".java"))) {
            int read = 0;
            for (Matcher m = ERROR_CALL.matcher(source); m.find(); read++) {
                answered.computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(status(m.group(1)));
            }
            for (Matcher m = ERROR_TERNARY.matcher(source); m.find(); read++) {
                int compared = status(m.group(2));
                answered.computeIfAbsent(m.group(3), k -> new TreeSet<>()).add(compared);
                Set<Integer> others = new TreeSet<>();
                for (Matcher r = RETURNED_STATUS.matcher(source); r.find(); ) {
                    others.add(status(r.group(1)));
                }
                others.remove(compared);
                assertFalse(others.isEmpty(), "no other status found for " + m.group(4) + " in " + m.group());
                answered.computeIfAbsent(m.group(4), k -> new TreeSet<>()).addAll(others);
            }
            read += count(source, ERROR_VARIABLE);
            int calls = count(source, Pattern.compile("Json\\.error\\("));
            if (read != calls) {
                unread.add(calls - read + " Json.error call(s) in a form the scan cannot read");
            }
            int written = 0;
            for (Matcher m = errorRecord.matcher(source); m.find(); written++) {
                answered.computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(status(m.group(1)));
            }
            int made = count(source, anyErrorRecord);
            if (written != made) {
                unread.add(made - written + " error record(s) not written as Json.write(response, status, new Answers.R(\"code\", ...))");
            }
        }
        assertTrue(unread.isEmpty(), "the error scan cannot read the web code: " + unread);
        return answered;
    }

    /** The answer records whose first field is {@code error} (Locked, TooMany, NotDelivered, ...). */
    private static List<String> errorRecords() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : answerRecords()) {
            if (type.getRecordComponents().length > 0 && type.getRecordComponents()[0].getName().equals("error")) {
                names.add(type.getSimpleName());
            }
        }
        assertFalse(names.isEmpty(), "no answer record with an error field");
        return names;
    }

    private static int count(String text, Pattern pattern) {
        int n = 0;
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            n++;
        }
        return n;
    }

    /**
     * The fields of one answer: {@code required} always appear; {@code optional} ones are the
     * components marked {@code @JsonInclude(NON_NULL)}, left out of the JSON when null.
     */
    record Shape(String name, Set<String> required, Set<String> optional) {
        boolean fits(Set<String> fields) {
            Set<String> allowed = new TreeSet<>(required);
            allowed.addAll(optional);
            return fields.containsAll(required) && allowed.containsAll(fields);
        }
    }

    /** The shapes of the web layer's answer records, and of a plain error answer. */
    static List<Shape> answerShapes() {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape("error", Set.of("error"), Set.of()));
        for (Class<?> type : answerRecords()) {
            Set<String> required = new TreeSet<>();
            Set<String> optional = new TreeSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
                boolean leftOutWhenNull = include != null && include.value() == JsonInclude.Include.NON_NULL;
                (leftOutWhenNull ? optional : required).add(component.getName());
            }
            shapes.add(new Shape(type.getSimpleName(), required, optional));
        }
        assertTrue(shapes.size() > 10, "answer records not found: " + shapes);
        return shapes;
    }

    private static List<Class<?>> answerRecords() {
        try {
            return Arrays.stream(Class.forName("io.github.twostep.internal.web.Answers").getDeclaredClasses())
                    .filter(Class::isRecord).toList();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the web layer's answer records moved", e);
        }
    }

    private static List<JsonNode> objects(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        if (node.isObject()) {
            found.add(node);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            found.addAll(objects(children.next()));
        }
        return found;
    }

    private static int status(String constant) {
        if (constant.matches("\\d{3}")) {
            return Integer.parseInt(constant);
        }
        try {
            return HttpServletResponse.class.getField(constant).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("unknown status constant " + constant, e);
        }
    }

    static List<Endpoint> endpoints() {
        String table = section(read("docs/API.md"), "## Endpoints");
        List<Endpoint> endpoints = new ArrayList<>();
        for (Matcher m = ENDPOINT_ROW.matcher(table); m.find(); ) {
            endpoints.add(new Endpoint(m.group(1), m.group(2), m.group(3).strip().endsWith(NOT_YET_TESTED)));
        }
        return endpoints;
    }

    /**
     * Every string literal of the web integration tests and their harness (the test sources of
     * the web package that are not unit tests, such as the client that fetches the status), text
     * blocks left out.
     */
    private static Set<String> integrationTestLiterals() {
        Set<String> literals = new HashSet<>();
        for (String source : sources(testDirectory("internal/web"), name -> name.endsWith(".java") && !name.endsWith("Test.java"))) {
            String code = source.replaceAll("(?s)\"\"\".*?\"\"\"", "");
            for (Matcher m = STRING_LITERAL.matcher(code); m.find(); ) {
                literals.add(m.group(1));
            }
        }
        assertFalse(literals.isEmpty(), "no web integration tests found");
        return literals;
    }

    private static List<String> sources(Path directory, Predicate<String> fileName) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> fileName.test(f.getFileName().toString())).sorted().map(ApiDocTest::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text from {@code heading} to the next heading of the same or a higher level. */
    static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "heading missing: " + heading);
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        Matcher next = Pattern.compile("\\n#{1," + (level.length() - 1) + "} ").matcher(text);
        int end = next.find(start + heading.length() + 1) ? next.start() : text.length();
        return text.substring(start, end);
    }

    private static Path mainDirectory(String pkg) {
        return root().resolve("filter/src/main/java/io/github/twostep/" + pkg);
    }

    private static Path testDirectory(String pkg) {
        return root().resolve("filter/src/test/java/io/github/twostep/" + pkg);
    }

    private static String read(String relative) {
        return read(root().resolve(relative));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the nearest directory above the working directory with docs/ and pom.xml (also for the other docs tests). */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/ not found above " + Path.of("").toAbsolutePath());
    }
}
