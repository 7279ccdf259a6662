package clobber.driver.process;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a program's stderr that say what went wrong, for a note of one line: its first
 * lines (where a shell or a tool names the failure) and its last lines (where an exception's
 * message lands), at most {@link #FIRST} + {@link #LAST}, each cut to {@link #WIDTH} characters.
 * Lines that only give context are left out: blank lines, indented lines (stack frames in Java,
 * Node and Python, the source lines Python and Node quote under them) and lines with no letter
 * or digit (Node's caret under the failing column). Node ends its report of an uncaught error
 * with a blank line and {@code Node.js v20...}: the last three lines alone would lose the error.
 */
final class ErrorLines {
    static final int FIRST = 2;
    static final int LAST = 3;
    static final int WIDTH = 240;

    private ErrorLines() {}

    /** The telling lines of {@code stderr}, joined by {@code " | "}; empty if it holds none. */
    static String of(String stderr) {
        List<String> lines = stderr.lines().toList();
        List<String> telling = lines.stream().filter(ErrorLines::tells).toList();
        if (telling.isEmpty()) {
            telling = lines.stream().filter(l -> !l.isBlank()).map(String::strip).toList();
        }
        List<String> quoted = new ArrayList<>();
        if (telling.size() <= FIRST + LAST) {
            quoted.addAll(telling);
        } else {
            quoted.addAll(telling.subList(0, FIRST));
            quoted.add("(" + (telling.size() - FIRST - LAST) + " lines left out)");
            quoted.addAll(telling.subList(telling.size() - LAST, telling.size()));
        }
        return String.join(" | ", quoted.stream().map(ErrorLines::cut).toList());
    }

    private static boolean tells(String line) {
        return !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && line.chars().anyMatch(Character::isLetterOrDigit);
    }

    private static String cut(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 3) + "...";
    }
}
