package io.github.twostep.otp;

/** The symbols a generated one-time code is made of. Canonical (normalised) codes are upper case. */
public enum CodeAlphabet {
    /** {@code 0}–{@code 9}: message codes typed on a phone's number pad. */
    DIGITS("0123456789"),
    /**
     * Upper-case letters without look-alikes: no I and L (1), no O (0). Used for letter message
     * codes, emergency codes and (shown in lower case) backup codes.
     */
    LETTERS("ABCDEFGHJKMNPQRSTUVWXYZ");

    private final String symbols;

    CodeAlphabet(String symbols) {
        this.symbols = symbols;
    }

    /** Every symbol, each once. */
    public String symbols() {
        return symbols;
    }

    /** Number of symbols. */
    public int size() {
        return symbols.length();
    }

    /** Whether a canonical code uses only this alphabet's symbols. */
    public boolean accepts(String canonicalCode) {
        for (int i = 0; i < canonicalCode.length(); i++) {
            if (symbols.indexOf(canonicalCode.charAt(i)) < 0) {
                return false;
            }
        }
        return !canonicalCode.isEmpty();
    }
}
