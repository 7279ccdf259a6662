package clobber.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A system tool run to its end ({@code ip}, {@code mount}, {@code gluster}): its stdout, or an
 * {@link IOException} that quotes the command and its stderr. Each is bounded in time: a tool
 * that hangs (a mount whose server is gone) is killed rather than waited for.
 */
public final class SystemCommand {
    private static final long TIMEOUT_SECONDS = 60;

    private SystemCommand() {}

    /** A command that ran and exited with a failure; {@link #stderr} is what it said. */
    public static final class Failed extends IOException {
        private final String stderr;

        Failed(String message, String stderr) {
            super(message);
            this.stderr = stderr;
        }

        public String stderr() {
            return stderr;
        }
    }

    /** Runs {@code command}; its stdout, if it exits 0. */
    public static String run(List<String> command) throws IOException {
        return new String(output(command), StandardCharsets.UTF_8);
    }

    /** Runs {@code command}; its stdout as bytes, if it exits 0 (a file's content, which need not be text). */
    public static byte[] output(List<String> command) throws IOException {
        // Both outputs go to files, not pipes: a tool that starts a daemon (glusterd, mount's FUSE
        // client) may leave it holding the tool's stdout, and a pipe would never reach end of file.
        Path out = Files.createTempFile("clobber-cmd-", ".stdout");
        Path err = Files.createTempFile("clobber-cmd-", ".stderr");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": still running after " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String why = Files.readString(err, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                throw new Failed(String.join(" ", command) + ": exit " + process.exitValue() + (why.isEmpty() ? "" : ": " + why), why);
            }
            return Files.readAllBytes(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code command} for its effect, ignoring failure: for undoing things that may already be undone. */
    public static void quietly(List<String> command) {
        try {
            run(command);
        } catch (IOException ignored) {
            // already gone, or never made
        }
    }

    /** {@code word} as one word of a POSIX shell command line, whatever it holds. */
    public static String shellWord(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Whether {@code program} is on the PATH. */
    public static boolean exists(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }
}
