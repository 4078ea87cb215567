package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twostep.TwoStepException;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.ContactResolver;
import io.github.twostep.delivery.Contacts;
import org.junit.jupiter.api.Test;

class ContactsTest {
    @Test
    void toStringWhenBothKnownThenBothMasked() {
        Contacts contacts = new Contacts("bob@example.com", "+1 555 0100");

        assertEquals("Contacts[email=b***@example.com, phone=+1 ••• ••• 0100]", contacts.toString());
    }

    @Test
    void toStringWhenNoneThenNulls() {
        assertEquals("Contacts[email=null, phone=null]", Contacts.none().toString());
    }

    @Test
    void constructWhenBlankOrPaddedThenNullOrStripped() {
        Contacts contacts = new Contacts("  ", " +1 555 0100 ");

        assertNull(contacts.email());
        assertEquals("+1 555 0100", contacts.phone());
    }

    @Test
    void contactForWhenChannelThenEmailOrPhone() {
        Contacts contacts = new Contacts("bob@example.com", "+1 555 0100");

        assertEquals("bob@example.com", contacts.contactFor(Channel.EMAIL));
        assertEquals("+1 555 0100", contacts.contactFor(Channel.SMS));
        assertEquals("+1 555 0100", contacts.contactFor(Channel.CALL));
    }

    @Test
    void loadWhenApplicationResolverThenCreated() {
        ContactResolver resolver = ContactResolvers.load(FixedResolver.class.getName());

        assertInstanceOf(FixedResolver.class, resolver);
        assertEquals("x***@example.com", Channel.EMAIL.masked(resolver.contacts("anyone").email()));
    }

    @Test
    void loadWhenClassIsASenderNotAResolverThenRejected() {
        assertThrows(TwoStepException.class, () -> ContactResolvers.load(CodeSendersTest.RecordingSender.class
                .getName()));
    }

    /** Gives everyone the same address. */
    public static final class FixedResolver implements ContactResolver {
        @Override
        public Contacts contacts(String username) {
            return new Contacts("x@example.com", null);
        }
    }
}
