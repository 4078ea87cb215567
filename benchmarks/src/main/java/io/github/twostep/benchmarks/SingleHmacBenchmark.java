package io.github.twostep.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One HMAC-SHA1 of a time step plus truncation with a ready {@code Mac}: the unit of all work. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SingleHmacBenchmark {
    private final byte[] counter = new byte[8];
    private final byte[] macOut = new byte[20];
    private Mac mac;
    private long step = TotpVerifyBenchmark.NOW_SECONDS / 30;

    @Setup
    public void setUp() throws GeneralSecurityException {
        mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TotpVerifyBenchmark.SECRET, "HmacSHA1"));
    }

    @Benchmark
    public int oneHmac() throws GeneralSecurityException {
        long value = step;
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) value;
            value >>>= 8;
        }
        mac.update(counter);
        mac.doFinal(macOut, 0);
        int offset = macOut[19] & 0x0f;
        return ((macOut[offset] & 0x7f) << 24 | (macOut[offset + 1] & 0xff) << 16
                | (macOut[offset + 2] & 0xff) << 8 | (macOut[offset + 3] & 0xff)) % 1_000_000;
    }
}
