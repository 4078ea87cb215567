package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.core.AnswerPacing.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The floor password-less answers are held to, on a clock the test moves (nothing waits). */
class AnswerPacingTest {
    private static final long MS = 1_000_000L;

    private long now;
    private final List<Long> holdsUntil = new ArrayList<>();
    private AnswerPacing pacing;

    @BeforeEach
    void setUp() {
        pacing = new AnswerPacing(() -> now, deadline -> {
            holdsUntil.add(deadline);
            now = Math.max(now, deadline);
        });
    }

    /** One answer that began now and worked {@code workMs}; how long it took with its hold. */
    private long answer(Answer kind, long workMs, boolean fullWork) {
        long started = pacing.start();
        now += workMs * MS;
        pacing.hold(kind, started, fullWork);
        return now - started;
    }

    @Test
    void holdWhenWorkBelowMinimumThenAnswerTakesTheMinimumPlusLessThanTheJitter() {
        for (boolean fullWork : new boolean[] {true, false}) {
            long took = answer(Answer.LOGIN, 3, fullWork);

            assertTrue(took >= AnswerPacing.MINIMUM.toNanos(), "took " + took);
            assertTrue(took < AnswerPacing.MINIMUM.plus(AnswerPacing.JITTER).toNanos(), "took " + took);
        }
    }

    @Test
    void holdWhenUsersWorkIsSlowThenStrangersAreHeldToItsNinetiethPercentile() {
        for (int i = 1; i <= 100; i++) {
            answer(Answer.VERIFY, 30 + i % 10, true); // full-work answers of 30-39 ms
        }

        long stranger = answer(Answer.VERIFY, 2, false);

        assertEquals(Duration.ofMillis(39), pacing.floor(Answer.VERIFY));
        assertTrue(stranger >= 39 * MS && stranger < 39 * MS + AnswerPacing.JITTER.toNanos(), "took " + stranger);
        assertEquals(AnswerPacing.MINIMUM, pacing.floor(Answer.LOGIN), "each kind of answer has its own floor");
    }

    @Test
    void holdWhenStrangersAreSlowThenTheyNeverRaiseTheFloor() {
        for (int i = 0; i < 10; i++) {
            answer(Answer.SEND, 500, false);
        }

        assertEquals(AnswerPacing.MINIMUM, pacing.floor(Answer.SEND));
    }

    @Test
    void holdWhenWorkAlreadyPastTheFloorThenNoWait() {
        holdsUntil.clear();

        long took = answer(Answer.LOGIN, 200, false);

        assertEquals(200 * MS, took);
        assertTrue(holdsUntil.isEmpty());
    }

    @Test
    void holdWhenWindowFullOfHugeTimesThenCappedAndOldTimesForgotten() {
        for (int i = 0; i < AnswerPacing.WINDOW; i++) {
            answer(Answer.LOGIN, 10_000, true);
        }
        assertEquals(AnswerPacing.CAP, pacing.floor(Answer.LOGIN));
        long stranger = answer(Answer.LOGIN, 1, false);
        assertTrue(stranger <= AnswerPacing.CAP.toNanos(), "took " + stranger);

        for (int i = 0; i < AnswerPacing.WINDOW; i++) {
            answer(Answer.LOGIN, 5, true);
        }

        assertEquals(AnswerPacing.MINIMUM, pacing.floor(Answer.LOGIN), "the last " + AnswerPacing.WINDOW + " only");
    }

    @Test
    void holdWhenRepeatedThenRandomPartVaries() {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            took.add(answer(Answer.LOGIN, 1, false));
        }

        assertTrue(took.stream().distinct().count() > 1, "jitter: " + took);
    }
}
