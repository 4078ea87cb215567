package io.github.twostep.sample;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.ExemptSettings;
import io.github.twostep.config.PathSettings;
import io.github.twostep.config.Settings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the sample adds to the settings it loads, and only where the file leaves it open:
 * {@code paths.publicUrl} becomes the address the sample really listens on,
 * {@code http://localhost:PORT} (or {@code http://ADDRESS:PORT} for a {@code --host} that is
 * neither this machine nor every interface), so links in messages ("this wasn't me", password
 * reset) reach the running sample whatever {@code --port} says; and the sample's own public
 * pages (forgot password) join {@code exempt.paths}, as any application lists its public pages.
 */
final class SampleSettings {
    private SampleSettings() {
    }

    /** The sample's own address for {@code host} and the bound {@code port}. */
    static String publicUrl(String host, int port) {
        String name = host.strip();
        if (Loopback.is(name) || isWildcard(name)) {
            name = "localhost";
        } else if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return "http://" + name.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * {@code loaded} with {@code publicUrl} when the file sets no {@code paths.publicUrl}, and
     * with {@code publicPages} added to {@code exempt.paths} where missing.
     */
    static Settings adapt(Settings loaded, String publicUrl, List<String> publicPages) {
        Settings settings = loaded;
        if (settings.paths().publicUrl() == null) {
            settings = with(settings, PathSettings.class, new PathSettings(settings.paths().prefix(), publicUrl));
        }
        List<String> paths = new ArrayList<>(settings.exempt().paths());
        publicPages.stream().filter(page -> !paths.contains(page)).forEach(paths::add);
        if (paths.size() > settings.exempt().paths().size()) {
            ExemptSettings exempt = settings.exempt();
            settings = with(settings, ExemptSettings.class, new ExemptSettings(exempt.roles(), exempt.users(), paths));
        }
        return settings;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /**
     * A copy of {@code settings} with the part of type {@code type} replaced, every other part
     * the same. Built through the record's canonical constructor, so it keeps up with parts
     * added to {@link Settings} later.
     */
    private static <T> Settings with(Settings settings, Class<T> type, T part) {
        RecordComponent[] components = Settings.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = types[i] == type ? part : components[i].getAccessor().invoke(settings);
            }
            return Settings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw new TwoStepException("cannot adapt the settings: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TwoStepException("cannot adapt the settings: " + e.getMessage(), e);
        }
    }
}
