package io.github.twostep.delivery;

/**
 * Shortens a contact so that a page or API answer tells the user where a code went without
 * telling anyone else the whole address: {@code alice@example.com} becomes
 * {@code a***@example.com}, {@code +1 555 0100} becomes {@code +1 ••• ••• 0100}.
 */
final class ContactMask {
    private static final String HIDDEN_DIGITS = "••• •••";
    private static final int VISIBLE_PHONE_DIGITS = 4;

    private ContactMask() {
    }

    /** First character of the local part, {@code ***}, then the domain. */
    static String email(String address) {
        if (address == null) {
            return "";
        }
        String trimmed = address.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return trimmed.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append) + "***" + trimmed.substring(at);
    }

    /** The country code when one is written ({@code +1}), hidden middle digits, the last four. */
    static String phone(String number) {
        if (number == null) {
            return "";
        }
        String trimmed = number.trim();
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (digits.length() <= VISIBLE_PHONE_DIGITS) {
            return HIDDEN_DIGITS;
        }
        String last = digits.substring(digits.length() - VISIBLE_PHONE_DIGITS);
        String country = "";
        if (trimmed.startsWith("+")) {
            String rest = trimmed.substring(1);
            int end = 0;
            while (end < rest.length() && end < 3 && Character.isDigit(rest.charAt(end))) {
                end++;
            }
            if (end > 0 && end < rest.length() && !Character.isDigit(rest.charAt(end))) {
                country = "+" + rest.substring(0, end) + " ";
            }
        }
        return country + HIDDEN_DIGITS + " " + last;
    }
}
