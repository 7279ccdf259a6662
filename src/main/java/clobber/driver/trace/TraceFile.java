package clobber.driver.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls of strace's output ({@code -f -y -xx --absolute-timestamps=format:unix,precision:ns}),
 * one trace file per writer, read back as {@link Call}s: a call another task interrupted
 * ({@code <unfinished ...>}) joined to its resumption and dated by its entry, a task's end kept as
 * {@link Call#GONE}, signals and anything else dropped.
 */
public final class TraceFile {
    private TraceFile() {}

    private static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(\\d+)\\.(\\d+)\\s+(.*)$");
    private static final Pattern CALL = Pattern.compile("^(\\w+)\\((.*)\\)\\s+=\\s+(-?\\d+|0x[0-9a-f]+|\\?)(.*)$");
    private static final String UNFINISHED = "<unfinished ...>";

    /** The calls of every {@code *.trace} file under {@code directory}, each named by its file, in the order they entered the kernel. */
    public static List<Call> merged(Path directory) throws IOException {
        List<Call> calls = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path trace : files.filter(f -> f.toString().endsWith(".trace")).sorted().toList()) {
                String who = trace.getFileName().toString().replaceAll("\\.trace$", "");
                calls.addAll(calls(who, Files.readAllLines(trace, StandardCharsets.ISO_8859_1)));
            }
        }
        calls.sort(Comparator.comparingLong(Call::at).thenComparing(Call::who).thenComparingInt(Call::order));
        return calls;
    }

    /** The calls of one trace, in its order. */
    public static List<Call> calls(String who, List<String> lines) {
        List<Call> calls = new ArrayList<>();
        Map<Integer, Unfinished> unfinished = new HashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int pid = Integer.parseInt(m.group(1));
            long at = Long.parseLong(m.group(2)) * 1_000_000_000L + Long.parseLong((m.group(3) + "000000000").substring(0, 9));
            String text = m.group(4);
            if (text.startsWith("+++ ")) {
                calls.add(new Call(at, who, pid, calls.size(), Call.GONE, List.of(), 0, null));
                continue;
            }
            if (text.endsWith(UNFINISHED)) {
                unfinished.put(pid, new Unfinished(at, text.substring(0, text.length() - UNFINISHED.length()).strip()));
                continue;
            }
            if (text.startsWith("<... ")) {
                Unfinished start = unfinished.remove(pid);
                int resumed = text.indexOf("resumed>");
                if (start == null || resumed < 0) {
                    continue;
                }
                at = start.at();
                text = start.text() + text.substring(resumed + "resumed>".length());
            }
            Call call = parse(at, who, pid, calls.size(), text);
            if (call != null) {
                calls.add(call);
            }
        }
        return calls;
    }

    private record Unfinished(long at, String text) {}

    /** One call's text ({@code name(args) = result<path>...}), or null if it is not one. */
    static Call parse(long at, String who, int pid, int order, String text) {
        Matcher call = CALL.matcher(text);
        if (!call.matches()) {
            return null;
        }
        String value = call.group(3);
        long result = value.equals("?") ? Call.UNKNOWN
                : value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value);
        String rest = call.group(4);
        String resultPath = rest.startsWith("<") ? Call.bracketed(rest) : null;
        return new Call(at, who, pid, order, call.group(1), Call.split(call.group(2)), result, resultPath);
    }
}
