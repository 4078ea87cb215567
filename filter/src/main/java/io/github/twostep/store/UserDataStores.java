package io.github.twostep.store;

import io.github.twostep.TwoStepException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Makes a {@link UserDataStore} from a type name and string options (the {@code store} settings).
 * <ul>
 *   <li>{@code memory}: {@link InMemoryUserDataStore}; no options.</li>
 *   <li>{@code file}: {@link FileUserDataStore}; option {@code directory}.</li>
 *   <li>{@code jdbc}: {@link JdbcUserDataStore}; {@code dataSource} (a JNDI name) or {@code url}
 *       with optional {@code username}/{@code password}; {@code table} (default {@code users}),
 *       {@code userColumn} ({@code username}), {@code commentColumn} ({@code comment}),
 *       {@code caseInsensitive} ({@code true}/{@code false}, default false).</li>
 *   <li>{@code class:com.example.MyStore}: the application's class, loaded by the thread's
 *       context class loader.</li>
 *   <li>any other name: a {@code UserDataStore} implementation registered for
 *       {@link ServiceLoader} (in {@code META-INF/services/io.github.twostep.store.UserDataStore})
 *       whose simple or full class name is that name.</li>
 * </ul>
 * An application class needs a public constructor taking {@code Map<String, String>} (it gets
 * the options, unmodifiable) or, failing that, a public no-argument constructor.
 */
public final class UserDataStores {
    private static final String CLASS_PREFIX = "class:";

    private UserDataStores() {
    }

    /**
     * @throws TwoStepException naming the type if it cannot be made
     */
    public static UserDataStore load(String type, Map<String, String> options) {
        Objects.requireNonNull(type, "type");
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(options, "options"));
        switch (type) {
            case "memory":
                allowOnly(type, copy, Set.of());
                return new InMemoryUserDataStore();
            case "file":
                allowOnly(type, copy, Set.of("directory"));
                return new FileUserDataStore(Path.of(required(type, copy, "directory")));
            case "jdbc":
                return jdbc(copy);
            default:
                if (type.startsWith(CLASS_PREFIX)) {
                    return instantiate(loadClass(type.substring(CLASS_PREFIX.length()).strip()), copy);
                }
                return fromServiceLoader(type, copy);
        }
    }

    private static UserDataStore jdbc(Map<String, String> options) {
        allowOnly("jdbc", options, Set.of("dataSource", "url", "username", "password", "table", "userColumn",
                "commentColumn", "caseInsensitive"));
        String jndi = options.get("dataSource");
        String url = options.get("url");
        if ((jndi == null) == (url == null)) {
            throw new TwoStepException("store type jdbc needs exactly one of dataSource (JNDI name) and url");
        }
        DataSource source = jndi != null ? JdbcUserDataStore.lookup(jndi)
                : JdbcUserDataStore.dataSource(url, options.get("username"), options.get("password"));
        String caseInsensitive = options.getOrDefault("caseInsensitive", "false");
        if (!caseInsensitive.equals("true") && !caseInsensitive.equals("false")) {
            throw new TwoStepException("store option caseInsensitive must be true or false");
        }
        try {
            return new JdbcUserDataStore(source, options.getOrDefault("table", "users"),
                    options.getOrDefault("userColumn", "username"), options.getOrDefault("commentColumn", "comment"),
                    Boolean.parseBoolean(caseInsensitive));
        } catch (IllegalArgumentException e) {
            throw new TwoStepException("store type jdbc: " + e.getMessage(), e);
        }
    }

    private static UserDataStore fromServiceLoader(String type, Map<String, String> options) {
        ServiceLoader<UserDataStore> loader = ServiceLoader.load(UserDataStore.class, classLoader());
        return loader.stream()
                .filter(p -> p.type().getName().equals(type) || p.type().getSimpleName().equals(type))
                .findFirst()
                .map(p -> instantiate(p.type(), options))
                .orElseThrow(() -> new TwoStepException("unknown store type '" + type + "': use memory, file, jdbc,"
                        + " class:<name>, or one of the registered stores "
                        + loader.stream().map(p -> p.type().getSimpleName()).collect(Collectors.toList())));
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name, true, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TwoStepException("store class " + name + " cannot be loaded", e);
        }
    }

    private static UserDataStore instantiate(Class<?> type, Map<String, String> options) {
        if (!UserDataStore.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
            throw new TwoStepException("store class " + type.getName() + " is not a concrete UserDataStore");
        }
        try {
            Object store;
            try {
                Constructor<?> withOptions = type.getConstructor(Map.class);
                store = withOptions.newInstance(options);
            } catch (NoSuchMethodException e) {
                store = type.getConstructor().newInstance();
            }
            return (UserDataStore) store;
        } catch (NoSuchMethodException e) {
            throw new TwoStepException("store class " + type.getName()
                    + " needs a public constructor taking Map<String, String> or none");
        } catch (InvocationTargetException e) {
            throw new TwoStepException("store class " + type.getName() + " failed to start", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TwoStepException("store class " + type.getName() + " cannot be created", e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : UserDataStores.class.getClassLoader();
    }

    private static String required(String type, Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new TwoStepException("store type " + type + " needs option " + key);
        }
        return value;
    }

    private static void allowOnly(String type, Map<String, String> options, Set<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new TwoStepException("store type " + type + " has no option " + key + " (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }
}
