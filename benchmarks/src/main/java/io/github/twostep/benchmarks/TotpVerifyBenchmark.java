package io.github.twostep.benchmarks;

import com.warrenstrange.googleauth.GoogleAuthenticator;
import com.warrenstrange.googleauth.GoogleAuthenticatorConfig;
import com.warrenstrange.googleauth.HmacHashFunction;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.Hotp;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.otp.TotpMatch;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying one submitted TOTP code (SHA1, 6 digits, 30 s) against a window of ±{@code steps}:
 * TwoStep against a bare {@code javax.crypto.Mac} loop (the baseline) and two libraries.
 * Every variant sees the same secret, the same fixed time and the same submitted code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TotpVerifyBenchmark {
    static final long NOW_SECONDS = 1_700_000_010L;
    static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final int PERIOD = 30;

    /** Steps accepted each side of the current one. */
    @Param({"1", "6"})
    public int steps;

    /** Which code is submitted: the current step's, the oldest accepted step's, or a wrong one. */
    @Param({"current", "oldest", "wrong"})
    public String submitted;

    private String code;
    private Totp totp;
    private Hotp twoStepKey;
    private Mac mac;
    private final byte[] counter = new byte[8];
    private final byte[] macOut = new byte[20];
    private String base32;
    private GoogleAuthenticator googleAuth;
    private DefaultCodeVerifier samStevens;

    @Setup
    public void setUp() throws GeneralSecurityException {
        long current = NOW_SECONDS / PERIOD;
        totp = new Totp(Algorithm.SHA1, 6, PERIOD, 2 * steps * PERIOD,
                Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC));
        OtpSecret secret = OtpSecret.of(SECRET);
        twoStepKey = totp.key(secret);
        base32 = secret.toBase32();
        code = switch (submitted) {
            case "current" -> twoStepKey.generate(current);
            case "oldest" -> twoStepKey.generate(current - steps);
            case "wrong" -> codeOutsideWindow(current);
            default -> throw new IllegalArgumentException("unknown case " + submitted);
        };
        mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA1"));
        googleAuth = new GoogleAuthenticator(new GoogleAuthenticatorConfig.GoogleAuthenticatorConfigBuilder()
                .setHmacHashFunction(HmacHashFunction.HmacSHA1).setCodeDigits(6)
                .setTimeStepSizeInMillis(PERIOD * 1000L).setWindowSize(2 * steps + 1).build());
        samStevens = new DefaultCodeVerifier(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6), () -> NOW_SECONDS);
        samStevens.setTimePeriod(PERIOD);
        samStevens.setAllowedTimePeriodDiscrepancy(steps);
        checkAllAgree();
    }

    @Benchmark
    public Optional<TotpMatch> twoStep() {
        return totp.verify(twoStepKey, code);
    }

    /** The same HMAC and truncation for the same steps in the same order, with nothing else. */
    @Benchmark
    public long macBaseline() throws GeneralSecurityException {
        int expected = Integer.parseInt(code);
        long current = NOW_SECONDS / PERIOD;
        for (int i = 0; i <= 2 * steps; i++) {
            long offset = (i + 1) >> 1;
            long step = (i & 1) == 1 ? current + offset : current - offset;
            if (truncate(step) % 1_000_000 == expected) {
                return step;
            }
        }
        return Long.MIN_VALUE;
    }

    @Benchmark
    public boolean googleAuth() {
        return googleAuth.authorize(base32, Integer.parseInt(code), NOW_SECONDS * 1000L);
    }

    @Benchmark
    public boolean samStevens() {
        return samStevens.isValidCode(base32, code);
    }

    private int truncate(long step) throws GeneralSecurityException {
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) step;
            step >>>= 8;
        }
        mac.update(counter);
        mac.doFinal(macOut, 0);
        int offset = macOut[19] & 0x0f;
        return (macOut[offset] & 0x7f) << 24 | (macOut[offset + 1] & 0xff) << 16
                | (macOut[offset + 2] & 0xff) << 8 | (macOut[offset + 3] & 0xff);
    }

    private String codeOutsideWindow(long current) {
        Set<String> window = new HashSet<>();
        for (long step = current - steps; step <= current + steps; step++) {
            window.add(twoStepKey.generate(step));
        }
        // Not 000000: googleauth refuses zero before any HMAC, which would flatter it.
        for (int candidate = 123_456; ; candidate++) {
            String wrong = String.format("%06d", candidate);
            if (!window.contains(wrong)) {
                return wrong;
            }
        }
    }

    /** A benchmark of a wrongly configured library would measure nothing: refuse to run. */
    private void checkAllAgree() throws GeneralSecurityException {
        boolean expected = !"wrong".equals(submitted);
        boolean[] verdicts = {twoStep().isPresent(), macBaseline() != Long.MIN_VALUE, googleAuth(), samStevens()};
        for (boolean verdict : verdicts) {
            if (verdict != expected) {
                throw new IllegalStateException("implementations disagree for " + submitted + " at ±" + steps);
            }
        }
    }
}
