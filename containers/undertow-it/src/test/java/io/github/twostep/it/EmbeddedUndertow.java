package io.github.twostep.it;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/** Undertow's servlet container with its defaults: one root deployment on loopback port 0. */
final class EmbeddedUndertow implements ServletContainer {
    private final String name;
    private final UnaryOperator<DeploymentInfo> secure;
    private DeploymentManager manager;
    private Undertow server;

    EmbeddedUndertow() {
        this("twostep-it", UnaryOperator.identity());
    }

    /** A deployment called {@code name} that {@code secure} adds a login-config and constraints to. */
    EmbeddedUndertow(String name, UnaryOperator<DeploymentInfo> secure) {
        this.name = name;
        this.secure = secure;
    }

    @Override
    public int start(Filter filter, Servlet app) throws Exception {
        DeploymentInfo deployment = secure.apply(Servlets.deployment()
                .setClassLoader(EmbeddedUndertow.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName(name))
                .addFilter(Servlets.filter("twostep", filter.getClass(), new ImmediateInstanceFactory<>(filter)))
                .addFilterUrlMapping("twostep", "/*", DispatcherType.REQUEST)
                .addServlet(Servlets.servlet("app", app.getClass(), new ImmediateInstanceFactory<>(app))
                        .addMapping("/"));
        manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(manager.start()).build();
        server.start();
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (manager != null) {
            manager.stop();
            manager.undeploy();
        }
    }
}
