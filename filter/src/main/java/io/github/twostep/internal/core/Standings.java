package io.github.twostep.internal.core;

import io.github.twostep.config.Settings;
import io.github.twostep.config.SetupMode;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.store.TrustedDevice;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Works out a signed-in user's {@link Standing} from their record: at sign-in, and again when
 * a session's re-check finds the record changed (reset, disabled, re-enrolled, device revoked,
 * password changed). In {@code auto} set-up mode a user without a second factor gets one made
 * from {@code setup.methods} here, and is challenged at once. With device authorisation, a user
 * without a second factor is challenged (an emailed code) in every browser not yet authorised:
 * an evaluation that is a challenge but not enabled means exactly that.
 */
final class Standings {
    private final Settings settings;
    private final UserRecordUpdater records;
    private final DeviceTrust trust;
    private final Clock clock;

    Standings(Settings settings, UserRecordUpdater records, DeviceTrust trust, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.records = Objects.requireNonNull(records, "records");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /** The standing of {@code user} presenting trust cookie {@code trustToken} (null if none). */
    Evaluation evaluate(String user, String trustToken) {
        Optional<UserRecord> record = records.read(user);
        if (record.isPresent() && record.get().enabled()) {
            UserRecord enrolled = record.get();
            Optional<TrustedDevice> device = settings.trustThisDevice() > 0
                    ? trust.find(enrolled, trustToken) : Optional.empty();
            if (device.isPresent()) {
                trust.touch(user, device.get().id());
                return new Evaluation(Standing.VERIFIED, true, enrolled.trustEpoch(), device.get().id());
            }
            return new Evaluation(Standing.CHALLENGE, true, enrolled.trustEpoch(), null);
        }
        int epoch = record.map(UserRecord::trustEpoch).orElse(0);
        String authorized = null;
        if (settings.deviceAuthorization().enabled()) {
            Optional<TrustedDevice> device = record.flatMap(r -> trust.find(r, trustToken));
            if (device.isEmpty()) {
                return new Evaluation(Standing.CHALLENGE, false, epoch, null);
            }
            authorized = device.get().id();
            trust.touch(user, authorized);
        }
        SetupMode mode = settings.setup().mode();
        Set<VerifyMethod> autoMethods = autoMethods();
        if (mode == SetupMode.AUTO && !autoMethods.isEmpty()) {
            UserRecord created = records.change(user,
                    current -> current.enabled() ? current : current.withConsent(true).enable(autoMethods));
            return new Evaluation(Standing.CHALLENGE, true, created.trustEpoch(), null);
        }
        if (mode == SetupMode.OPT_IN) {
            return new Evaluation(Standing.OPTIONAL, false, epoch, authorized);
        }
        int graceDays = graceDaysLeft(user);
        return new Evaluation(graceDays > 0 ? Standing.OPTIONAL : Standing.ENROLL, false, epoch, authorized, graceDays);
    }

    /**
     * Days a user under {@code setup.mode: "required"} may still skip enrolment, counted from
     * the first time TwoStep saw them (their record is created then); 0 when the deadline has
     * passed or there is none.
     */
    private int graceDaysLeft(String user) {
        int days = settings.setup().enrollmentDeadlineDays();
        if (days <= 0) {
            return 0;
        }
        Instant created = records.change(user, record -> record).created();
        Duration left = Duration.between(clock.instant(), created.plus(Duration.ofDays(days)));
        return left.isNegative() || left.isZero() ? 0 : (int) Math.max(1, (left.toHours() + 23) / 24);
    }

    /**
     * Whether {@code earlier} still holds for {@code user}: the second factor is as enabled as it
     * was, the trust epoch has not moved, and the device that verified the session is still trusted.
     * A grace period of required enrolment never holds: it is counted again at each re-check, so
     * the deadline reaches live sessions too.
     */
    boolean stillHolds(String user, Evaluation earlier) {
        if (earlier.graceDays() > 0) {
            return false;
        }
        Optional<UserRecord> record = records.read(user);
        boolean enabled = record.map(UserRecord::enabled).orElse(false);
        int epoch = record.map(UserRecord::trustEpoch).orElse(0);
        if (enabled != earlier.enabled() || (enabled && epoch != earlier.trustEpoch())) {
            return false;
        }
        if (earlier.deviceId() == null) {
            return true;
        }
        return trust.stillTrusted(record.get(), earlier.deviceId());
    }

    /** The methods auto set-up can make without the user: every message method of {@code setup.methods}. */
    private Set<VerifyMethod> autoMethods() {
        Set<VerifyMethod> methods = EnumSet.noneOf(VerifyMethod.class);
        for (VerifyMethod method : settings.setup().methods()) {
            if (method != VerifyMethod.APP) {
                methods.add(method);
            }
        }
        return methods;
    }
}
