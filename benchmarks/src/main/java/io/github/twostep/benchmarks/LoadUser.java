package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.benchmarks.Http1Connection.Answer;
import io.github.twostep.internal.otp.Hotp;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One simulated user of the load test, driven by one thread at a time: enrols an authenticator
 * app, then loops sign-in, sometimes a wrong or replayed code, the right code, protected pages and
 * sign-out. It keeps what the server must agree with: the TOTP steps it had accepted (each at most
 * once), and the wrong codes sent since its last accepted one.
 *
 * <p>A TOTP step serves one verification per user, so a user verifies by app at most about once
 * per 30 s; in between it signs in with one of its backup codes (same verify call, same
 * compare-and-set on the record), and asks for new ones when they run out.
 */
final class LoadUser implements AutoCloseable {
    /** Protected pages fetched per verified session. */
    static final int PAGES = 5;

    final String name;
    private final String password;
    private final Totp totp;
    private final LoadClient client;
    private final Map<String, LongAdder> errors;
    private Hotp key;
    private final Deque<String> backupCodes = new ArrayDeque<>();
    private final Set<Long> acceptedSteps = new HashSet<>();
    private boolean signedIn;
    private long lastStep = Long.MIN_VALUE;
    private String lastAccepted;

    final List<Long> verifyNanos = new ArrayList<>();
    final List<Long> pageNanos = new ArrayList<>();
    long totpAccepted;
    long backupAccepted;
    long wrongSent;
    long replaysSent;
    long acceptedTwice;
    long regenerations;
    long iterations;
    int wrongSinceSuccess;

    LoadUser(String name, Totp totp, LoadClient client, Map<String, LongAdder> errors) {
        this.name = Objects.requireNonNull(name, "name");
        this.password = name + "-password";
        this.totp = Objects.requireNonNull(totp, "totp");
        this.client = Objects.requireNonNull(client, "client");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Forgets what the warm-up measured (requests, latencies, counts of codes sent) and keeps
     * what the server must still agree with: accepted steps, wrong codes since the last success,
     * codes accepted twice.
     */
    void resetMeasurements() {
        verifyNanos.clear();
        pageNanos.clear();
        totpAccepted = 0;
        backupAccepted = 0;
        wrongSent = 0;
        replaysSent = 0;
        regenerations = 0;
        iterations = 0;
    }

    /** Sets up an authenticator app through the JSON API and keeps the backup codes it answers. */
    void enrol() throws IOException {
        signIn();
        Answer started = expect("setup/start", client.post("/2fa/api/setup/start",
                "{\"password\": \"" + password + "\", \"consent\": true}"), 200);
        key = totp.key(OtpSecret.fromBase32(LoadClient.json(started).get("secret").asText()));
        long step = totp.currentStep();
        Answer confirmed = expect("setup/confirm", client.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + key.generate(step) + "\", \"methods\": [\"app\"]}"), 200);
        acceptedSteps.add(step);
        lastStep = step;
        keepBackupCodes(LoadClient.json(confirmed));
        expect("status", client.status(), 200);
        expect("logout", client.logout(), 302, 303);
    }

    /** One visit: sign in, maybe a wrong or replayed code, the right one, {@link #PAGES} pages, sign out. */
    void visit() throws IOException {
        iterations++;
        signIn();
        if (!codes()) {
            return;
        }
        for (int i = 0; i < PAGES; i++) {
            long start = System.nanoTime();
            Answer page = client.get("/protected");
            pageNanos.add(System.nanoTime() - start);
            expect("protected", page, 200);
        }
        expect("logout", client.logout(), 302, 303);
    }

    /**
     * The verify path alone: signed in once, the session then only submits codes (maybe a wrong
     * or replayed one, then the right one), as a user re-verifying would; no pages, no sign-out.
     */
    void verifyOnly() throws IOException {
        iterations++;
        if (!signedIn) {
            signIn();
            signedIn = true;
        }
        codes();
    }

    /** Maybe a replayed and a wrong code, then the right one; false when the right one failed. */
    private boolean codes() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (lastAccepted != null && random.nextInt(10) == 0) {
            replaysSent++;
            refused(verify(lastAccepted));
        }
        if (random.nextInt(5) == 0) {
            wrongSent++;
            refused(verify(wrongCode()));
        }
        long now = totp.currentStep();
        long step = Math.max(now, lastStep + 1);
        String code;
        boolean byApp = step <= now + 1;
        code = byApp ? key.generate(step) : backupCodes.pop();
        Answer answer = verify(code);
        if (answer.status() != 200) {
            refused(answer);
            error("verify of the right code " + answer.status());
            return false;
        }
        wrongSinceSuccess = 0;
        lastAccepted = code;
        if (byApp) {
            totpAccepted++;
            lastStep = step;
            if (!acceptedSteps.add(step)) {
                acceptedTwice++;
            }
        } else {
            backupAccepted++;
        }
        if (backupCodes.isEmpty()) {
            regenerations++;
            keepBackupCodes(LoadClient.json(expect("backup-codes", client.post("/2fa/api/backup-codes", "{}"), 200)));
        }
        return true;
    }

    /** The last TOTP step the server accepted from this user (the store must hold the same). */
    long lastAcceptedStep() {
        return lastStep;
    }

    /** Backup codes this user holds and has not used (the store must hold as many hashes). */
    int unusedBackupCodes() {
        return backupCodes.size();
    }

    /** Signs in and sends {@code wrong} wrong codes, leaving the session at the challenge. */
    void endWithWrongCodes(int wrong) throws IOException {
        signIn();
        for (int i = 0; i < wrong; i++) {
            wrongSent++;
            refused(verify(wrongCode()));
        }
    }

    private void signIn() throws IOException {
        expect("status", client.status(), 200);
        expect("login", client.post("/2fa/api/login",
                "{\"username\": \"" + name + "\", \"password\": \"" + password + "\"}"), 200);
    }

    private Answer verify(String code) throws IOException {
        long start = System.nanoTime();
        Answer answer = client.post("/2fa/api/verify",
                "{\"code\": \"" + code + "\", \"trustDevice\": false}");
        verifyNanos.add(System.nanoTime() - start);
        return answer;
    }

    /** A code the server must refuse: a 401 counts one failure; a 200 is a code accepted twice or a wrong one taken. */
    private void refused(Answer answer) {
        if (answer.status() == 401) {
            wrongSinceSuccess++;
        } else if (answer.status() == 200) {
            acceptedTwice++;
        } else {
            error("verify of a refused code " + answer.status());
        }
    }

    /** A six-digit code that no step near now produces. */
    private String wrongCode() {
        long now = totp.currentStep();
        Set<String> near = new HashSet<>();
        for (long step = now - 10; step <= now + 10; step++) {
            near.add(key.generate(step));
        }
        String candidate;
        do {
            candidate = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        } while (near.contains(candidate));
        return candidate;
    }

    private void keepBackupCodes(JsonNode answer) {
        backupCodes.clear();
        answer.path("backupCodes").forEach(code -> backupCodes.add(code.asText()));
        if (backupCodes.isEmpty()) {
            throw new IllegalStateException("no backup codes in the answer for " + name);
        }
    }

    private Answer expect(String call, Answer answer, int... statuses) {
        for (int status : statuses) {
            if (answer.status() == status) {
                return answer;
            }
        }
        error(call + " " + answer.status());
        return answer;
    }

    private void error(String what) {
        errors.computeIfAbsent(what, w -> new LongAdder()).increment();
    }

    @Override
    public void close() {
        client.close();
    }
}
