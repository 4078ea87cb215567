package io.github.twostep.sample;

import io.github.twostep.config.Settings;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/** The lines the sample prints when it has started: where it runs, what it uses, the demo accounts. */
final class StartBanner {
    private final PrintStream out;

    StartBanner(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    void print(String base, String settingsLocation, Settings settings, Optional<SampleKey> key, String db, int added,
            boolean outbox) {
        out.println();
        out.println("TwoStep sample is running at " + base + "/");
        out.println("  settings:  " + settingsLocation + " (set-up " + settings.setup().mode().jsonName()
                + ", login " + settings.login().mode().jsonName() + ")");
        out.println("  data key:  " + key.map(k -> "from " + k.origin()).orElse("not used by these settings"));
        String addedNote = added > 0 ? " (" + added + " demo accounts added)" : "";
        out.println("  database:  " + withoutParameters(db) + addedNote);
        out.println("  mail/SMS:  " + (outbox ? "kept in the dev outbox, " + base + "/dev/outbox (this machine only)"
                : "sent through SMTP " + settings.smtp().host() + ":" + settings.smtp().port()));
        out.println("  demo accounts (user / password):");
        for (DemoUsers.Account account : DemoUsers.ACCOUNTS) {
            StringBuilder line = new StringBuilder("    ").append(account.username()).append(" / ")
                    .append(account.password());
            if (!account.roles().isEmpty()) {
                line.append("  role ").append(account.roles());
            }
            if (account.email() != null) {
                line.append("  ").append(account.email());
            }
            if (account.phone() != null) {
                line.append("  ").append(account.phone());
            }
            out.println(line);
        }
        out.println("Stop with Ctrl+C.");
        out.flush();
    }

    /** A JDBC URL without its parameters ({@code ;…} or {@code ?…}), which may hold a password. */
    static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }
}
