package io.github.twostep.it;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application's controller: every page answers {@code app:<request URI>:<remote user>}, as FlowApp's servlet does. */
@RestController
final class FlowController {

    @RequestMapping(path = "/**", produces = "text/plain;charset=UTF-8")
    String page(HttpServletRequest request) {
        return "app:" + request.getRequestURI() + ":" + request.getRemoteUser();
    }
}
