package io.github.twostep.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SignInSessionTest {

    @Test
    void followWhenUserAppearsThenCsrfTokenRotated() {
        SignInSession session = new SignInSession();
        String anonymous = session.csrfToken();

        session.follow("alice");

        assertNotEquals(anonymous, session.csrfToken(), "a token learnt before sign-in still works after it");
    }

    @Test
    void followWhenSameUserThenCsrfTokenKept() {
        SignInSession session = new SignInSession();
        session.follow("alice");
        String signedIn = session.csrfToken();

        session.follow("alice");

        assertEquals(signedIn, session.csrfToken());
    }

    @Test
    void followWhenUserSwitchesOrLeavesThenCsrfTokenRotated() {
        SignInSession session = new SignInSession();
        session.follow("alice");
        String alices = session.csrfToken();

        session.follow("bob");
        String bobs = session.csrfToken();
        session.follow(null);

        assertNotEquals(alices, bobs);
        assertNotEquals(bobs, session.csrfToken());
    }
}
