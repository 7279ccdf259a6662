package clobber.driver.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One system call as a strace line shows it (run with {@code -y -xx}): when it entered the kernel
 * ({@code at}, Unix nanoseconds), which traced writer made it ({@code who}, its trace file) and in
 * which task ({@code pid}: strace -f names threads by their own ids), its place in that trace
 * ({@code order}), its name, its top-level arguments as strace printed them, its result and, where
 * the result is a descriptor, the path strace gave it. {@link #GONE} marks a task's end ("+++
 * exited with 0 +++", "+++ killed by SIGKILL +++"), which closes what it held open.
 *
 * <p>{@code -xx} prints every byte of a string or a path as {@code \xHH}, so no argument holds a
 * raw quote, comma or bracket of the file's own: the argument splitter can trust them.
 */
public record Call(long at, String who, int pid, int order, String name, List<String> args, long result, String resultPath) {

    /** The name of the pseudo-call that ends a task. */
    public static final String GONE = "+++";

    /** The result of a call whose end strace never saw (its task was killed in it): it did nothing we can know. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    public Call {
        args = List.copyOf(args);
    }

    public boolean failed() {
        return result < 0;
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    /** The descriptor number of argument {@code i} ({@code 3</path>} gives 3; {@code AT_FDCWD} gives -100). */
    public int fd(int i) {
        String arg = arg(i);
        if (arg.startsWith("AT_FDCWD")) {
            return -100;
        }
        int end = 0;
        while (end < arg.length() && (Character.isDigit(arg.charAt(end)) || end == 0 && arg.charAt(0) == '-')) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(arg.substring(0, end));
    }

    /** The path strace gave descriptor argument {@code i} ({@code 3</d/data.json>}), or null. */
    public String fdPath(int i) {
        return bracketed(arg(i));
    }

    /** A quoted string argument's bytes, one ISO-8859-1 character per byte. */
    public String string(int i) {
        String arg = arg(i);
        int open = arg.indexOf('"');
        int close = arg.lastIndexOf('"');
        return open < 0 || close <= open ? "" : unescape(arg.substring(open + 1, close));
    }

    /** The bytes of a string argument. */
    public byte[] bytes(int i) {
        return string(i).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes of an iovec array argument ({@code [{iov_base="...", iov_len=2}, ...]}), in order. */
    public byte[] iovecBytes(int i) {
        StringBuilder all = new StringBuilder();
        String arg = arg(i);
        int from = 0;
        while ((from = arg.indexOf("iov_base=\"", from)) >= 0) {
            int start = from + "iov_base=\"".length();
            int end = arg.indexOf('"', start);
            all.append(unescape(arg.substring(start, end)));
            from = end + 1;
        }
        return all.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The value of field {@code field} in a struct argument ({@code {l_type=F_WRLCK, l_start=0}}), or null. */
    public String field(int i, String field) {
        for (String part : split(strip(arg(i), '{', '}'))) {
            if (part.startsWith(field + "=")) {
                return part.substring(field.length() + 1);
            }
        }
        return null;
    }

    /** What a descriptor's path, or the directory of {@code AT_FDCWD}, is: the text inside its angle brackets, unescaped. */
    static String bracketed(String arg) {
        int open = arg.indexOf('<');
        int close = arg.lastIndexOf('>');
        return open < 0 || close <= open ? null : unescape(arg.substring(open + 1, close));
    }

    /** Whether a descriptor argument names a file that has no name any more ({@code 3</x>(deleted)}). */
    public boolean fdDeleted(int i) {
        return arg(i).endsWith("(deleted)");
    }

    private static String strip(String text, char open, char close) {
        String t = text.strip();
        return t.length() >= 2 && t.charAt(0) == open && t.charAt(t.length() - 1) == close ? t.substring(1, t.length() - 1) : t;
    }

    /** Splits at the commas that are outside quotes, angle brackets, braces and square brackets. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '<' || c == '{' || c == '[')) {
                depth++;
            } else if (!quoted && (c == '>' || c == '}' || c == ']')) {
                depth--;
            }
            if (c == ',' && !quoted && depth == 0) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().strip());
        }
        return parts;
    }

    /** strace -xx text: every byte as \xHH, kept as ISO-8859-1 characters, one per byte. */
    static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 4 <= text.length() && text.charAt(i + 1) == 'x') {
                bytes.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** The call in short, for a finding: {@code flock(3, LOCK_UN)}, its descriptor by number. */
    public String brief() {
        List<String> shown = new ArrayList<>();
        for (String arg : args) {
            int bracket = arg.indexOf('<');
            String plain = bracket > 0 ? arg.substring(0, bracket) : arg;
            if (plain.startsWith("\"")) {
                String text = Call.unescape(plain.substring(1, Math.max(1, plain.lastIndexOf('"'))));
                plain = "\"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
            }
            shown.add(plain);
        }
        return name + "(" + String.join(", ", shown) + ")";
    }
}
