package io.github.twostep.core;

import io.github.twostep.config.MessageCodeSettings;
import io.github.twostep.config.Settings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.ContactMask;
import io.github.twostep.delivery.ContactResolver;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.MessageComposer;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.delivery.SecurityNotice;
import io.github.twostep.logging.Log;
import io.github.twostep.otp.RandomCodes;
import io.github.twostep.store.MessageCode;
import io.github.twostep.store.RecordUpdate;
import io.github.twostep.store.SendQuota;
import io.github.twostep.store.UserRecord;
import io.github.twostep.store.UserRecordUpdater;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one-time codes by email, SMS or call. The cooldown and the hourly quota are checked,
 * and the send is reserved, in one compare-and-set of the user's record before any hook is
 * called; if the channel then fails, the reservation is given back, so nothing half-sent
 * counts as sent. A new code replaces (voids) the previous one, and is bound to the sign-in
 * it was sent for. When the channel fails, the other methods of {@code delivery.fallback} are
 * tried in order, each reserved and given back the same way, until one delivers.
 */
final class Sending {
    private static final Log LOG = Log.get(Sending.class);
    private final Settings settings;
    private final UserRecordUpdater records;
    private final CodeHashes hashes;
    private final CodeSender sender;
    private final ContactResolver contacts;
    private final MessageComposer composer;
    private final SecureRandom random;
    private final Clock clock;

