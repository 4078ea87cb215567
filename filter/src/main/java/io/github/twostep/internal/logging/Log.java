package io.github.twostep.internal.logging;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * TwoStep's own log lines, for TwoStep's classes only (not an API for applications). Through
 * SLF4J when the class path has an SLF4J provider; otherwise through {@code java.util.logging},
 * which every servlet container shows in its own log. Dropped into a WAR it does not own,
 * TwoStep finds no SLF4J provider on Jetty or Tomcat, and SLF4J alone would discard every
 * line, the {@code log} audit trail included. Which of the two is decided once, at the first
 * logger. Messages use SLF4J's {@code {}} placeholders; a last argument left over that is a
 * {@link Throwable} is logged as the cause.
 */
public final class Log {
    private static final boolean SLF4J = Slf4jProbe.providerBound();

    private final String name;
    private final Slf4jLog slf4j;
    private final Logger jul;

    Log(String name, boolean useSlf4j) {
        this.name = Objects.requireNonNull(name, "name");
        this.slf4j = useSlf4j ? new Slf4jLog(name) : null;
        this.jul = useSlf4j ? null : Logger.getLogger(name);
    }

    /** The logger named after {@code type}. */
    public static Log get(Class<?> type) {
        return named(type.getName());
    }

    /** The logger called {@code name}. */
    public static Log named(String name) {
        return new Log(name, SLF4J);
    }

    /** Whether this run logs through SLF4J (true) or {@code java.util.logging} (false). */
    public static boolean throughSlf4j() {
        return SLF4J;
    }

    public void debug(String message, Object... arguments) {
        if (slf4j != null) {
            slf4j.debug(message, arguments);
        } else {
            jul(Level.FINE, message, arguments);
        }
    }

    public void info(String message, Object... arguments) {
        if (slf4j != null) {
            slf4j.info(message, arguments);
        } else {
            jul(Level.INFO, message, arguments);
        }
    }

    public void warn(String message, Object... arguments) {
        if (slf4j != null) {
            slf4j.warn(message, arguments);
        } else {
            jul(Level.WARNING, message, arguments);
        }
    }

    public void error(String message, Object... arguments) {
        if (slf4j != null) {
            slf4j.error(message, arguments);
        } else {
            jul(Level.SEVERE, message, arguments);
        }
    }

    private void jul(Level level, String message, Object[] arguments) {
        if (!jul.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, format(message, arguments));
        record.setLoggerName(name);
        record.setThrown(cause(message, arguments));
        // the container's formatter shows the source; the facade itself would be no help there
        record.setSourceClassName(name);
        record.setSourceMethodName(null);
        jul.log(record);
    }

    /** {@code message} with each {@code {}} replaced by the next argument, as SLF4J does. */
    static String format(String message, Object[] arguments) {
        StringBuilder out = new StringBuilder(message.length() + 32);
        int argument = 0;
        int from = 0;
        for (int at = message.indexOf("{}"); at >= 0; at = message.indexOf("{}", from)) {
            if (at > 0 && message.charAt(at - 1) == '\\') {
                out.append(message, from, at - 1).append("{}");
            } else {
                out.append(message, from, at).append(argument < arguments.length ? arguments[argument++] : "{}");
            }
            from = at + 2;
        }
        return out.append(message, from, message.length()).toString();
    }

    private static Throwable cause(String message, Object[] arguments) {
        if (arguments.length == 0 || !(arguments[arguments.length - 1] instanceof Throwable thrown)) {
            return null;
        }
        int placeholders = 0;
        for (int at = message.indexOf("{}"); at >= 0; at = message.indexOf("{}", at + 2)) {
            placeholders++;
        }
        return placeholders < arguments.length ? thrown : null;
    }
}
