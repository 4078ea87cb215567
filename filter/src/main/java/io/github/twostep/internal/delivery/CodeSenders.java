package io.github.twostep.internal.delivery;

import io.github.twostep.delivery.CodeSender;
import io.github.twostep.internal.Extensions;

/** Creates the application's SMS and call senders named in the settings. */
public final class CodeSenders {
    private CodeSenders() {
    }

    /**
     * A new instance of {@code className} (settings {@code delivery.sms} or
     * {@code delivery.call}, without the {@code class:} prefix).
     *
     * @throws io.github.twostep.TwoStepException when the class is missing, does not implement
     *         {@link CodeSender}, has no public no-argument constructor, or its constructor fails
     */
    public static CodeSender load(String className) {
        return Extensions.create(className, CodeSender.class);
    }
}
