package io.github.twostep.internal.delivery;

import io.github.twostep.delivery.ContactResolver;
import io.github.twostep.internal.Extensions;

/** Creates the application's {@link ContactResolver} named in the settings. */
public final class ContactResolvers {
    private ContactResolvers() {
    }

    /**
     * A new instance of {@code className} (settings {@code contacts.resolver}, without the
     * {@code class:} prefix).
     *
     * @throws io.github.twostep.TwoStepException when the class is missing, does not implement
     *         {@link ContactResolver}, has no public no-argument constructor, or its constructor fails
     */
    public static ContactResolver load(String className) {
        return Extensions.create(className, ContactResolver.class);
    }
}
