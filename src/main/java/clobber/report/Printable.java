package clobber.report;

/**
 * Text from outside clobber (a plug-in's name, a writer's stderr, the command line) made safe for
 * where it is printed. A terminal obeys escape sequences, so a name holding ESC[2J would clear the
 * screen of whoever runs the gate; Markdown turns {@code |} into a new table column and
 * {@code *x*} into emphasis; XML 1.0 has no way to write most control characters at all, and one
 * of them makes junit.xml unreadable to every CI server.
 */
final class Printable {
    private Printable() {}

    /** One line for a terminal: every control character (ESC, CR, LF, ...) shown as {@code \x1b}, never obeyed. */
    static String line(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** For a Markdown table cell: one line, with every character Markdown would act on escaped. */
    static String markdown(String text) {
        StringBuilder out = new StringBuilder();
        line(text).codePoints().forEach(c -> {
            if ("\\`*_{}[]<>()#+-.!|~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    /**
     * For XML 1.0 text and attributes: characters XML cannot carry (control characters other than
     * tab, newline and carriage return; U+FFFE, U+FFFF; halves of a surrogate pair) become U+FFFD.
     */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
