package io.github.twostep.internal.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogTest {
    private static final String NAME = "io.github.twostep.logtest";
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger jul = Logger.getLogger(NAME);

    @BeforeEach
    void listen() {
        jul.addHandler(handler);
        jul.setLevel(Level.ALL);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(handler);
        jul.setLevel(null);
    }

    @Test
    void withSlf4jProviderOnTestClassPathThenSlf4jChosen() {
        assertTrue(Log.throughSlf4j(), "slf4j-simple is on the filter's test class path");
    }

    @Test
    void julWhenInfoThenPlaceholdersFilledAtLevelInfo() {
        new Log(NAME, false).info("event={} outcome={} user={}", "login", "success", "\"alice\"");

        assertEquals(1, records.size());
        assertEquals(Level.INFO, records.get(0).getLevel());
        assertEquals("event=login outcome=success user=\"alice\"", records.get(0).getMessage());
        assertEquals(NAME, records.get(0).getLoggerName());
    }

    @Test
    void julWhenLastArgumentIsLeftOverThrowableThenItIsTheCause() {
        IllegalStateException cause = new IllegalStateException("disk");
        new Log(NAME, false).error("Checking {} failed", "twostep.json", cause);

        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertEquals("Checking twostep.json failed", records.get(0).getMessage());
        assertSame(cause, records.get(0).getThrown());
    }

    @Test
    void julWhenThrowableFillsPlaceholderThenItIsNoCause() {
        new Log(NAME, false).warn("failed: {}", new IllegalStateException("x"));

        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals("failed: java.lang.IllegalStateException: x", records.get(0).getMessage());
        assertNull(records.get(0).getThrown());
    }

    @Test
    void julWhenLevelOffThenNothingFormatted() {
        jul.setLevel(Level.INFO);
        new Log(NAME, false).debug("{}", new Object() {
            @Override
            public String toString() {
                throw new AssertionError("formatted a line nobody sees");
            }
        });

        assertTrue(records.isEmpty());
    }

    @Test
    void formatWhenFewerArgumentsOrEscapedPlaceholderThenLeftAsIs() {
        assertEquals("a=1 b={}", Log.format("a={} b={}", new Object[] {1}));
        assertEquals("literal {} then 2", Log.format("literal \\{} then {}", new Object[] {2}));
        assertEquals("null", Log.format("{}", new Object[] {null}));
    }
}
