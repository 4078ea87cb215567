package io.github.twostep.internal.delivery;

import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.delivery.SecurityNotice;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the messages TwoStep sends: codes by email, SMS and call, and security notices by
 * email. Words come from {@code messages*.properties}, layout from the Mustache templates;
 * values in HTML are escaped. Subjects never hold the code, so a subject may be logged.
 * Thread-safe.
 */
public final class MessageComposer {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final int MAX_DETAIL = 200;

    private final String siteName;
    private final Templates templates = new Templates();

    /** @param siteName the name users know the application by (settings {@code setup.issuer}) */
    public MessageComposer(String siteName) {
        Objects.requireNonNull(siteName, "siteName");
        if (siteName.isBlank()) {
            throw new IllegalArgumentException("siteName is blank");
        }
        this.siteName = siteName;
    }

    /**
     * An email with a code, in plain text and HTML.
     *
     * @param notMeUrl absolute http(s) address of the "this wasn't me" link; null: no link
     */
    public OutgoingMessage emailCode(Purpose purpose, String to, String code, int validMinutes, String notMeUrl,
                                     Locale locale) {
        requireCodePurpose(purpose);
        requireCode(code);
        Texts texts = new Texts(locale);
        Map<String, Object> values = common(texts);
        values.put("intro", texts.format("code.intro." + purpose.name(), siteName));
        values.put("code", code);
        values.put("expires", expires(texts, validMinutes));
        values.put("ignore", texts.format("code.ignore"));
        putNotMe(values, texts, notMeUrl);
        return new OutgoingMessage(Channel.EMAIL, purpose, to, texts.format("code.subject." + purpose.name(), siteName),
                templates.codeText(values), templates.codeHtml(values));
    }

    /**
     * A text message with a code, in the WebOTP format when {@code host} is given: its last line
     * is then {@code @host #code}, so a browser on the phone can offer the code for the page at
     * that host.
     *
     * @param host the host name of the sign-in page, such as {@code example.com}; null: no WebOTP line
     */
    public OutgoingMessage smsCode(Purpose purpose, String to, String code, int validMinutes, String host,
                                   Locale locale) {
        requireCodePurpose(purpose);
        requireCode(code);
        if (host != null && !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host must be a bare host name such as example.com");
        }
        Texts texts = new Texts(locale);
        String line = texts.format("sms.code", siteName, code) + " " + expires(texts, validMinutes);
        return new OutgoingMessage(Channel.SMS, purpose, to, null,
                host == null ? line : line + "\n\n@" + host.toLowerCase(Locale.ROOT) + " #" + code, null);
    }

    /** The words a voice call speaks: the code character by character, twice, then its validity. */
    public OutgoingMessage callCode(Purpose purpose, String to, String code, int validMinutes, Locale locale) {
        requireCodePurpose(purpose);
        requireCode(code);
        Texts texts = new Texts(locale);
        String spoken = String.join(", ", code.split(""));
        String text = texts.format("call.code", siteName, spoken) + " " + expires(texts, validMinutes);
        return new OutgoingMessage(Channel.CALL, purpose, to, null, text, null);
    }

    /**
     * An email telling the user about a change to their account's security. It holds no code.
     *
     * @param detail   what the user may recognise, such as the device's label; null: none
     * @param notMeUrl absolute http(s) address of the "this wasn't me" link; null: no link
     */
    public OutgoingMessage securityNotice(SecurityNotice notice, String to, String detail, String notMeUrl,
                                          Locale locale) {
        Objects.requireNonNull(notice, "notice");
        Texts texts = new Texts(locale);
        Map<String, Object> values = common(texts);
        values.put("headline", texts.format("notice.subject." + notice.name(), siteName));
        values.put("body", texts.format("notice.body." + notice.name(), siteName));
        if (detail != null && !detail.isBlank()) {
            values.put("detail", texts.format("notice.detail", shorten(detail)));
        }
        values.put("ifYou", texts.format("notice.ifYou"));
        values.put("ifNotYou", texts.format("notice.ifNotYou", siteName));
        putNotMe(values, texts, notMeUrl);
        return new OutgoingMessage(Channel.EMAIL, Purpose.SECURITY_NOTICE, to,
                texts.format("notice.subject." + notice.name(), siteName),
                templates.noticeText(values), templates.noticeHtml(values));
    }

    private Map<String, Object> common(Texts texts) {
        Map<String, Object> values = new HashMap<>();
        values.put("lang", texts.languageTag());
        values.put("siteName", siteName);
        values.put("footer", texts.format("footer", siteName));
        return values;
    }

    private static void putNotMe(Map<String, Object> values, Texts texts, String notMeUrl) {
        if (notMeUrl == null) {
            return;
        }
        URI uri = URI.create(notMeUrl);
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("notMeUrl must be an absolute http or https address");
        }
        values.put("notMeUrl", uri.toASCIIString());
        values.put("notMeIntro", texts.format("notMe.intro"));
        values.put("notMeLink", texts.format("notMe.link"));
    }

    private static String expires(Texts texts, int validMinutes) {
        if (validMinutes < 1) {
            throw new IllegalArgumentException("validMinutes must be at least 1");
        }
        return texts.format("code.expires", validMinutes);
    }

    private static void requireCodePurpose(Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        if (!purpose.carriesCode()) {
            throw new IllegalArgumentException(purpose + " messages carry no code; use securityNotice");
        }
    }

    private static void requireCode(String code) {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be 1-32 letters or digits");
        }
    }

    private static String shorten(String detail) {
        String oneLine = detail.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }
}
