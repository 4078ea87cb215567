package io.github.twostep.it;

import io.undertow.security.idm.Account;
import io.undertow.security.idm.Credential;
import io.undertow.security.idm.IdentityManager;
import io.undertow.security.idm.PasswordCredential;
import io.undertow.servlet.api.LoginConfig;
import io.undertow.servlet.api.SecurityConstraint;
import io.undertow.servlet.api.WebResourceCollection;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

/** Undertow's servlet container with a BASIC (or FORM) login-config, a constraint and an in-memory realm. */
final class UndertowBasicLogin implements BasicLoginContract.BasicLoginServer {
    private final EmbeddedUndertow server;

    /** BASIC login. */
    UndertowBasicLogin() {
        this(new LoginConfig("BASIC", "twostep-it"));
    }

    private UndertowBasicLogin(LoginConfig login) {
        this.server = new EmbeddedUndertow("twostep-basic-it", deployment -> deployment
                .setIdentityManager(new Realm())
                .setLoginConfig(login)
                .addSecurityConstraint(new SecurityConstraint()
                        .addWebResourceCollection(new WebResourceCollection().addUrlPattern(BasicLoginContract.CONSTRAINED))
                        .addRoleAllowed(BasicLoginContract.ROLE))
                .addSecurityRoles(BasicLoginContract.ROLE, BasicLoginContract.EXEMPT_ROLE));
    }

    /** The same with {@code <auth-method>FORM</auth-method>} and the application's login and error pages. */
    static UndertowBasicLogin form() {
        return new UndertowBasicLogin(new LoginConfig("FORM", "twostep-it", FormLoginContract.LOGIN_PAGE,
                FormLoginContract.ERROR_PAGE));
    }

    @Override
    public int start(Filter filter, Servlet app) throws Exception {
        return server.start(filter, app);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    /** alice and carol with their passwords and roles. */
    private static final class Realm implements IdentityManager {
        private static final Map<String, String> PASSWORDS = Map.of(
                BasicLoginContract.ALICE, BasicLoginContract.ALICE_PASSWORD,
                BasicLoginContract.CAROL, BasicLoginContract.CAROL_PASSWORD);
        private static final Map<String, Set<String>> ROLES = Map.of(
                BasicLoginContract.ALICE, Set.of(BasicLoginContract.ROLE),
                BasicLoginContract.CAROL, Set.of(BasicLoginContract.ROLE, BasicLoginContract.EXEMPT_ROLE));

        @Override
        public Account verify(Account account) {
            return account;
        }

        @Override
        public Account verify(String id, Credential credential) {
            String expected = PASSWORDS.get(id);
            if (expected == null || !(credential instanceof PasswordCredential password)
                    || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                            new String(password.getPassword()).getBytes(StandardCharsets.UTF_8))) {
                return null;
            }
            Principal principal = () -> id;
            Set<String> roles = ROLES.get(id);
            return new Account() {
                private static final long serialVersionUID = 1L;

                @Override
                public Principal getPrincipal() {
                    return principal;
                }

                @Override
                public Set<String> getRoles() {
                    return roles;
                }
            };
        }

        @Override
        public Account verify(Credential credential) {
            return null;
        }
    }
}
