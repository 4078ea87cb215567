package io.github.twostep.internal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application that {@code web.xml} tests declare behind TwoStep: every page answers
 * {@code app:<path>:<user>}, so a test sees whether a request reached the application and as whom.
 * Public, so that a container can create it from {@code web.xml}.
 */
public final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("app:" + request.getRequestURI() + ":" + request.getRemoteUser());
    }
}
