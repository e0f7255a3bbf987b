package io.ruche.platform;

/**
 * What text members may send, as patterns for Bean Validation's {@code @Pattern}: NUL and other control
 * characters have no place in forum text (they break logs, exports, mail headers and some browsers), so they are
 * refused at the boundary with a message, never stored.
 */
public final class TextRules {

    /** Titles, names: one line, no control character at all. */
    public static final String SINGLE_LINE = "[^\\p{Cntrl}\\u2028\\u2029]*";
    /** Bodies and bios: line breaks and tabs allowed, no other control character. */
    public static final String MULTI_LINE = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    public static final String MESSAGE = "validation.controlCharacters";

    private TextRules() {
    }

    /** For paths and other values read outside Bean Validation. */
    public static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }
}
