package io.github.twostep.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** {@code /static/sample.css}: the sample's own stylesheet, from the class path (no CDN). */
public final class Stylesheet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String RESOURCE = "/io/github/twostep/sample/sample.css";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/css;charset=UTF-8");
        response.setHeader("Cache-Control", "max-age=3600");
        try (InputStream css = Stylesheet.class.getResourceAsStream(RESOURCE)) {
            css.transferTo(response.getOutputStream());
        }
    }
}
