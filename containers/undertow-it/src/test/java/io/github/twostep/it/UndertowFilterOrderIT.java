package io.github.twostep.it;

import io.github.twostep.web.TwoStepFilter;
import io.undertow.Undertow;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * TwoStep on Undertow without editing the WAR: a {@link ServletExtension} (what WildFly and
 * Undertow load from {@code META-INF/services/io.undertow.servlet.ServletExtension} of a jar on
 * the deployment's class path) adds TwoStep's filter, first with
 * {@code insertFilterUrlMapping(0, …)} as INTEGRATION.md shows, last with
 * {@code addFilterUrlMapping}. Embedded Undertow reads no {@code web.xml}: the deployment
 * declares exactly what the WAR's {@code web.xml} does ({@link FilterOrderContract#WAR_FILTERS}
 * and {@link FilterOrderContract#WAR_SERVLET}), in that order.
 */
class UndertowFilterOrderIT extends FilterOrderContract {

    @Override
    protected AutoCloseable deploy(Path war, boolean twoStepFirst, Path settings) throws Exception {
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowFilterOrderIT.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("shop")
                .addFilter(Servlets.filter("api", AnsweringFilter.class))
                .addFilterUrlMapping("api", "/api/*", DispatcherType.REQUEST)
                .addServlet(Servlets.servlet("app", FlowApp.AppServlet.class).addMapping("/"))
                .addInitParameter("twostep.settings", settings.toString())
                .addServletExtension(new TwoStepExtension(twoStepFirst));
        DeploymentManager manager = Servlets.newContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(manager.start()).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return () -> {
            server.stop();
            manager.stop();
            manager.undeploy();
        };
    }

    /** Adds TwoStep's filter on {@code /*}, as the operator's extension jar would: first or last. */
    static final class TwoStepExtension implements ServletExtension {
        private final boolean first;

        TwoStepExtension(boolean first) {
            this.first = first;
        }

        @Override
        public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
            deployment.addFilter(Servlets.filter("twostep", TwoStepFilter.class).setAsyncSupported(true));
            if (first) {
                deployment.insertFilterUrlMapping(0, "twostep", "/*", DispatcherType.REQUEST);
            } else {
                deployment.addFilterUrlMapping("twostep", "/*", DispatcherType.REQUEST);
            }
        }
    }
}
