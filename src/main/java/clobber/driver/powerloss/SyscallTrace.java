package clobber.driver.powerloss;

import clobber.driver.process.WriterMessage;

import java.io.ByteArrayOutputStream;
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
 * What writers in any language did to the run's directory, recorded by strace(1) from outside
 * the process: each writer process runs under {@link #command}, which writes one trace file; the
 * file-system calls on the directory and the writers' acknowledgements (their protocol lines on
 * stdout) are read back ({@link #operations}) in one total order, by the timestamp strace takes
 * as each call enters the kernel. Writers hold their lock across each update, so that order is
 * the order in which the kernel saw their calls.
 *
 * <p>The model of a file's position: reads are not traced (their bytes would fill the trace), so
 * a write goes at the position the last open, lseek or write left; every writer clobber knows
 * seeks before it rewrites a file it read, and writes new files from the start.
 */
final class SyscallTrace {
    /** The calls kept: those that change a directory or a file's bytes, or make them durable; writes to stdout carry acks. */
    static final String CALLS = "open,openat,creat,write,pwrite64,lseek,ftruncate,truncate,fsync,fdatasync,"
            + "rename,renameat,renameat2,unlink,unlinkat";

    private static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(\\d+)\\.(\\d+)\\s+(.*)$");
    private static final Pattern CALL = Pattern.compile("^(\\w+)\\((.*)\\)\\s+=\\s+(-?\\d+)(?:<([^>]*)>)?.*$");

    private final Path directory;
    private final Path traces;

    /** Traces of writers on {@code directory}, one file each under {@code traces}. */
    SyscallTrace(Path directory, Path traces) {
        this.directory = directory.toAbsolutePath().normalize();
        this.traces = traces;
    }

    /** {@code command} run under strace, its calls written to the trace of {@code who}. */
    List<String> command(String who, List<String> command) {
        List<String> traced = new ArrayList<>(List.of("strace", "-f", "-qq", "--seccomp-bpf", "-y", "-xx", "-s", "16777216",
                "-e", "trace=" + CALLS, "-e", "signal=none", "--absolute-timestamps=format:unix,precision:ns",
                "-o", traces.resolve(who + ".trace").toString()));
        traced.addAll(command);
        return traced;
    }

    /** Whether strace can be run here. */
    static boolean available() {
        try {
            return new ProcessBuilder("strace", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A call, as one trace line shows it: when, in which process, and its arguments. */
    private record Call(long at, String who, int order, String name, List<String> args, long result, String resultPath) {}

    /**
     * The operations on the directory and the acknowledgements, in the order they happened, with
     * the files named by inode; {@code existing} are the files the directory held before the run.
     */
    List<FsOp> operations(List<String> existing) throws IOException {
        List<Call> calls = new ArrayList<>();
        try (var files = Files.list(traces)) {
            for (Path trace : files.filter(f -> f.toString().endsWith(".trace")).sorted().toList()) {
                String who = trace.getFileName().toString().replace(".trace", "");
                calls.addAll(calls(who, Files.readAllLines(trace, StandardCharsets.ISO_8859_1)));
            }
        }
        calls.sort(Comparator.comparingLong(Call::at).thenComparing(Call::who).thenComparingInt(Call::order));
        return resolve(calls, existing);
    }

    /** The complete calls of one trace file, in its order, an interrupted call joined to its resumption. */
    private static List<Call> calls(String who, List<String> lines) {
        List<Call> calls = new ArrayList<>();
        Map<String, String[]> unfinished = new HashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String pid = m.group(1);
            long at = Long.parseLong(m.group(2)) * 1_000_000_000L + Long.parseLong((m.group(3) + "000000000").substring(0, 9));
            String text = m.group(4);
            if (text.endsWith("<unfinished ...>")) {
                unfinished.put(pid, new String[] {Long.toString(at), text.substring(0, text.length() - "<unfinished ...>".length()).strip()});
                continue;
            }
            if (text.startsWith("<... ")) {
                String[] start = unfinished.remove(pid);
                if (start == null) {
                    continue;
                }
                at = Long.parseLong(start[0]);
                text = start[1] + text.substring(text.indexOf("resumed>") + "resumed>".length());
            }
            Matcher call = CALL.matcher(text);
            if (call.matches()) {
                calls.add(new Call(at, who, calls.size(), call.group(1), arguments(call.group(2)),
                        Long.parseLong(call.group(3)), call.group(4) == null ? null : unescape(call.group(4))));
            }
        }
        return calls;
    }

    /** The top-level arguments of a call, strings and paths unescaped ({@code 3<\x2f...>} becomes its path). */
    private static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && angle == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>') {
                angle--;
            }
            if (c == ',' && !quoted && angle == 0) {
                args.add(argument(current.toString().strip()));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            args.add(argument(current.toString().strip()));
        }
        return args;
    }

    private static String argument(String arg) {
        if (arg.startsWith("\"")) {
            return unescape(arg.substring(1, arg.lastIndexOf('"')));
        }
        int open = arg.indexOf('<');
        if (open >= 0 && arg.endsWith(">")) {
            return unescape(arg.substring(open + 1, arg.length() - 1)); // an fd: the path it names
        }
        return arg;
    }

    /** strace -xx text: every byte as \xHH. Kept as ISO-8859-1 characters, one per byte. */
    private static String unescape(String text) {
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

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Replays the calls over a namespace of names and inodes, keeping those on the directory. */
    private List<FsOp> resolve(List<Call> calls, List<String> existing) {
        Map<String, Integer> names = new HashMap<>();
        int[] inodes = {0};
        existing.forEach(name -> names.put(name, inodes[0]++));
        Map<String, Long> positions = new HashMap<>(); // by "who fd-path"
        Map<String, StringBuilder> stdout = new HashMap<>();
        List<FsOp> ops = new ArrayList<>();
        for (Call c : calls) {
            if (c.result() < 0) {
                continue; // failed calls change nothing
            }
            switch (c.name()) {
                case "open", "openat", "creat" -> {
                    String path = c.resultPath();
                    String name = nameIn(path);
                    if (name == null) {
                        continue;
                    }
                    String flags = c.name().equals("creat") ? "O_CREAT|O_TRUNC" : c.args().get(c.name().equals("openat") ? 2 : 1);
                    if (flags.contains("O_DIRECTORY")) {
                        continue;
                    }
                    positions.put(c.who() + " " + path, 0L);
                    if (!names.containsKey(name) && flags.contains("O_CREAT")) {
                        names.put(name, inodes[0]);
                        ops.add(new FsOp.Create(c.who(), name, inodes[0]++));
                    } else if (flags.contains("O_TRUNC") && names.containsKey(name)) {
                        ops.add(new FsOp.Truncate(c.who(), names.get(name), 0));
                    }
                }
                case "write", "pwrite64" -> {
                    String path = c.args().get(0);
                    byte[] data = raw(c.args().get(1));
                    if ("1".equals(c.args().get(0)) || path.startsWith("pipe:") && !path.contains("/")) {
                        acks(c, data, stdout, ops);
                        continue;
                    }
                    String name = nameIn(path);
                    if (name == null || !names.containsKey(name)) {
                        if (path.startsWith("pipe:")) {
                            acks(c, data, stdout, ops);
                        }
                        continue;
                    }
                    String key = c.who() + " " + path;
                    long at = c.name().equals("pwrite64") ? Long.parseLong(c.args().get(3)) : positions.getOrDefault(key, 0L);
                    byte[] written = java.util.Arrays.copyOf(data, (int) c.result());
                    ops.add(new FsOp.Write(c.who(), names.get(name), at, written));
                    if (c.name().equals("write")) {
                        positions.put(key, at + c.result());
                    }
                }
                case "lseek" -> positions.put(c.who() + " " + c.args().get(0), c.result());
                case "ftruncate", "truncate" -> {
                    String name = nameIn(c.args().get(0));
                    if (name != null && names.containsKey(name)) {
                        ops.add(new FsOp.Truncate(c.who(), names.get(name), Long.parseLong(c.args().get(1))));
                    }
                }
                case "fsync", "fdatasync" -> {
                    Path path = Path.of(c.args().get(0)).toAbsolutePath().normalize();
                    if (path.equals(directory)) {
                        ops.add(new FsOp.SyncDirectory(c.who()));
                    } else {
                        String name = nameIn(c.args().get(0));
                        if (name != null && names.containsKey(name)) {
                            ops.add(new FsOp.SyncFile(c.who(), names.get(name)));
                        }
                    }
                }
                case "rename", "renameat", "renameat2" -> {
                    boolean at = !c.name().equals("rename");
                    String from = nameIn(path(c.args(), at ? 0 : -1, at ? 1 : 0));
                    String to = nameIn(path(c.args(), at ? 2 : -1, at ? 3 : 1));
                    if (from != null && to != null && names.containsKey(from)) {
                        int inode = names.remove(from);
                        names.put(to, inode);
                        ops.add(new FsOp.Rename(c.who(), from, to, inode));
                    }
                }
                case "unlink", "unlinkat" -> {
                    boolean at = c.name().equals("unlinkat");
                    String name = nameIn(path(c.args(), at ? 0 : -1, at ? 1 : 0));
                    if (name != null && names.remove(name) != null) {
                        ops.add(new FsOp.Unlink(c.who(), name));
                    }
                }
                default -> { }
            }
        }
        return ops;
    }

    /** The path a call names: absolute as given, else relative to its directory argument (or to the run's directory). */
    private String path(List<String> args, int dirArg, int nameArg) {
        String name = args.get(nameArg);
        if (name.startsWith("/")) {
            return name;
        }
        String base = dirArg >= 0 ? args.get(dirArg) : directory.toString();
        return Path.of(base.startsWith("/") ? base : directory.toString()).resolve(name).toString();
    }

    /** The file name of {@code path} if it is an entry of the run's directory itself, else null. */
    private String nameIn(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        Path p = Path.of(path).normalize();
        return directory.equals(p.getParent()) ? p.getFileName().toString() : null;
    }

    /**
     * Protocol lines on a writer's stdout: a worker's acknowledged finished update, or an external
     * writer's ack. Lines are gathered per pipe: a writer's other pipes (a JVM's pipe to its
     * process spawn helper, a shell pipeline's jq to sponge) carry bytes that must not run into
     * the protocol's lines.
     */
    private static void acks(Call c, byte[] data, Map<String, StringBuilder> stdout, List<FsOp> ops) {
        StringBuilder pending = stdout.computeIfAbsent(c.who() + " " + c.args().get(0), k -> new StringBuilder());
        pending.append(new String(data, StandardCharsets.UTF_8));
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline);
            pending.delete(0, newline + 1);
            try {
                switch (WriterMessage.parse(line)) {
                    case WriterMessage.Finished f when f.update().acknowledged() -> ops.add(new FsOp.Ack(c.who(), f.update().writer(), f.update().seq()));
                    case WriterMessage.Ack a -> ops.add(new FsOp.Ack(c.who(), writerOf(c.who()), a.seq()));
                    default -> { }
                }
            } catch (IllegalArgumentException notProtocol) {
                // anything else a writer prints is its own business
            }
        }
    }

    /** The writer number in a trace named {@code W<n>}; a worker's acks name their writers themselves. */
    private static int writerOf(String who) {
        return who.startsWith("W") ? Integer.parseInt(who.substring(1)) : -1;
    }
}
