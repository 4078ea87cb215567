package io.github.twostep.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One measured stretch of load: {@code threads} client threads sending GET requests with the
 * session cookie back to back over keep-alive connections until the time is up or the request
 * cap is reached. A request counts only if it got 200 and the application's text; anything else
 * is an error. Also measures the CPU time the server's threads used, so the server's cost per
 * request can be told from the load client's (both share the machine).
 */
final class LoadPhase {
    /** What one phase measured. */
    record Result(String variant, long requests, long errors, double seconds, long serverCpuNanos, long storeReads,
            long storeWrites) {

        double perSecond() {
            return requests / seconds;
        }

        double serverCpuMicrosPerRequest() {
            return requests == 0 ? Double.NaN : serverCpuNanos / 1000.0 / requests;
        }
    }

    private final HttpClient client;
    private final int threads;
    private final long maxRequests;
    private final CountingStore store;

    LoadPhase(HttpClient client, int threads, long maxRequests, CountingStore store) {
        this.client = client;
        this.threads = threads;
        this.maxRequests = maxRequests;
        this.store = store;
    }

    Result run(String variant, URI target, String sessionCookie, Duration length) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(target).header("Cookie", "JSESSIONID=" + sessionCookie)
                .timeout(Duration.ofSeconds(10)).GET().build();
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicLong budget = new AtomicLong(maxRequests);
        long reads = store.reads();
        long writes = store.writes();
        long cpu = serverCpuNanos();
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "bench-client"));
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200 && FilterBenchApp.BODY.equals(answer.body())) {
                            ok.increment();
                        } else if (errors.sum() < 3) {
                            errors.increment();
                            System.err.println("unexpected answer " + answer.statusCode() + " "
                                    + answer.headers().firstValue("Location").orElse("") + ": "
                                    + answer.body().substring(0, Math.min(200, answer.body().length())));
                        } else {
                            errors.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(variant, ok.sum(), errors.sum(), seconds, serverCpuNanos() - cpu, store.reads() - reads,
                store.writes() - writes);
    }

    /** CPU time used so far by the live threads of the server's pool (acceptor, selectors, workers). */
    private static long serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(FilterBenchApp.SERVER_THREADS)) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }
}
