package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/**
 * A browser without JavaScript (HtmlUnit) that walks TwoStep's HTML pages: it follows
 * redirects, keeps cookies and does not throw on error statuses, so tests look at what a user
 * would see. {@code address} turns an application path into an absolute URI.
 */
final class HtmlBrowser implements AutoCloseable {
    final WebClient client = new WebClient();
    private final Function<String, URI> address;

    HtmlBrowser(Function<String, URI> address) {
        this.address = address;
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setThrowExceptionOnScriptError(false);
        client.getOptions().setRedirectEnabled(true);
        client.addRequestHeader("Accept-Language", "en");
    }

    /** A browser whose user reads {@code language} first ({@code Accept-Language}). */
    HtmlBrowser language(String language) {
        client.addRequestHeader("Accept-Language", language);
        return this;
    }

    Page open(String path) throws IOException {
        return client.getPage(address.apply(path).toURL());
    }

    /** Opens {@code path} and expects an HTML page. */
    HtmlPage page(String path) throws IOException {
        return html(open(path));
    }

    /** Signs in through the login form with the demo password; answers the page landed on. */
    Page logIn(String user) throws IOException {
        HtmlPage login = page("/login");
        return logIn(login, user, user + "-password");
    }

    static Page logIn(HtmlPage login, String user, String password) throws IOException {
        HtmlForm form = form(login, "/login");
        input(form, "username").setValue(user);
        input(form, "password").setValue(password);
        return submit(form);
    }

    /** Signs out with the sign-out button that TwoStep's verify page carries; keeps the trust cookie. */
    Page signOut() throws IOException {
        return submit(form(page("/2fa/verify"), "/logout"));
    }

    static HtmlPage html(Page page) {
        return assertInstanceOf(HtmlPage.class, page, () -> "not an HTML page: " + page.getUrl() + "\n"
                + page.getWebResponse().getContentAsString());
    }

    /** The one form on {@code page} whose action ends with {@code actionEnd}. */
    static HtmlForm form(HtmlPage page, String actionEnd) {
        List<HtmlForm> forms = page.getForms().stream().filter(f -> f.getActionAttribute().endsWith(actionEnd)).toList();
        assertEquals(1, forms.size(), () -> "forms posting to " + actionEnd + " on " + page.getUrl());
        return forms.get(0);
    }

    static HtmlInput input(HtmlForm form, String name) {
        return form.getInputByName(name);
    }

    static void check(HtmlForm form, String name, String value, boolean checked) {
        HtmlCheckBoxInput box = (HtmlCheckBoxInput) form.getInputByValue(value);
        assertEquals(name, box.getNameAttribute());
        box.setChecked(checked);
    }

    /** Clicks the form's submit button. */
    static Page submit(HtmlForm form) throws IOException {
        HtmlElement button = form.getFirstByXPath(".//button[@type='submit']");
        assertNotNull(button, "no submit button in " + form.asXml());
        return button.click();
    }

    /** The path of the page the browser shows. */
    static String path(Page page) {
        return page.getUrl().getPath();
    }

    /** The text of the element with {@code id}. */
    static String text(HtmlPage page, String id) {
        return page.getHtmlElementById(id).asNormalizedText();
    }

    /**
     * Every text, password and checkbox input of the page has a {@code <label for>} naming its
     * id; answers the ids of inputs that have none.
     */
    static List<String> unlabelled(HtmlPage page) {
        List<String> missing = new ArrayList<>();
        for (DomNode node : page.querySelectorAll("input")) {
            HtmlInput input = (HtmlInput) node;
            String type = input.getTypeAttribute().toLowerCase(Locale.ROOT);
            if (!(type.isEmpty() || type.equals("text") || type.equals("password") || type.equals("checkbox"))) {
                continue;
            }
            String id = input.getId();
            if (id.isEmpty() || page.querySelector("label[for='" + id + "']") == null) {
                missing.add(input.getNameAttribute() + "#" + id);
            }
        }
        return missing;
    }

    /** Asserts that TwoStep's page {@code page} answered {@code Cache-Control: no-store}. */
    static void assertNoStore(Page page) {
        assertEquals("no-store", page.getWebResponse().getResponseHeaderValue("Cache-Control"),
                () -> "Cache-Control of " + page.getUrl());
        assertFalse(page.getWebResponse().getContentAsString().isEmpty(), () -> "empty page " + page.getUrl());
    }

    @Override
    public void close() {
        client.close();
    }
}
