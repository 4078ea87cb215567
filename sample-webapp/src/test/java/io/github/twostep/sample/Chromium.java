package io.github.twostep.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Debian's headless Chromium under Debian's chromedriver, pointed at one local site. Both binaries
 * are given by path, so Selenium Manager never looks for (or downloads) a browser or a driver.
 * Every page can be saved as {@code NN-name.png} in a screenshot folder.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Quiet: Selenium warns that it has no DevTools bindings for this Chromium; none are used. */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final String site;
    private final Path screenshots;
    private int shots;

    private Chromium(ChromeDriver driver, String site, Path screenshots) {
        this.driver = driver;
        this.site = site;
        this.screenshots = screenshots;
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Whether both Debian binaries are there to be started. */
    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /**
     * Starts a fresh browser profile in {@code profile} for {@code http://localhost:port}; old
     * screenshots in {@code screenshots} are removed so the folder shows this run only.
     */
    static Chromium start(int port, Path profile, Path screenshots) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(screenshots, "screenshots");
        clear(screenshots);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(screenshots.resolveSibling("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return new Chromium(driver, "http://localhost:" + port, screenshots);
    }

    private static void clear(Path screenshots) {
        try {
            Files.createDirectories(screenshots);
            try (Stream<Path> old = Files.list(screenshots)) {
                for (Path file : old.filter(f -> f.toString().endsWith(".png")).toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Loads {@code path} of the site, following its redirects. */
    void open(String path) {
        driver.get(site + path);
    }

    /** The path of the page shown now. */
    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Waits until the page shown has {@code expected} as its path, then saves it as the next screenshot. */
    void arriveAt(String expected, String shotName) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "expected " + expected + " but the browser shows "
                + driver.getCurrentUrl()).until(d -> expected.equals(path()));
        screenshot(shotName);
    }

    /** Waits until an element is on the page shown and answers it. */
    WebElement await(By locator) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> "no " + locator + " on " + driver.getCurrentUrl())
                .until(d -> d.findElements(locator).stream().findFirst().orElse(null));
    }

    /** Waits until the element is on the page and shown (not {@code hidden}), and answers it. */
    WebElement awaitVisible(By locator) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> "no visible " + locator + " on " + driver.getCurrentUrl())
                .until(d -> d.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until the element's text is {@code text}. */
    void awaitText(By locator, String text) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "no " + locator + " saying \"" + text + "\" on "
                + driver.getCurrentUrl() + ", it says \"" + textOf(locator) + "\"")
                .until(d -> d.findElements(locator).stream().anyMatch(e -> text.equals(e.getText())));
    }

    private String textOf(By locator) {
        return driver.findElements(locator).stream().map(WebElement::getText).findFirst().orElse("(absent)");
    }

    /** Waits until exactly {@code count} elements match (a page that reloads by script). */
    void awaitCount(By locator, int count) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "not " + count + " of " + locator + " on "
                + driver.getCurrentUrl()).until(d -> d.findElements(locator).size() == count);
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    /** Replaces the text of the input with {@code id}. */
    void type(String id, String text) {
        WebElement input = await(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Ticks or unticks the checkbox with {@code id}. */
    void check(String id, boolean ticked) {
        WebElement box = await(By.id(id));
        if (box.isSelected() != ticked) {
            box.click();
        }
    }

    void click(By locator) {
        await(locator).click();
    }

    /** Saves the page shown as {@code NN-name.png}, numbered in the order taken. */
    void screenshot(String name) {
        shots++;
        Path file = screenshots.resolve(String.format("%02d-%s.png", shots, name));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Plugs a virtual authenticator into the browser (Chromium's WebAuthn testing API): CTAP2 over
     * USB, keeping discoverable credentials, verifying its user (as a fingerprint would) and
     * consenting at once. Its keys are real key pairs; TwoStep checks their signatures as any key's.
     */
    VirtualAuthenticator addAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    /** Unplugs {@code authenticator}; its credentials are gone with it (save them first with getCredentials). */
    void removeAuthenticator(VirtualAuthenticator authenticator) {
        driver.removeVirtualAuthenticator(authenticator);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
