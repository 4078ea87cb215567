package io.github.twostep.it;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.web.TwoStepFilter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the contracts of the container's own logins (BASIC, DIGEST, FORM) share: TwoStep in
 * external mode with required set-up, carol's role {@code api} and the public paths exempt, in
 * front of {@link FlowApp.AppServlet} in a container the subclass names, started before each test
 * and stopped after it.
 */
abstract class ContainerLoginContract {
    private static final String SETTINGS = """
            {"login": {"mode": "external"},
             "setup": {"mode": "required", "methods": ["app"]},
             "exempt": {"roles": ["api"], "paths": ["/", "/public/*"%s]}}
            """;

    /** The started container's port. */
    protected int port;
    private BasicLoginContract.BasicLoginServer container;

    /** The container serving the login under test, with the realm {@link BasicLoginContract} describes; not yet started. */
    protected abstract BasicLoginContract.BasicLoginServer container();

    /** Paths the login under test needs exempt besides the public ones (a login page), each quoted, comma first. */
    String moreExemptPaths() {
        return "";
    }

    @BeforeEach
    void start() throws Exception {
        String json = SETTINGS.formatted(moreExemptPaths());
        Settings settings = new SettingsLoader(name -> null)
                .load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), getClass().getSimpleName() + ".json");
        container = container();
        port = container.start(new TwoStepFilter(TwoStep.builder(settings).build()), new FlowApp.AppServlet());
    }

    @AfterEach
    void stop() throws Exception {
        container.close();
    }
}
