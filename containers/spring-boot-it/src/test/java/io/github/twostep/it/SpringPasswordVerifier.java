package io.github.twostep.it;

import io.github.twostep.login.AuthenticatedUser;
import io.github.twostep.login.PasswordVerifier;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;

/**
 * TwoStep's password confirmation (set-up, turning 2FA off) asked of the same
 * {@link AuthenticationManager} that Spring Security's form login uses, so the password is
 * checked once, one way: the same encoder, the same locked and disabled accounts, and Spring's
 * equal treatment of unknown users and wrong passwords.
 */
final class SpringPasswordVerifier implements PasswordVerifier {
    private static final String ROLE_PREFIX = "ROLE_";

    private final AuthenticationManager authentication;

    SpringPasswordVerifier(AuthenticationManager authentication) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    @Override
    public Optional<AuthenticatedUser> verify(String username, char[] password) {
        try {
            Authentication result = authentication.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(username, new String(password)));
            return Optional.of(new AuthenticatedUser(result.getName(), result.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).filter(a -> a != null && a.startsWith(ROLE_PREFIX))
                    .map(a -> a.substring(ROLE_PREFIX.length())).collect(Collectors.toSet())));
        } catch (AuthenticationException refused) {
            return Optional.empty();
        }
    }
}
