package io.github.twostep.internal.logging;

/**
 * Finds out once whether SLF4J is there and bound to a provider. Touches SLF4J's classes only
 * through {@link Slf4jLog}, so TwoStep loads where slf4j-api is missing altogether.
 */
final class Slf4jProbe {
    private Slf4jProbe() {
    }

    static boolean providerBound() {
        try {
            Class.forName("org.slf4j.LoggerFactory", false, Slf4jProbe.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
        try {
            return Slf4jLog.providerBound();
        } catch (LinkageError incompatible) {
            return false;
        }
    }
}
