package io.github.twostep.sample;

import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code oathtool --totp -b SECRET} for {@link ApiWalkthroughIT}, where no oathtool is installed:
 * prints the 6-digit SHA-1 code of a 30-second step. The walk-through asks the reader to wait for
 * the next step before the second code, since a step is accepted once only; instead of waiting,
 * this authenticator moves one step ahead per call (its calls are counted in the file named by
 * the system property {@code oathtool.calls}), which the settings' window accepts.
 */
final class OathTool {
    private OathTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !args[0].equals("--totp") || !args[1].equals("-b")) {
            System.err.println("usage: oathtool --totp -b BASE32SECRET");
            System.exit(2);
        }
        Path calls = Path.of(System.getProperty("oathtool.calls"));
        int call = Files.exists(calls) ? Integer.parseInt(Files.readString(calls).strip()) : 0;
        Files.writeString(calls, String.valueOf(call + 1));
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
        System.out.println(totp.key(OtpSecret.fromBase32(args[2])).generate(totp.currentStep() + call));
    }
}
