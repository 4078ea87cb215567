package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue #14.4 over HTTP on a real PostgreSQL that stops answering: another connection holds
 * {@code LOCK TABLE users IN ACCESS EXCLUSIVE MODE}, so every read of the store blocks until
 * {@code store.timeoutSeconds} cancels it. Guarded requests get 503, a parallel request of the
 * same session is not let through on the stale standing, exempt paths still work.
 */
class StoreOutageIT {
    private static final String SETTINGS = """
            {"login": {"mode": "builtin"},
             "exempt": {"paths": ["/", "/static/*"]},
             "session": {"recheckSeconds": 30},
             "store": {"type": "jdbc", "jdbc": {"url": "jdbc:h2:mem:unused"}, "key": "${env:KEY}", "timeoutSeconds": 1}}
            """;

    /** {@code source}, counting down the latch in {@code connecting} (when one is set) at each getConnection. */
    private static DataSource watched(DataSource source, AtomicReference<CountDownLatch> connecting) {
        return (DataSource) Proxy.newProxyInstance(StoreOutageIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    CountDownLatch latch = connecting.get();
                    if (latch != null && method.getName().equals("getConnection")) {
                        latch.countDown();
                    }
                    try {
                        return method.invoke(source, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void storeWhenLockedDuringRecheckThenStuckAndParallelRequestsRefusedExemptPathServed() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            AtomicReference<CountDownLatch> connecting = new AtomicReference<>();
            DataSource database = watched(postgres.getPostgresDatabase(), connecting);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (TestApp app = new TestApp(SETTINGS, database, builder -> builder);
                 Connection locker = postgres.getPostgresDatabase().getConnection()) {
                Browser bob = new Browser(app);
                bob.login("bob");
                assertEquals(200, bob.get("/protected").statusCode());

                locker.setAutoCommit(false);
                locker.createStatement().execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
                app.clock.advance(Duration.ofSeconds(32));
                CountDownLatch stuck = new CountDownLatch(1);
                connecting.set(stuck);
                Future<HttpResponse<String>> recheck = pool.submit(() -> bob.get("/protected"));
                assertTrue(stuck.await(30, TimeUnit.SECONDS), "the re-check never reached the store");

                HttpResponse<String> parallel = bob.get("/protected");
                HttpResponse<String> parallelJson = bob.send(HttpRequest.newBuilder(app.uri("/protected"))
                        .header("Accept", "application/json").build());

                assertEquals(503, parallel.statusCode(), parallel.body());
                assertFalse(parallel.body().startsWith("app:"));
                assertEquals(503, parallelJson.statusCode(), parallelJson.body());
                assertEquals("unavailable", Browser.json(parallelJson).get("error").asText());
                HttpResponse<String> stuckOne = recheck.get(30, TimeUnit.SECONDS);
                assertEquals(503, stuckOne.statusCode(), "the store call gave up after store.timeoutSeconds");
                assertFalse(stuckOne.body().startsWith("app:"));
                connecting.set(null);
                HttpResponse<String> exempt = bob.get("/");
                assertEquals(200, exempt.statusCode(), "exempt paths still work");
                assertEquals(503, bob.get("/protected").statusCode(), "still down: still refused");

                locker.rollback();

                HttpResponse<String> back = bob.get("/protected");
                assertEquals(200, back.statusCode(), back.body());
                assertTrue(back.body().startsWith("app:/protected:bob"), back.body());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void loginWhenUsersTableLockedThenPasswordCheckGivesUpWithinTheTimeoutAnd503() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
             TestApp app = new TestApp(SETTINGS, postgres.getPostgresDatabase(), builder -> builder);
             Connection locker = postgres.getPostgresDatabase().getConnection()) {
            Browser alice = new Browser(app);
            alice.status();
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");

            HttpResponse<String> login = alice.send(HttpRequest.newBuilder(app.uri("/2fa/api/login"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .header("X-CSRF-Token", alice.status().get("csrfToken").asText())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\": \"alice\", \"password\": \"alice-password\"}")).build());

            assertEquals(503, login.statusCode(), "the password check gives up after store.timeoutSeconds");
            assertEquals("unavailable", Browser.json(login).get("error").asText());
            locker.rollback();
        }
    }

    /**
     * A session that comes back after a pause longer than {@code recheckSeconds +
     * store.timeoutSeconds} sends several requests at once (a page and its parts): one claims the
     * re-check, the others must not be refused for that while the store is merely slow; each asks
     * the store itself and all get the page once it answers.
     */
    @Test
    void recheckWhenSessionComesBackAfterPauseAndStoreSlowThenParallelRequestsWaitAndAllServed() throws Exception {
        String patient = SETTINGS.replace("\"timeoutSeconds\": 1", "\"timeoutSeconds\": 20");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            AtomicReference<CountDownLatch> connecting = new AtomicReference<>();
            DataSource database = watched(postgres.getPostgresDatabase(), connecting);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (TestApp app = new TestApp(patient, database, builder -> builder);
                 Connection locker = postgres.getPostgresDatabase().getConnection()) {
                Browser bob = new Browser(app);
                bob.login("bob");
                assertEquals(200, bob.get("/protected").statusCode());

                locker.setAutoCommit(false);
                locker.createStatement().execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
                app.clock.advance(Duration.ofSeconds(60));
                CountDownLatch first = new CountDownLatch(1);
                connecting.set(first);
                Future<HttpResponse<String>> claimer = pool.submit(() -> bob.get("/protected"));
                assertTrue(first.await(30, TimeUnit.SECONDS), "the re-check never reached the store");
                CountDownLatch second = new CountDownLatch(1);
                connecting.set(second);
                Future<HttpResponse<String>> parallel = pool.submit(() -> bob.get("/protected"));
                boolean asked = second.await(10, TimeUnit.SECONDS);

                locker.rollback();

                HttpResponse<String> parallelAnswer = parallel.get(30, TimeUnit.SECONDS);
                assertEquals(200, parallelAnswer.statusCode(), parallelAnswer.body());
                assertTrue(parallelAnswer.body().startsWith("app:/protected:bob"), parallelAnswer.body());
                assertTrue(asked, "the parallel request asked the store instead of using the old standing");
                HttpResponse<String> claimed = claimer.get(30, TimeUnit.SECONDS);
                assertEquals(200, claimed.statusCode(), claimed.body());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
