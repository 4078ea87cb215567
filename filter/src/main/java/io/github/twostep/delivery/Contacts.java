package io.github.twostep.delivery;


/**
 * Where a user can be reached. {@link #toString()} shows both contacts masked.
 *
 * @param email the email address; null: none known
 * @param phone the phone number; null: none known
 */
public record Contacts(String email, String phone) {
    private static final Contacts NONE = new Contacts(null, null);

    /** Blank values count as none. */
    public Contacts {
        email = blankToNull(email);
        phone = blankToNull(phone);
    }

    /** No contact at all: the user is unknown or has none. */
    public static Contacts none() {
        return NONE;
    }

    /** The contact for {@code channel}: the email address for email, the phone number otherwise; null: none. */
    public String contactFor(Channel channel) {
        return channel == Channel.EMAIL ? email : phone;
    }

    @Override
    public String toString() {
        return "Contacts[email=" + (email == null ? "null" : ContactMask.email(email)) + ", phone="
                + (phone == null ? "null" : ContactMask.phone(phone)) + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
