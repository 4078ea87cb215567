package io.github.twostep.internal.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/** The SLF4J side of {@link Log}; loaded only when slf4j-api is on the class path. */
final class Slf4jLog {
    private final Logger logger;

    Slf4jLog(String name) {
        this.logger = LoggerFactory.getLogger(name);
    }

    /** False when SLF4J found no provider and would drop every line (its NOP fallback). */
    static boolean providerBound() {
        return !(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory);
    }

    void debug(String message, Object[] arguments) {
        logger.debug(message, arguments);
    }

    void info(String message, Object[] arguments) {
        logger.info(message, arguments);
    }

    void warn(String message, Object[] arguments) {
        logger.warn(message, arguments);
    }

    void error(String message, Object[] arguments) {
        logger.error(message, arguments);
    }
}
