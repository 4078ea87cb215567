package io.github.twostep.internal.web;

import static io.github.twostep.internal.web.HtmlBrowser.check;
import static io.github.twostep.internal.web.HtmlBrowser.form;
import static io.github.twostep.internal.web.HtmlBrowser.html;
import static io.github.twostep.internal.web.HtmlBrowser.input;
import static io.github.twostep.internal.web.HtmlBrowser.path;
import static io.github.twostep.internal.web.HtmlBrowser.submit;
import static io.github.twostep.internal.web.HtmlBrowser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.htmlunit.Page;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/**
 * One {@link TestApp} and one {@link HtmlBrowser} on it, with the steps the page tests share:
 * set alice up through the pages, sign in again, compute her codes on the app's clock, read the
 * QR codes and check that errors are tied to their fields.
 */
final class PageWalk implements AutoCloseable {
    private static final String PNG = "data:image/png;base64,";

    final TestApp app;
    final HtmlBrowser browser;

    /** What enrolling through the pages gave alice: her app's secret and her backup codes as shown. */
    record Enrolment(OtpSecret secret, List<String> backupCodes) {
        @Override
        public String toString() {
            return "Enrolment[" + backupCodes.size() + " backup codes]";
        }
    }

    PageWalk(String settings) throws Exception {
        this.app = new TestApp(settings);
        this.browser = new HtmlBrowser(app::uri);
    }

    /** The six-digit app code for {@code secret}, {@code offset} steps from now on the app's clock. */
    String code(OtpSecret secret, int offset) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep() + offset);
    }

    /** Opens the set-up page signed in, confirms the password and agrees; answers the scan page. */
    HtmlPage scanPage() throws Exception {
        HtmlPage setup = browser.page("/2fa/setup");
        assertEquals("/2fa/setup", path(setup));
        HtmlForm start = form(setup, "/2fa/setup");
        input(start, "password").setValue("alice-password");
        check(start, "consent", "true", true);
        return html(submit(start));
    }

    /** Signs alice in and enrols her with the app through the pages; the clock then moves one step on. */
    Enrolment enrol() throws Exception {
        assertEquals("/", path(browser.logIn("alice")));
        HtmlPage scan = scanPage();
        OtpSecret secret = manualKey(scan);
        HtmlForm confirm = form(scan, "/2fa/setup");
        check(confirm, "methods", "app", true);
        check(confirm, "methods", "email", false);
        input(confirm, "code").setValue(code(secret, 0));
        HtmlPage done = html(submit(confirm));
        List<String> codes = backupCodes(done);
        assertEquals(10, codes.size(), done.asXml());
        app.clock.advance(Duration.ofSeconds(30));
        return new Enrolment(secret, codes);
    }

    /** Signs out (keeping the trust cookie) and in again as alice; answers the page landed on. */
    Page signInAgain() throws Exception {
        assertEquals("/", path(browser.signOut()));
        return browser.logIn("alice");
    }

    /** Forgets every cookie (a new browser) and signs alice in. */
    Page signInAgainByClearingCookies() throws Exception {
        browser.client.getCookieManager().clearCookies();
        return browser.logIn("alice");
    }

    /** The secret the scan page shows as the manual key. */
    static OtpSecret manualKey(HtmlPage scan) {
        return OtpSecret.fromBase32(text(scan, "secret").replaceAll("[\\s-]", ""));
    }

    /** The backup codes the page lists, as shown. */
    static List<String> backupCodes(HtmlPage done) {
        List<String> codes = new ArrayList<>();
        for (DomNode item : done.querySelectorAll("#backup-codes li")) {
            codes.add(item.asNormalizedText().strip());
        }
        return codes;
    }

    /** The one set-up form whose hidden {@code step} is {@code step}. */
    static HtmlForm stepForm(HtmlPage page, String step) {
        List<HtmlForm> forms = page.getForms().stream()
                .filter(f -> !f.getInputsByName("step").isEmpty() && f.getInputByName("step").getValue().equals(step))
                .toList();
        assertEquals(1, forms.size(), page::asXml);
        return forms.get(0);
    }

    /**
     * The text a QR code in a PNG data URI holds. The image is an exact rendering, so it is read
     * as a pure barcode: ZXing's camera-oriented detector misreads about one exact small
     * rendering in 150, which made this flaky.
     */
    static String decodeQr(String dataUri) throws Exception {
        assertTrue(dataUri.startsWith(PNG), dataUri);
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(PNG.length()))));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    static String queryParameter(URI uri, String name) {
        return Arrays.stream(uri.getRawQuery().split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    static void assertErrorTied(HtmlPage page, String name, String errorId) {
        assertErrorTied(page, name, errorId, null);
    }

    /** The input named {@code name} (or with {@code id}) is described by the error {@code errorId} and marked invalid. */
    static void assertErrorTied(HtmlPage page, String name, String errorId, String id) {
        assertNotNull(page.getElementById(errorId), () -> "no error " + errorId + " on " + page.asXml());
        HtmlInput input = page.querySelector(id == null ? "input[name=" + name + "]" : "input#" + id);
        assertTrue(List.of(input.getAttribute("aria-describedby").split(" ")).contains(errorId),
                () -> input.asXml());
        assertEquals("true", input.getAttribute("aria-invalid"));
    }

    @Override
    public void close() throws Exception {
        browser.close();
        app.close();
    }
}
