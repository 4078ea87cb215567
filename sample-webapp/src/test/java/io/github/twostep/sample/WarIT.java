package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code target/twostep-sample.war} deployed as a container deploys it: Jetty 12
 * reads its {@code WEB-INF/web.xml}, loads its classes from {@code WEB-INF/lib} and hands it
 * the users table as the JNDI resource {@code jdbc/users}. The data key, which the WAR's
 * settings take from {@code ${env:TWOSTEP_KEY}}, comes in through an override descriptor
 * pointing the filter at the WAR's own settings with a key file instead.
 */
class WarIT {
    private static final Path WAR = Path.of("target/twostep-sample.war");
    private static final Path INTEGRATION_GUIDE = Path.of("../docs/INTEGRATION.md");
    private static final String ENV_KEY = "${env:TWOSTEP_KEY}";

    @TempDir
    static Path dir;
    private static Server server;
    private static WebAppContext webapp;

    @BeforeAll
    static void deploy() throws Exception {
        // A file database: H2's DataSource is bound by reference, so the WAR rebuilds it with its own
        // H2 classes, which do not share this class loader's in-memory databases.
        JdbcDataSource users = new JdbcDataSource();
        users.setURL("jdbc:h2:file:" + dir.resolve("users").toAbsolutePath());
        new DemoUsers(users).install();

        server = new Server(0);
        webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(WAR.toAbsolutePath().toString());
        webapp.setTempDirectory(Files.createDirectories(dir.resolve("work")).toFile());
        webapp.addConfiguration(new EnvConfiguration(), new PlusConfiguration());
        webapp.setOverrideDescriptor(overrideDescriptor(testSettings()).toString());
        new Resource(webapp, "jdbc/users", users);
        server.setHandler(webapp);
        server.start();
        assertTrue(webapp.isAvailable(), () -> "the WAR did not start: " + webapp.getUnavailableException());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** The WAR's own {@code WEB-INF/twostep.json} with the key read from a file beside it. */
    private static Path testSettings() throws Exception {
        String settings;
        try (FileSystem war = FileSystems.newFileSystem(WAR)) {
            settings = Files.readString(war.getPath("/WEB-INF/twostep.json"));
        }
        assertTrue(settings.contains(ENV_KEY), settings);
        assertTrue(settings.contains("\"dataSource\": \"java:comp/env/jdbc/users\""), settings);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("key.txt"), SampleKey.newKey());
        return Files.writeString(conf.resolve("twostep.json"), settings.replace(ENV_KEY, "${file:key.txt}"));
    }

    private static Path overrideDescriptor(Path settings) throws Exception {
        return Files.writeString(dir.resolve("override-web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <filter>
                    <filter-name>twostep</filter-name>
                    <filter-class>io.github.twostep.web.TwoStepFilter</filter-class>
                    <init-param>
                      <param-name>settings</param-name>
                      <param-value>%s</param-value>
                    </init-param>
                  </filter>
                </web-app>
                """.formatted(settings.toAbsolutePath()));
    }

    private static Browser browser() {
        return new Browser(((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    @Test
    void protectedWhenAnonymousThenSentToLogin() throws Exception {
        HttpResponse<String> page = browser().get("/protected");

        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login"));
    }

    @Test
    void protectedWhenAliceSignsInThroughApiThenServedByTheWarsPage() throws Exception {
        Browser alice = browser();

        assertEquals("optional", alice.login("alice"));
        HttpResponse<String> page = alice.get("/protected");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("alice"), page.body());
    }

    @Test
    void homeAndStylesheetWhenAnonymousThenServed() throws Exception {
        Browser anonymous = browser();

        assertEquals(200, anonymous.get("/").statusCode());
        HttpResponse<String> css = anonymous.get("/static/sample.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
    }

    @Test
    void adminWhenAdminSignsInThenLooksUpAUserThroughTheJndiUsersTable() throws Exception {
        Browser admin = browser();
        admin.login("admin");
        String page = admin.get("/admin").body();

        HttpResponse<String> lookup = admin.form("/admin", "_csrf", Browser.csrfField(page), "user", "alice",
                "action", "lookup");

        assertEquals(200, lookup.statusCode(), lookup.body());
        assertFalse(lookup.body().contains("There is no user"), lookup.body());
        assertTrue(lookup.body().contains("Two-factor authentication on"), lookup.body());
    }

    @Test
    void adminWhenSignedInUserIsNoAdminThenRefused() throws Exception {
        Browser alice = browser();
        alice.login("alice");

        assertEquals(403, alice.get("/admin").statusCode());
    }

    @Test
    void webXmlWhenReadThenDeclaresTheFilterExactlyAsTheIntegrationGuide() throws Exception {
        String webXml;
        try (FileSystem war = FileSystems.newFileSystem(WAR)) {
            webXml = Files.readString(war.getPath("/WEB-INF/web.xml"));
        }
        Matcher snippet = Pattern.compile("```xml\\n(<filter>.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(INTEGRATION_GUIDE));
        assertTrue(snippet.find(), "no <filter> snippet in INTEGRATION.md");

        assertTrue(collapsed(webXml).contains(collapsed(snippet.group(1))), webXml);
        assertTrue(webXml.indexOf("<filter-mapping>") < webXml.indexOf("<servlet>"), "TwoStep's mapping comes first");
    }

    @Test
    void libWhenPackagedThenHoldsTwoStepButNotTheContainersJars() throws Exception {
        List<String> jars;
        try (FileSystem war = FileSystems.newFileSystem(WAR); Stream<Path> lib = Files.list(war.getPath("/WEB-INF/lib"))) {
            jars = lib.map(jar -> jar.getFileName().toString()).toList();
        }

        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("twostep-filter-")), jars.toString());
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("h2-")), jars.toString());
        assertTrue(jars.stream().noneMatch(jar -> jar.startsWith("jakarta.servlet-api") || jar.startsWith("jetty-")),
                jars.toString());
    }

    private static String collapsed(String xml) {
        return xml.replaceAll("\\s+", " ").strip();
    }
}
