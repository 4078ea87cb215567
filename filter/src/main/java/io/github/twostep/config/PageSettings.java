package io.github.twostep.config;

import java.util.List;

/**
 * How TwoStep's pages fit into the host application ({@code pages}); see {@code docs/PAGES.md}.
 *
 * @param appName    the name shown in every page's header and title; null: "Two-factor
 *                   authentication" in the page's language
 * @param homeUrl    where the name in the header and every page's "back" link go: a path in
 *                   the application ({@code /}, the context path is added) or an http(s)
 *                   address; null: the application's {@code /}
 * @param stylesheet a stylesheet linked after TwoStep's own: a path in the application or an
 *                   https address (its origin is added to the pages' Content-Security-Policy);
 *                   null: none
 * @param templates  an absolute directory, or {@code classpath:folder}, whose
 *                   {@code <name>.mustache} files replace TwoStep's templates of the same name;
 *                   null: TwoStep's own only
 */
public record PageSettings(String appName, String homeUrl, String stylesheet, String templates) {

    /** The prefix of a {@link #templates} folder on the class path. */
    public static final String CLASSPATH = "classpath:";

    /** The names (without {@code .mustache}) of every page template and partial a folder may replace. */
    public static final List<String> TEMPLATE_NAMES = List.of("layout-top", "layout-bottom", "login", "verify",
            "clock", "setup-start", "setup-scan", "setup-done", "devices", "not-me", "admin", "unavailable",
            "webauthn-texts");
}
