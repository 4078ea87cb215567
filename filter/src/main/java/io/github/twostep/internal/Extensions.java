package io.github.twostep.internal;

import io.github.twostep.TwoStepException;
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
        Constructor<?> constructor = constructor(find(name, what, true), type, what);
        try {
            return type.cast(constructor.newInstance());
        } catch (InvocationTargetException e) {
            throw new TwoStepException("The " + what + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TwoStepException("The " + what + " cannot be created: " + e, e);
        }
    }

    /**
     * Why {@link #create} would fail for {@code className} before running any of its code
     * (not found, wrong type, no public no-argument constructor), or null when it would get as
     * far as the constructor. The class is loaded but not initialized.
     */
    public static String problem(String className, Class<?> type) {
        String name = Objects.requireNonNull(className, "className").strip();
        String what = type.getSimpleName() + " class " + name;
        try {
            constructor(find(name, what, false), type, what);
            return null;
        } catch (TwoStepException e) {
            return e.getMessage();
        }
    }

    private static Constructor<?> constructor(Class<?> found, Class<?> type, String what) {
        if (!type.isAssignableFrom(found)) {
            throw new TwoStepException("The " + what + " does not implement " + type.getName());
        }
        if (!Modifier.isPublic(found.getModifiers()) || Modifier.isAbstract(found.getModifiers())) {
            throw new TwoStepException("The " + what + " must be a public, non-abstract class");
        }
        try {
            return found.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new TwoStepException("The " + what + " has no public no-argument constructor", e);
        }
    }

    private static Class<?> find(String name, String what, boolean initialize) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = Extensions.class.getClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, initialize, loader);
            } catch (ClassNotFoundException e) {
                // not visible to this loader: try the next one
            } catch (LinkageError e) {
                throw new TwoStepException("The " + what + " cannot be loaded: " + e, e);
            }
        }
        throw new TwoStepException("The " + what + " is not on the classpath");
    }
}
