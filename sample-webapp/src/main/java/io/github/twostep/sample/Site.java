package io.github.twostep.sample;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every page of the sample shows: the texts, the title, the signed-in user and the user
 * menu (links into TwoStep's pages under {@code paths.prefix}, the sample's and TwoStep's admin
 * pages for admins, the password pages and the dev outbox when they are in use).
 */
final class Site {
    private final Settings settings;
    private final boolean outboxInUse;
    private final boolean passwordPages;
    private final Views views = new Views();

    /** The site of the WAR: no dev outbox, no password pages. */
    Site(Settings settings, boolean outboxInUse) {
        this(settings, outboxInUse, false);
    }

    /**
     * @param passwordPages whether the change-password page runs (and, with the outbox, the
     *                      forgot-password pages)
     */
    Site(Settings settings, boolean outboxInUse, boolean passwordPages) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outboxInUse = outboxInUse;
        this.passwordPages = passwordPages;
    }

    /**
     * The TwoStep that {@link TwoStepFilter}, declared in {@code web.xml}, published in
     * {@code context} (the WAR, which has no dev outbox).
     *
     * @throws UnavailableException if the filter has not started in this context
     */
    static TwoStep published(ServletContext context) throws UnavailableException {
        if (context.getAttribute(TwoStepFilter.CONTEXT_ATTRIBUTE) instanceof TwoStep twoStep) {
            return twoStep;
        }
        throw new UnavailableException("TwoStepFilter has not started: declare it in web.xml, mapped to /*");
    }

    Views views() {
        return views;
    }

    Settings settings() {
        return settings;
    }

    /** Whether the user of {@code request} holds one of the roles of {@code admin.roles}. */
    boolean isAdmin(HttpServletRequest request) {
        return request.getRemoteUser() != null && settings.admin().roles().stream().anyMatch(request::isUserInRole);
    }

    /** The model of a page titled by text {@code titleKey}; add the page's own values to it. */
    Map<String, Object> page(HttpServletRequest request, Texts texts, String titleKey) {
        String prefix = settings.paths().prefix();
        String user = request.getRemoteUser();
        Map<String, Object> model = new HashMap<>();
        model.put("t", texts.all());
        model.put("lang", texts.locale().getLanguage());
        model.put("title", texts.get(titleKey));
        model.put("user", user);
        model.put("signedIn", user != null);
        model.put("admin", isAdmin(request));
        model.put("loginPath", settings.login().path());
        model.put("setupPath", prefix + "/setup");
        model.put("devicesPath", prefix + "/devices");
        model.put("adminPath", prefix + "/admin");
        model.put("passwords", passwordPages);
        model.put("forgotPath", passwordPages && outboxInUse ? PasswordResetPages.FORGOT : "");
        model.put("csrf", TwoStepFilter.csrfToken(request).orElse(""));
        model.put("outbox", outboxInUse);
        return model;
    }
}