    Sending(Settings settings, UserRecordUpdater records, CodeHashes hashes, CodeSender sender,
            ContactResolver contacts, SecureRandom random, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.records = Objects.requireNonNull(records, "records");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.composer = new MessageComposer(settings.setup().issuer());
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The masked address codes of {@code method} go to for {@code user}; null if none. */
    String contactOf(String user, VerifyMethod method) {
        Optional<Channel> channel = channel(method);
        if (channel.isEmpty()) {
            return null;
        }
        String to = contacts.contacts(user).contactFor(channel.get());
        return to == null ? null : mask(channel.get(), to);
    }

    private static String mask(Channel channel, String to) {
        return channel == Channel.EMAIL ? ContactMask.email(to) : ContactMask.phone(to);
    }

    /**
     * Sends a new code by {@code method} to {@code user}'s address, for the sign-in
     * {@code signInId}. {@code host} is the sign-in page's host (for the SMS WebOTP line),
     * {@code notMeUrl} the "this wasn't me" link for emails (nullable).
     */
    SendOutcome send(String user, VerifyMethod method, String signInId, Locale locale, String host,
            String notMeUrl) {
        SendOutcome asked = sendBy(user, method, signInId, locale, host, notMeUrl);
        if (asked.result() != SendOutcome.Result.FAILED) {
            return asked;
        }
        for (VerifyMethod next : settings.delivery().fallback()) {
            if (next != method) {
                SendOutcome tried = sendBy(user, next, signInId, locale, host, notMeUrl);
                if (tried.result() == SendOutcome.Result.SENT) {
                    return tried;
                }
            }
        }
        return asked;
    }

    /**
     * One try by {@code method}: reserve the send in the user's record, hand the message to the
     * channel, and give the reservation back if the channel fails.
     */
    private SendOutcome sendBy(String user, VerifyMethod method, String signInId, Locale locale, String host,
            String notMeUrl) {
        return sendBy(user, method, signInId, locale, host, notMeUrl, false);
    }

    /**
     * Sends a code that proves {@code method}'s channel before it is added to the methods of a
     * user who has two-step on (no fallback: only that channel proves itself). The code is bound
     * to the sign-in and to adding this method, so it never passes as a sign-in code.
     */
    SendOutcome sendToAdd(String user, VerifyMethod method, String signInId, Locale locale, String host) {
        return sendBy(user, method, signInId, locale, host, null, true);
    }

    private SendOutcome sendBy(String user, VerifyMethod method, String signInId, Locale locale, String host,
            String notMeUrl, boolean adding) {
        Optional<Channel> channel = channel(method);
        if (channel.isEmpty() || !settings.verify().allows(method)) {
            return SendOutcome.of(SendOutcome.Result.NOT_ALLOWED);
        }
        String to = contacts.contacts(user).contactFor(channel.get());
        if (to == null) {
            return SendOutcome.of(SendOutcome.Result.NO_CONTACT);
        }
        MessageCodeSettings config = settings.messageCode();
        String code = new RandomCodes(random).messageCode(config.alphabet(), config.length());
        Instant now = clock.instant();
        String bound = adding ? CodeHashes.boundToAdding(signInId, method, code) : CodeHashes.bound(signInId, code);
        MessageCode stored = new MessageCode(hashes.hash(bound), now.plus(Duration.ofMinutes(config.minutes())), method);
        Reservation reservation = records.update(user, record -> reserve(record, method, stored, now, adding));
        if (reservation.refusal() != null) {
            return reservation.refusal();
        }
        if (reservation.withheld()) {
            return new SendOutcome(SendOutcome.Result.SENT, mask(channel.get(), to),
                    Duration.ofSeconds(config.resendSeconds()), List.of(), method);
        }
        Purpose purpose = adding ? Purpose.SETUP_CODE : reservation.enrolled() ? Purpose.SIGN_IN_CODE
                : settings.deviceAuthorization().enabled() ? Purpose.DEVICE_CODE : Purpose.SETUP_CODE;
        try {
            sender.send(message(channel.get(), purpose, to, code, locale, host, notMeUrl));
        } catch (DeliveryException e) {
            LOG.warn("A {} message could not be sent: {}", channel.get().wireName(), e.getMessage());
            records.update(user, record -> giveBack(record, stored, reservation.before()));
            return SendOutcome.of(SendOutcome.Result.FAILED);
        }
        return new SendOutcome(SendOutcome.Result.SENT, mask(channel.get(), to),
                Duration.ofSeconds(config.resendSeconds()), List.of(), method);
    }

    /**
     * Tells the user by email, in {@code locale}, about a change to their account's security (no
     * code in it). Best effort: a user without an address, or a mail server that is down, is
     * logged, not fatal.
     */
    void notice(String user, SecurityNotice notice, String detail, Locale locale) {
        try {
            String to = contacts.contacts(user).contactFor(Channel.EMAIL);
            if (to == null) {
                return;
            }
            sender.send(composer.securityNotice(notice, to, detail, null, locale));
        } catch (RuntimeException e) {
            LOG.warn("Security notice {} could not be sent: {}", notice, e.toString());
        }
    }

    private RecordUpdate<Reservation> reserve(UserRecord record, VerifyMethod method, MessageCode stored, Instant now,
            boolean adding) {
        boolean usable = adding ? record.enabled() && !record.methods().contains(method)
                : !record.enabled() || record.methods().contains(method);
        if (!usable) {
            return RecordUpdate.keep(Reservation.refused(SendOutcome.of(SendOutcome.Result.NOT_ALLOWED)));
        }
        Duration wait = record.sendQuota().waitAt(now, settings.messageCode().resendSeconds(),
                settings.messageCode().maxSendsPerHour());
        if (!wait.isZero()) {
            return RecordUpdate.keep(Reservation.refused(
                    new SendOutcome(SendOutcome.Result.TOO_MANY, null, wait, List.of())));
        }
        if (record.isLocked(now)) {
            // locked: nothing is sent and no code kept, but the quota counts as for a send, so the
            // answers (and the next cooldown) do not tell a guesser that the factor is locked
            return RecordUpdate.write(record.recordSend(now), new Reservation(null, record.sendQuota(), record.enabled(),
                    true));
        }
        UserRecord next = record.withMessageCode(stored).recordSend(now);
        return RecordUpdate.write(next, new Reservation(null, record.sendQuota(), record.enabled(), false));
    }

    private static RecordUpdate<Boolean> giveBack(UserRecord record, MessageCode stored, SendQuota before) {
        if (record.messageCode() == null || !record.messageCode().hash().equals(stored.hash())) {
            return RecordUpdate.keep(Boolean.FALSE);
        }
        return RecordUpdate.write(record.withMessageCode(null).withSendQuota(before), Boolean.TRUE);
    }

    private OutgoingMessage message(Channel channel, Purpose purpose, String to, String code, Locale locale,
            String host, String notMeUrl) {
        int minutes = settings.messageCode().minutes();
        return switch (channel) {
            case EMAIL -> composer.emailCode(purpose, to, code, minutes, notMeUrl, locale);
            case SMS -> composer.smsCode(purpose, to, code, minutes, host, locale);
            case CALL -> composer.callCode(purpose, to, code, minutes, locale);
        };
    }

    static Optional<Channel> channel(VerifyMethod method) {
        return switch (method) {
            case EMAIL -> Optional.of(Channel.EMAIL);
            case SMS -> Optional.of(Channel.SMS);
            case CALL -> Optional.of(Channel.CALL);
            case APP -> Optional.empty();
        };
    }

    /** The outcome of reserving a send: a refusal, or the quota before it and whether the user is enrolled. */
    /** A send reserved in the record (or refused); {@code withheld}: counted, but nothing is to go out. */
    private record Reservation(SendOutcome refusal, SendQuota before, boolean enrolled, boolean withheld) {
        static Reservation refused(SendOutcome refusal) {
            return new Reservation(refusal, null, false, false);
        }
    }
}
