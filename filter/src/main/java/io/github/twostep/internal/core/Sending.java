package io.github.twostep.internal.core;

import io.github.twostep.config.MessageCodeSettings;
import io.github.twostep.config.Settings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.ContactResolver;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.delivery.SecurityNotice;
import io.github.twostep.internal.delivery.MessageComposer;
import io.github.twostep.internal.logging.Log;
import io.github.twostep.internal.otp.RandomCodes;
import io.github.twostep.internal.store.MessageCode;
import io.github.twostep.internal.store.RecordUpdate;
import io.github.twostep.internal.store.SendQuota;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

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
    /** What a sign-in refused for a full send queue is told to wait. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    private final Settings settings;
    private final UserRecordUpdater records;
    private final CodeHashes hashes;
    private final CodeSender sender;
    private final ContactResolver contacts;
    private final MessageComposer composer;
    private final SecureRandom random;
    private final Clock clock;
    private final Executor background;

    Sending(Settings settings, UserRecordUpdater records, CodeHashes hashes, CodeSender sender,
            ContactResolver contacts, SecureRandom random, Clock clock, Executor background) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.records = Objects.requireNonNull(records, "records");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.composer = new MessageComposer(settings.setup().issuer());
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = Objects.requireNonNull(background, "background");
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
        return channel.masked(to);
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
     * As {@link #send}, but the message is handed to the channel by the background sender: the
     * send is reserved in the user's record (one compare-and-set: cooldown, hourly quota, the new
     * code) here, before anything is queued, so a burst of requests queues no more messages than
     * the quota allows. When the queue is full the reservation is given back and the answer is
     * {@link SendOutcome.Result#BUSY}. {@code done} gets, on the sender's thread, how the send
     * ended: {@link SendOutcome.Result#SENT} when the channel (or a fallback) took it. A send
     * withheld from a locked user takes its place in the queue all the same, so that a full queue
     * refuses it as any other.
     */
    SendOutcome sendLater(String user, VerifyMethod method, String signInId, Locale locale, String host,
            String notMeUrl, Consumer<SendOutcome> done) {
        Reserved reserved = reserve(user, method, signInId, false);
        if (reserved.refusal() != null) {
            return reserved.answer();
        }
        Runnable task = reserved.withheld() ? () -> done.accept(reserved.answer())
                : () -> done.accept(deliverOrFallBack(reserved, locale, host, notMeUrl));
        try {
            background.execute(task);
        } catch (RejectedExecutionException e) {
            records.update(user, record -> giveBack(record, reserved.stored(), reserved.before()));
            return new SendOutcome(SendOutcome.Result.BUSY, null, BUSY_RETRY, List.of());
        }
        return reserved.answer();
    }

    /**
     * Takes a place in the background queue as {@link #sendLater} does, and sends nothing: for a
     * name no user has, so that a full queue refuses it as it refuses a real user's sign-in.
     * Answers {@link SendOutcome.Result#BUSY} when full, else {@link SendOutcome.Result#SENT}.
     */
    SendOutcome queueNothing() {
        try {
            background.execute(() -> { });
        } catch (RejectedExecutionException e) {
            return new SendOutcome(SendOutcome.Result.BUSY, null, BUSY_RETRY, List.of());
        }
        return new SendOutcome(SendOutcome.Result.SENT, null, Duration.ZERO, List.of());
    }

    private SendOutcome deliverOrFallBack(Reserved reserved, Locale locale, String host, String notMeUrl) {
        SendOutcome asked = deliver(reserved, locale, host, notMeUrl);
        if (asked.result() != SendOutcome.Result.FAILED) {
            return asked;
        }
        for (VerifyMethod next : settings.delivery().fallback()) {
            if (next != reserved.method()) {
                SendOutcome tried = sendBy(reserved.user(), next, reserved.signInId(), locale, host, notMeUrl);
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
        Reserved reserved = reserve(user, method, signInId, adding);
        if (reserved.refusal() != null || reserved.withheld()) {
            return reserved.answer();
        }
        return deliver(reserved, locale, host, notMeUrl);
    }

    /**
     * Reserves one send by {@code method} in {@code user}'s record, with a new code (for adding
     * the method, when {@code adding}); or says why not.
     */
    private Reserved reserve(String user, VerifyMethod method, String signInId, boolean adding) {
        Optional<Channel> channel = channel(method);
        if (channel.isEmpty() || !settings.verify().allows(method)) {
            return Reserved.refused(SendOutcome.of(SendOutcome.Result.NOT_ALLOWED));
        }
        String to = contacts.contacts(user).contactFor(channel.get());
        if (to == null) {
            return Reserved.refused(SendOutcome.of(SendOutcome.Result.NO_CONTACT));
        }
        MessageCodeSettings config = settings.messageCode();
        String code = new RandomCodes(random).messageCode(config.alphabet(), config.length());
        Instant now = clock.instant();
        String bound = adding ? CodeHashes.boundToAdding(signInId, method, code) : CodeHashes.bound(signInId, code);
        MessageCode stored = new MessageCode(hashes.hash(bound), now.plus(Duration.ofMinutes(config.minutes())), method);
        Reservation reservation = records.update(user, record -> reserve(record, method, stored, now, adding));
        if (reservation.refusal() != null) {
            return Reserved.refused(reservation.refusal());
        }
        SendOutcome answer = new SendOutcome(SendOutcome.Result.SENT, mask(channel.get(), to),
                Duration.ofSeconds(config.resendSeconds()), List.of(), method);
        return new Reserved(null, user, method, signInId, channel.get(), to, code, stored, reservation.before(),
                reservation.enrolled(), reservation.withheld(), answer, adding);
    }

    /** Hands a reserved message to the channel; gives the reservation back if the channel fails. */
    private SendOutcome deliver(Reserved reserved, Locale locale, String host, String notMeUrl) {
        Purpose purpose = reserved.adding() ? Purpose.SETUP_CODE : reserved.enrolled() ? Purpose.SIGN_IN_CODE
                : settings.deviceAuthorization().enabled() ? Purpose.DEVICE_CODE : Purpose.SETUP_CODE;
        try {
            sender.send(message(reserved.channel(), purpose, reserved.to(), reserved.code(), locale, host, notMeUrl));
        } catch (DeliveryException e) {
            LOG.warn("A {} message could not be sent: {}", reserved.channel().wireName(), e.getMessage());
            records.update(reserved.user(), record -> giveBack(record, reserved.stored(), reserved.before()));
            return SendOutcome.of(SendOutcome.Result.FAILED);
        }
        return reserved.answer();
    }

    /**
     * Tells the user by email, in {@code locale}, about a change to their account's security (no
     * code in it). The address is looked up here, on the caller's thread (the application's
     * {@link ContactResolver} may rely on it); the message is composed and sent by the background
     * sender, so a slow or failing mail server does not hold the answer. When the send queue is
     * full the notice goes out on the caller's thread instead of being dropped, so filling the
     * queue cannot silence a change's notice. Best effort: a user without an address, or a mail
     * server that is down, is logged, not fatal.
     */
    void notice(String user, SecurityNotice notice, String detail, Locale locale) {
        String to;
        try {
            to = contacts.contacts(user).contactFor(Channel.EMAIL);
        } catch (RuntimeException e) {
            LOG.warn("Security notice {} could not be sent: {}", notice, e.toString());
            return;
        }
        if (to == null) {
            return;
        }
        Runnable task = () -> deliverNotice(notice, to, detail, locale);
        try {
            background.execute(task); // the mail server's time (or outage) stays out of the answer
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void deliverNotice(SecurityNotice notice, String to, String detail, Locale locale) {
        try {
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

    /** A send reserved in the record (or refused); {@code withheld}: counted, but nothing is to go out. */
    private record Reservation(SendOutcome refusal, SendQuota before, boolean enrolled, boolean withheld) {
        static Reservation refused(SendOutcome refusal) {
            return new Reservation(refusal, null, false, false);
        }
    }

    /**
     * A send reserved in the record, with everything needed to deliver it later, or a refusal.
     * {@code toString} leaves out the code and the address.
     */
    private record Reserved(SendOutcome refusal, String user, VerifyMethod method, String signInId, Channel channel,
                            String to, String code, MessageCode stored, SendQuota before, boolean enrolled,
                            boolean withheld, SendOutcome answer, boolean adding) {
        static Reserved refused(SendOutcome refusal) {
            return new Reserved(refusal, null, null, null, null, null, null, null, null, false, false, refusal, false);
        }

        @Override
        public String toString() {
            return "Reserved[" + method + (refusal == null ? "" : ", refused " + refusal.result()) + "]";
        }
    }
}
