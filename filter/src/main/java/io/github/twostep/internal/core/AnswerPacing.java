package io.github.twostep.internal.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Holds the answers of password-less sign-in to a common floor, so that their time does not
 * tell a user from a name nobody has (or from a user without an email address).
 *
 * <p>A user's answer does more work than a stranger's: their record is read and updated, an
 * email is reserved and composed. Imitating that work ({@code Accounts#imitateRecordWork}) narrows
 * the gap but cannot close it. So every answer of a kind is held until a floor has passed since
 * it began: the larger of {@link #MINIMUM} and the 90th percentile of the last {@link #WINDOW}
 * answers of that kind that did a user's whole work, plus a random part below {@link #JITTER}.
 * Answers that did less work (a name nobody has, a user without an address, a refused send)
 * are held to the same floor and never counted in it. The floor follows the machine's load on
 * its own, as Authelia's delay for failed logins does; {@link #CAP} bounds a hold whatever the
 * window holds.
 *
 * <p>A hold keeps the request's thread waiting ({@link LockSupport#parkNanos}, no CPU). Only
 * password-less answers are paced, and only while a password-less sign-in is pending: a
 * verified user never waits.
 */
public final class AnswerPacing {
    /** The shortest floor: well above what a password-less answer costs on a small machine. */
    public static final Duration MINIMUM = Duration.ofMillis(20);
    /** The random part added to each hold, below this. */
    public static final Duration JITTER = Duration.ofMillis(5);
    /** No answer is held longer than this since it began, whatever the window holds. */
    public static final Duration CAP = Duration.ofSeconds(2);
    /** How many full-work answers of each kind the floor is taken from. */
    public static final int WINDOW = 64;

    /** The paced answers of password-less sign-in. */
    public enum Answer {
        /** {@code POST login} (API and form): the name is held at the challenge and a code sent. */
        LOGIN,
        /** {@code POST send} during the sign-in: another code. */
        SEND,
        /** {@code POST verify} during the sign-in: the code checked, counted when wrong. */
        VERIFY
    }

    /** Waits until a moment of {@link LongSupplier nanoTime}; the tests' stands in for the clock's. */
    @FunctionalInterface
    public interface Pause {
        void until(long deadlineNanos);
    }

    private final LongSupplier nanoTime;
    private final Pause pause;
    private final SecureRandom random = new SecureRandom();
    private final Map<Answer, Window> windows = new EnumMap<>(Answer.class);

    /** Paces with the JVM's monotonic clock, parking the thread. */
    public AnswerPacing() {
        this(System::nanoTime, null);
    }

    /**
     * @param nanoTime a monotonic clock in nanoseconds
     * @param pause    how to wait until a moment of {@code nanoTime}; null parks the thread
     */
    public AnswerPacing(LongSupplier nanoTime, Pause pause) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.pause = pause != null ? pause : deadline -> park(nanoTime, deadline);
        for (Answer answer : Answer.values()) {
            windows.put(answer, new Window());
        }
    }

    /** The moment an answer's work begins, for {@link #hold}. */
    public long start() {
        return nanoTime.getAsLong();
    }

    /**
     * The answer's work is done: counts its time when it did a user's whole work, then waits
     * until the floor has passed since {@code started}.
     *
     * @param fullWork whether this answer did everything a user's answer does (and so may raise the floor)
     */
    public void hold(Answer answer, long started, boolean fullWork) {
        Window window = windows.get(answer);
        long worked = nanoTime.getAsLong() - started;
        if (fullWork) {
            window.add(worked);
        }
        long floor = Math.min(Math.max(MINIMUM.toNanos(), window.percentile90()) + random.nextLong(JITTER.toNanos()),
                CAP.toNanos());
        if (worked < floor) {
            pause.until(started + floor);
        }
    }

    /** The floor without its random part (what a hold waits for, less the jitter). */
    public Duration floor(Answer answer) {
        return Duration.ofNanos(Math.min(Math.max(MINIMUM.toNanos(), windows.get(answer).percentile90()),
                CAP.toNanos()));
    }

    private static void park(LongSupplier nanoTime, long deadline) {
        for (long left = deadline - nanoTime.getAsLong(); left > 0; left = deadline - nanoTime.getAsLong()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return; // the container is stopping the request: answer now, the flag stays set
            }
        }
    }

    /** The last {@link #WINDOW} full-work times of one kind of answer. */
    private static final class Window {
        private final long[] nanos = new long[WINDOW];
        private int next;
        private int size;
        private long percentile90;

        synchronized void add(long worked) {
            nanos[next] = worked;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            percentile90 = sorted[(int) Math.ceil(0.9 * size) - 1];
        }

        synchronized long percentile90() {
            return percentile90;
        }
    }
}
