package io.github.twostep.internal;

import io.github.twostep.TwoStep;
import io.github.twostep.config.SendQueueSettings;
import io.github.twostep.internal.logging.Log;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background sender ({@code delivery.queue}): a fixed number of named daemon threads and a
 * queue of at most {@code limit} waiting messages. A task that finds the queue full is refused
 * at once with {@link RejectedExecutionException}, so a slow mail server turns into quick
 * refusals instead of a growing wait for everyone. It lives as long as the application (a
 * settings reload resizes it, {@link TwoStep#close} ends it); idle threads end after a minute
 * and start again with the next send.
 */
public final class SenderThreads implements Executor {
    private static final Log LOG = Log.get(SenderThreads.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor pool;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile int limit;

    public SenderThreads(SendQueueSettings settings) {
        int number = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "twostep-send-" + number + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.limit = settings.limit();
    }

    /** Applies reloaded settings to the sends that follow; queued ones stay queued. */
    public synchronized void resize(SendQueueSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.threads() > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(settings.threads());
            pool.setCorePoolSize(settings.threads());
        } else {
            pool.setCorePoolSize(settings.threads());
            pool.setMaximumPoolSize(settings.threads());
        }
        limit = settings.limit();
    }

    /**
     * Queues {@code task}, or refuses it when {@code limit} tasks are already waiting for a
     * thread, or after {@link #close}.
     *
     * @throws RejectedExecutionException when the queue is full or closed
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        int now;
        do {
            now = waiting.get();
            if (now >= limit) {
                throw new RejectedExecutionException("the send queue is full (delivery.queue.limit " + limit + ")");
            }
        } while (!waiting.compareAndSet(now, now + 1));
        try {
            pool.execute(() -> {
                waiting.decrementAndGet();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("A background send failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            throw e;
        }
    }

    /** Messages waiting for a thread now. */
    public int waiting() {
        return waiting.get();
    }

    /**
     * Takes no more sends and waits up to {@code grace} for the queued ones to go out; what is
     * still running then is interrupted. Answers whether everything queued went out in time.
     */
    public boolean close(Duration grace) {
        pool.shutdown();
        try {
            if (pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int dropped = pool.shutdownNow().size();
        LOG.warn("Stopped the background sender with {} message(s) not sent after waiting {}", dropped, grace);
        return false;
    }
}
