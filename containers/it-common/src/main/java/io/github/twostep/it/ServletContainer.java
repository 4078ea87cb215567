package io.github.twostep.it;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

/**
 * An embedded servlet container under test: serves one application at the root context on a
 * free loopback port, with {@code filter} registered in code on {@code /*} for REQUEST dispatch
 * in front of {@code app} as the default servlet ({@code /}).
 */
public interface ServletContainer extends AutoCloseable {

    /** Starts serving and answers the port chosen. */
    int start(Filter filter, Servlet app) throws Exception;
}
