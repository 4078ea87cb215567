package io.github.twostep.internal.web;

import io.github.twostep.Caller;
import io.github.twostep.internal.core.State;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Predicate;

/**
 * One request to TwoStep's own pages or API, with what the gate worked out about it: the path
 * inside the application, the signed-in user (null if none), their roles, their state and the
 * session's TwoStep state (null for an anonymous request without a session), and when the
 * filter took the request ({@link io.github.twostep.internal.core.AnswerPacing#start}), so an
 * answer that is paced counts all of its work.
 */
record Exchange(HttpServletRequest request, HttpServletResponse response, String path, String user,
        Predicate<String> roles, State state, SignInSession session, long started) {

    Caller caller() {
        return Http.caller(request);
    }

    boolean signedIn() {
        return user != null;
    }
}
