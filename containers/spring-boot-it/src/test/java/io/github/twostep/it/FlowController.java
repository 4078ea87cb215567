package io.github.twostep.it;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's controller: every page answers {@code app:<request URI>:<remote user>}, as
 * FlowApp's servlet does; one public page also tells whom Spring Security's context holds.
 */
@RestController
final class FlowController {

    @RequestMapping(path = "/**", produces = "text/plain;charset=UTF-8")
    String page(HttpServletRequest request) {
        return "app:" + request.getRequestURI() + ":" + request.getRemoteUser();
    }

    @RequestMapping(path = "/static/whoami", produces = "text/plain;charset=UTF-8")
    String whoAmI(HttpServletRequest request) {
        Authentication spring = SecurityContextHolder.getContext().getAuthentication();
        return "remote:" + request.getRemoteUser() + " spring:" + (spring == null ? null : spring.getName());
    }
}
