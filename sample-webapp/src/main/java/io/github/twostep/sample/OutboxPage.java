package io.github.twostep.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.delivery.OutboxEntry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /dev/outbox}: the mail and text messages the {@link DevOutbox} kept instead of
 * sending them, as JSON, newest last ({@code Accept: application/json} or {@code ?format=json}),
 * or as a page, newest first. It holds live codes, so it answers this machine only: a loopback client
 * that names this machine in its {@code Host} header (403 otherwise, so a DNS-rebinding page on
 * another name cannot read it), and only while the outbox is in use: with {@code smtp} set there
 * is none (404).
 */
final class OutboxPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message as JSON shows it. */
    record Line(String to, String channel, String subject, String body, String sentAt) {
        static Line of(OutboxEntry entry) {
            return new Line(entry.to(), entry.channel().wireName(), entry.subject(), entry.body(),
                    entry.sentAt().toString());
        }

        @Override
        public String toString() {
            return "Line[channel=" + channel + ", sentAt=" + sentAt + "]";
        }
    }

    private final transient Site site;
    private final transient DevOutbox outbox;

    /** @param outbox the outbox in use, or null when messages really go out (then every request gets 404) */
    OutboxPage(Site site, DevOutbox outbox) {
        this.site = site;
        this.outbox = outbox;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (outbox == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!Loopback.is(request.getRemoteAddr()) || !Loopback.isHost(request.getHeader("Host"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The dev outbox answers this machine only");
            return;
        }
        List<Line> lines = outbox.messages().stream().map(Line::of).toList();
        if (wantsJson(request)) {
            response.setStatus(200);
            response.setContentType("application/json;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            JSON.writeValue(response.getOutputStream(), lines);
            return;
        }
        Texts texts = Texts.forLocales(request.getLocales());
        Map<String, Object> model = site.page(request, texts, "outbox_title");
        List<Line> newestFirst = new ArrayList<>(lines);
        Collections.reverse(newestFirst);
        model.put("messages", newestFirst);
        site.views().send(response, 200, "outbox", model);
    }

    private static boolean wantsJson(HttpServletRequest request) {
        if ("json".equals(request.getParameter("format"))) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")
                && !accept.toLowerCase(Locale.ROOT).contains("text/html");
    }
}
