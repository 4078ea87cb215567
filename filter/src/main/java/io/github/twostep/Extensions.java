package io.github.twostep;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Objects;

/** Creates an application's extension class, named in the settings, through its public no-argument constructor. */
public final class Extensions {
    private Extensions() {
    }

    public static <T> T create(String className, Class<T> type) {
        Objects.requireNonNull(className, "className");
        String name = className.strip();
        String what = type.getSimpleName() + " class " + name;
        Class<?> found = find(name, what);
        if (!type.isAssignableFrom(found)) {
            throw new TwoStepException("The " + what + " does not implement " + type.getName());
        }
        if (!Modifier.isPublic(found.getModifiers()) || Modifier.isAbstract(found.getModifiers())) {
            throw new TwoStepException("The " + what + " must be a public, non-abstract class");
        }
        Constructor<?> constructor;
        try {
            constructor = found.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new TwoStepException("The " + what + " has no public no-argument constructor", e);
        }
        try {
            return type.cast(constructor.newInstance());
        } catch (InvocationTargetException e) {
            throw new TwoStepException("The " + what + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TwoStepException("The " + what + " cannot be created: " + e, e);
        }
    }

    private static Class<?> find(String name, String what) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = Extensions.class.getClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                // not visible to this loader: try the next one
            } catch (LinkageError e) {
                throw new TwoStepException("The " + what + " cannot be loaded: " + e, e);
            }
        }
        throw new TwoStepException("The " + what + " is not on the classpath");
    }
}
