package io.github.twostep.internal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Times on TwoStep's pages: in the page's language, in UTC with the zone named, to the minute.
 * The pages run no script of their own for this (most allow none; the security-key pages only
 * TwoStep's {@code webauthn.js}), so the browser's own time zone is unknown; UTC said plainly is better than a guess. Each time is also given in ISO 8601
 * for a {@code <time datetime>} element, so a host template or script can show it otherwise.
 */
final class PageDates {
    private final DateTimeFormatter format;

    PageDates(Locale locale) {
        this.format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Objects.requireNonNull(locale, "locale")).withZone(ZoneOffset.UTC);
    }

    /** {@code {"iso", "text"}} for a template, or null for no time. */
    Map<String, String> of(Instant time) {
        if (time == null) {
            return null;
        }
        Instant minute = time.truncatedTo(ChronoUnit.MINUTES);
        return Map.of("iso", minute.toString(), "text", format.format(minute) + " UTC");
    }
}
