package io.github.twostep;

import io.github.twostep.audit.AuditEvent;
import io.github.twostep.audit.AuditSink;
import io.github.twostep.config.AuditType;
import io.github.twostep.config.ContactSettings;
import io.github.twostep.config.DeliverySettings;
import io.github.twostep.config.InvalidSettingsException;
import io.github.twostep.config.JdbcStoreSettings;
import io.github.twostep.config.LoginMode;
import io.github.twostep.config.Settings;
import io.github.twostep.config.StoreSettings;
import io.github.twostep.config.StoreType;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.ContactResolver;
import io.github.twostep.delivery.Contacts;
import io.github.twostep.delivery.RoutingCodeSender;
import io.github.twostep.internal.Extensions;
import io.github.twostep.internal.SenderThreads;
import io.github.twostep.internal.core.Accounts;
import io.github.twostep.internal.core.AnswerPacing;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.Guard;
import io.github.twostep.internal.core.InMemoryAuditSink;
import io.github.twostep.internal.core.JdbcAuditSink;
import io.github.twostep.internal.core.LogAuditSink;
import io.github.twostep.internal.core.LoginThrottle;
import io.github.twostep.internal.core.UnknownNames;
import io.github.twostep.internal.delivery.CodeSenders;
import io.github.twostep.internal.delivery.ContactResolvers;
import io.github.twostep.internal.delivery.JdbcContactResolver;
import io.github.twostep.internal.delivery.LoggingCodeSender;
import io.github.twostep.internal.delivery.SmtpCodeSender;
import io.github.twostep.internal.logging.Log;
import io.github.twostep.internal.login.JdbcPasswordVerifier;
import io.github.twostep.internal.store.FileAttemptLedger;
import io.github.twostep.internal.store.FileUserDataStore;
import io.github.twostep.internal.store.InMemoryAttemptLedger;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.internal.store.JdbcAttemptLedger;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.internal.store.KeyRing;
import io.github.twostep.login.PasswordVerifier;
import io.github.twostep.store.AttemptLedger;
import io.github.twostep.store.UserDataStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One configured TwoStep: settings, the store of users' second factors and everything built on
 * them. {@link io.github.twostep.web.TwoStepFilter} makes one from the settings file; an
 * application that registers the filter in code builds one with {@link #builder(Settings)}.
 */
public final class TwoStep implements AutoCloseable {
    private static final Log LOG = Log.get(TwoStep.class);
    /** The attempt ledger's table, next to the users table ({@code store.type: "jdbc"}). */
    static final String LEDGER_TABLE = "twostep_attempts";
    /** The most names a memory attempt ledger holds. */
    static final int MEMORY_LEDGER_ENTRIES = 100_000;
    /** How long {@link #close} waits for queued sends. */
    static final int CLOSE_GRACE_SECONDS = 5;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(CLOSE_GRACE_SECONDS);

    private final Settings settings;
    private final PasswordVerifier passwordVerifier;
    private final Clock clock;
    /** What TwoStep's own layers use: granted to {@link Engine#of} once, below. */
    private final Engine engine;
    private final Administration administration;
    /**
     * What outlives a reload: the store, its key ring and DataSource, the audit sink, the
     * background sender, and what code gave.
     */
    private final Builder runtime;

    private TwoStep(Builder builder, UserDataStore store, KeyRing keys, PasswordVerifier passwordVerifier,
            CodeSender sender, ContactResolver contacts) {
        this.runtime = builder;
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.passwordVerifier = passwordVerifier;
        Accounts accounts = new Accounts(settings, store, keys, builder.audit, clock, builder.random, sender, contacts,
                builder.senders);
        this.engine = new Engine(accounts, new Guard(settings), builder.audit,
                new LoginThrottle(settings.login().throttle(), builder.ledger, keys.currentLedgerKey(), clock, accounts),
                new UnknownNames(settings, builder.ledger, keys.currentLedgerKey(), clock), new AnswerPacing());
        this.administration = new Administration(accounts);
    }

    static {
        Engine.grantAccess(twoStep -> twoStep.engine);
    }

    /**
     * Every problem {@code builder(settings).build()} would report when nothing is given in
     * code: the value's own {@link Settings#problems()} and what needs the environment (each
     * class named in the settings on the class path with the right type and a public no-argument
     * constructor; a DataSource wherever the users table is needed). Each problem is
     * {@code "$.json.path: reason"}; empty when the settings can start the filter.
     */
    public static List<String> problems(Settings settings) {
        return problems(settings, new Given(false, false, false, false, false, false));
    }

    /** Which collaborators were given in code, so the settings need not name them. */
    private record Given(boolean store, boolean dataSource, boolean passwordVerifier, boolean auditSink,
                         boolean routingSender, boolean contactResolver) {
    }

    private static List<String> problems(Settings settings, Given given) {
        Objects.requireNonNull(settings, "settings");
        List<String> problems = new ArrayList<>(settings.problems());
        JdbcStoreSettings jdbc = settings.store().jdbc();
        boolean dataSource = given.dataSource() || jdbc.dataSource() != null || jdbc.url() != null;
        String needsDataSource = "needs the users table's DataSource: set store.jdbc.dataSource (JNDI) or "
                + "store.jdbc.url, or pass one to TwoStep.builder(...).dataSource(...)";
        if (!given.store() && settings.store().type() == StoreType.CLASS) {
            classProblem(problems, "$.store.type", settings.store().className(), UserDataStore.class);
        }
        if (!given.passwordVerifier() && settings.login().mode() == LoginMode.BUILTIN) {
            if (settings.login().passwordVerifier() != null) {
                classProblem(problems, "$.login.passwordVerifier", settings.login().passwordVerifier(),
                        PasswordVerifier.class);
            } else if (!dataSource) {
                problems.add("$.login.mode: \"builtin\" checks passwords in the users table and " + needsDataSource
                        + "; or name a login.passwordVerifier class");
            }
        }
        if (!given.auditSink()) {
            if (settings.audit().type() == AuditType.JDBC && !dataSource) {
                problems.add("$.audit.type: \"jdbc\" " + needsDataSource);
            } else if (settings.audit().type() == AuditType.CLASS) {
                classProblem(problems, "$.audit.type", settings.audit().className(), AuditSink.class);
            }
        }
        if (!given.routingSender()) {
            classProblem(problems, "$.delivery.sms", settings.delivery().sms(), CodeSender.class);
            classProblem(problems, "$.delivery.call", settings.delivery().call(), CodeSender.class);
        }
        if (!given.contactResolver()) {
            classProblem(problems, "$.contacts.resolver", settings.contacts().resolver(), ContactResolver.class);
        }
        if (settings.verify().webauthn().enabled() && !onClassPath("org.slf4j.LoggerFactory")) {
            problems.add("$.verify.webauthn.enabled: security keys need the SLF4J API (org.slf4j:slf4j-api 2.x) on the"
                    + " class path, which webauthn4j logs through; add it next to TwoStep's jar (no provider is needed)");
        }
        return problems;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, TwoStep.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void classProblem(List<String> problems, String jsonPath, String className, Class<?> type) {
        String problem = className == null ? null : Extensions.problem(className, type);
        if (problem != null) {
            problems.add(jsonPath + ": " + problem);
        }
    }

    /** A builder taking every collaborator the settings do not name from code. */
    public static Builder builder(Settings settings) {
        return new Builder(settings);
    }

    public Settings settings() {
        return settings;
    }

    /** The clock every time in TwoStep comes from (the system's, unless one was given in code). */
    public Clock clock() {
        return clock;
    }

    /** Reset, unlock, emergency and operator codes, devices and keys, audit trail: per user, each audited. */
    public Administration administration() {
        return administration;
    }

    /**
     * Writes a first-factor sign-in the application performed itself to the audit trail (event
     * {@code login}, success), such as signing a user in after a password reset with
     * {@link io.github.twostep.web.TwoStepFilter#signInFirstFactor}. {@code how} is a short word
     * for the audit detail ({@code password_reset}); the second factor is asked for as always.
     */
    public void firstFactorSignedIn(String user, Caller caller, String how) {
        engine.accounts().record(Objects.requireNonNull(user, "user"), AuditEvent.Type.LOGIN, AuditEvent.Outcome.SUCCESS,
                Objects.requireNonNull(caller, "caller"), Objects.requireNonNull(how, "how"));
    }

    /** The built-in login's password check; empty when there is none (external login without one). */
    public Optional<PasswordVerifier> passwordVerifier() {
        return Optional.ofNullable(passwordVerifier);
    }

    /**
     * This TwoStep under new settings, for a reload: the policy (codes, lockout, methods, pages,
     * login, delivery, …) is {@code next}'s, while the long-lived parts stay the same objects: the
     * store and its DataSource, the key ring (a generated key too, so records stay readable), the
     * audit sink, and every collaborator given in code. Settings that would need new long-lived
     * parts are refused, naming them.
     *
     * @throws TwoStepException if {@code next} changes {@code store} or {@code audit} (they take
     *                          effect at a restart), or cannot be built
     */
    public TwoStep reconfigured(Settings next) {
        Objects.requireNonNull(next, "next");
        java.util.List<String> fixed = new java.util.ArrayList<>();
        if (!next.store().equals(settings.store())) {
            fixed.add("store");
        }
        if (!next.audit().equals(settings.audit())) {
            fixed.add("audit");
        }
        if (!fixed.isEmpty()) {
            throw new TwoStepException("a reload cannot change " + String.join(" or ", fixed)
                    + " (the store, its key and the audit trail live as long as the application): restart to "
                    + "apply them");
        }
        TwoStep built = runtime.copy(next).build();
        runtime.senders.resize(next.delivery().queue());
        return built;
    }

    /**
     * Stops the background sender: no more sends are queued, and those already queued get up to
     * {@value #CLOSE_GRACE_SECONDS} seconds to go out (then they are dropped, and logged). The
     * sender is shared with every TwoStep {@link #reconfigured} from this one, so this ends them
     * all. {@link io.github.twostep.web.TwoStepFilter#destroy()} calls it for a TwoStep the
     * filter built from its settings file; an application that builds its own calls it when it
     * stops. Sends after it are refused (a password-less sign-in gets 429). Idempotent.
     */
    @Override
    public void close() {
        runtime.senders.close(CLOSE_GRACE);
    }

    /** The background sender, for tests in this package. */
    SenderThreads senders() {
        return runtime.senders;
    }

    /** Call when a user's password changed: every device they trusted must prove the second factor again. */
    public void passwordChanged(String user) {
        engine.accounts().passwordChanged(Objects.requireNonNull(user, "user"));
    }

    /** Collects collaborators; what is not given comes from the settings. */
    public static final class Builder {
        private final Settings settings;
        private UserDataStore store;
        private DataSource dataSource;
        private PasswordVerifier passwordVerifier;
        private Clock clock = Clock.systemUTC();
        private AuditSink audit;
        private SecureRandom random = new SecureRandom();
        private CodeSender codeSender;
        private ContactResolver contactResolver;
        private KeyRing keys;
        private AttemptLedger ledger;
        private boolean givenVerifier;
        private SenderThreads senders;

        private Builder(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The store of users' 2FA data, instead of the one {@code store} names. */
        public Builder store(UserDataStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** The users table's DataSource, for the JDBC store and the built-in login's password check. */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * The users table at a JDBC URL (opened through {@link java.sql.DriverManager}, no pool),
         * instead of the DataSource {@code store.jdbc} names: for tools such as the command line.
         */
        public Builder jdbcUrl(String url) {
            return dataSource(JdbcUserDataStore.dataSource(Objects.requireNonNull(url, "url"), null, null));
        }

        public Builder passwordVerifier(PasswordVerifier value) {
            this.passwordVerifier = Objects.requireNonNull(value, "passwordVerifier");
            this.givenVerifier = true;
            return this;
        }

        /**
         * Where email codes and notices go, instead of SMTP from {@code smtp} (e.g. a
         * {@link io.github.twostep.delivery.DevOutbox}); SMS and call still go to the settings'
         * {@code delivery} classes unless this sender is a {@link io.github.twostep.delivery.RoutingCodeSender}.
         */
        public Builder codeSender(CodeSender value) {
            this.codeSender = Objects.requireNonNull(value, "codeSender");
            return this;
        }

        /** Where users' email addresses and phone numbers are found, instead of the users table's columns. */
        public Builder contactResolver(ContactResolver value) {
            this.contactResolver = Objects.requireNonNull(value, "contactResolver");
            return this;
        }

        /**
         * Where per-name attempts (password throttling) are counted, instead of next to the
         * store {@code store.type} names (its table, its directory, or memory).
         */
        public Builder attemptLedger(AttemptLedger value) {
            this.ledger = Objects.requireNonNull(value, "attemptLedger");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder auditSink(AuditSink value) {
            this.audit = Objects.requireNonNull(value, "auditSink");
            return this;
        }

        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Builds TwoStep.
         *
         * @throws InvalidSettingsException naming the path of every problem {@link TwoStep#problems}
         *                                   finds, given what this builder was given in code
         * @throws TwoStepException          if a store or class named in the settings fails to start
         */
        public TwoStep build() {
            List<String> problems = problems(settings, new Given(store != null, dataSource != null,
                    passwordVerifier != null, audit != null, codeSender instanceof RoutingCodeSender,
                    contactResolver != null));
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException("TwoStep.builder(settings)", problems);
            }
            Builder resolved = copy(settings);
            if (resolved.store == null) {
                resolved.store = resolved.storeFromSettings();
            }
            if (!resolved.givenVerifier) {
                resolved.passwordVerifier = resolved.verifierFromSettings();
            }
            if (resolved.audit == null) {
                resolved.audit = resolved.auditFromSettings();
            }
            if (resolved.keys == null) {
                resolved.keys = resolved.keyRing();
            }
            if (resolved.ledger == null) {
                resolved.ledger = resolved.ledgerFromSettings();
            }
            if (resolved.senders == null) {
                resolved.senders = new SenderThreads(settings.delivery().queue());
            }
            return new TwoStep(resolved, resolved.store, resolved.keys, resolved.passwordVerifier, resolved.sender(),
                    resolved.contacts());
        }

        /** A builder for {@code next} holding everything this one holds besides the settings. */
        private Builder copy(Settings next) {
            Builder copy = new Builder(next);
            copy.store = store;
            copy.dataSource = dataSource;
            copy.passwordVerifier = givenVerifier ? passwordVerifier : null;
            copy.givenVerifier = givenVerifier;
            copy.clock = clock;
            copy.audit = audit;
            copy.random = random;
            copy.codeSender = codeSender;
            copy.contactResolver = contactResolver;
            copy.keys = keys;
            copy.ledger = ledger;
            copy.senders = senders;
            return copy;
        }

        private AuditSink auditFromSettings() {
            return switch (settings.audit().type()) {
                case JDBC -> new JdbcAuditSink(usersTable(), settings.audit().table(), settings.store().timeoutSeconds());
                case CLASS -> Extensions.create(settings.audit().className(), AuditSink.class);
                case LOG -> new InMemoryAuditSink(10_000, new LogAuditSink());
            };
        }

        /** Email through the given sender or SMTP; SMS and call through the settings' classes; all logged. */
        private CodeSender sender() {
            if (codeSender instanceof RoutingCodeSender routing) {
                return new LoggingCodeSender(routing);
            }
            CodeSender email = codeSender != null ? codeSender
                    : settings.smtp() != null ? new SmtpCodeSender(settings.smtp()) : null;
            DeliverySettings delivery = settings.delivery();
            CodeSender sms = delivery.sms() == null ? null : CodeSenders.load(delivery.sms());
            CodeSender call = delivery.call() == null ? null : CodeSenders.load(delivery.call());
            return new LoggingCodeSender(new RoutingCodeSender(email, sms, call));
        }

        /** The given resolver, the settings' class, the users table's columns, or none. */
        private ContactResolver contacts() {
            if (contactResolver != null) {
                return contactResolver;
            }
            ContactSettings contacts = settings.contacts();
            if (contacts.resolver() != null) {
                return ContactResolvers.load(contacts.resolver());
            }
            boolean usersTable = dataSource != null || settings.store().type() == StoreType.JDBC;
            if (!usersTable || (contacts.emailColumn() == null && contacts.phoneColumn() == null)) {
                return user -> Contacts.none();
            }
            JdbcStoreSettings jdbc = settings.store().jdbc();
            return new JdbcContactResolver(usersTable(), jdbc.table(), jdbc.userColumn(), contacts.emailColumn(),
                    contacts.phoneColumn(), jdbc.caseInsensitiveUsers(), settings.store().timeoutSeconds());
        }

        private KeyRing keyRing() {
            StoreSettings st = settings.store();
            if (st.key() != null) {
                return KeyRing.from(st.key(), st.previousKeys());
            }
            LOG.warn("No store.key is set: a random key is used for this run only, so enrolments do not survive "
                    + "a restart. Set store.key for production.");
            return KeyRing.of("ephemeral", random.generateSeed(32));
        }

        /** The attempt ledger next to the store: its database's table, its directory, else memory. */
        private AttemptLedger ledgerFromSettings() {
            StoreSettings st = settings.store();
            return switch (st.type()) {
                case JDBC -> {
                    String table = st.jdbc().table();
                    String schema = table.contains(".") ? table.substring(0, table.indexOf('.') + 1) : "";
                    yield new JdbcAttemptLedger(usersTable(), schema + LEDGER_TABLE, st.timeoutSeconds(), clock);
                }
                case FILE -> new FileAttemptLedger(Path.of(st.file().directory()), clock);
                case MEMORY, CLASS -> new InMemoryAttemptLedger(clock, MEMORY_LEDGER_ENTRIES);
            };
        }

        private UserDataStore storeFromSettings() {
            StoreSettings st = settings.store();
            return switch (st.type()) {
                case MEMORY -> new InMemoryUserDataStore();
                case FILE -> new FileUserDataStore(Path.of(st.file().directory()), clock);
                case JDBC -> new JdbcUserDataStore(usersTable(), st.jdbc().table(), st.jdbc().userColumn(),
                        st.jdbc().commentColumn(), st.jdbc().caseInsensitiveUsers(), st.timeoutSeconds());
                case CLASS -> Extensions.create(st.className(), UserDataStore.class);
            };
        }

        private PasswordVerifier verifierFromSettings() {
            if (settings.login().mode() != LoginMode.BUILTIN) {
                return null;
            }
            if (settings.login().passwordVerifier() != null) {
                return Extensions.create(settings.login().passwordVerifier(), PasswordVerifier.class);
            }
            JdbcStoreSettings jdbc = settings.store().jdbc();
            return new JdbcPasswordVerifier(usersTable(), jdbc.table(), jdbc.userColumn(),
                    settings.login().passwordColumn(), settings.login().rolesColumn(), settings.store().timeoutSeconds());
        }

        private DataSource usersTable() {
            if (dataSource != null) {
                return dataSource;
            }
            JdbcStoreSettings jdbc = settings.store().jdbc();
            if (jdbc.dataSource() != null) {
                dataSource = JdbcUserDataStore.lookup(jdbc.dataSource());
            } else if (jdbc.url() != null) {
                dataSource = JdbcUserDataStore.dataSource(jdbc.url(), jdbc.username(), jdbc.password());
                try {
                    // bounds opening a connection as store.timeoutSeconds bounds each statement
                    dataSource.setLoginTimeout(settings.store().timeoutSeconds());
                } catch (java.sql.SQLException e) {
                    throw new TwoStepException("cannot set the login timeout of store.jdbc.url's connections", e);
                }
            } else {
                throw new TwoStepException("the users table needs a DataSource: set store.jdbc.dataSource (JNDI) or "
                        + "store.jdbc.url, or pass one to TwoStep.builder(...).dataSource(...)");
            }
            return dataSource;
        }
    }
}
