package io.github.twostep.config;

/**
 * The background sender ({@code delivery.queue}): codes that are sent after the answer (today
 * the password-less sign-in's email) wait in one queue per application for a fixed number of
 * sender threads. A send that finds {@code limit} others waiting is refused with 429 instead of
 * waiting behind them.
 *
 * @param threads how many messages are handed to the channels at once
 * @param limit   how many messages may wait for a thread; one more is refused
 */
public record SendQueueSettings(int threads, int limit) {
    /** Two threads, a hundred waiting. */
    public static final SendQueueSettings DEFAULT = new SendQueueSettings(2, 100);
}
