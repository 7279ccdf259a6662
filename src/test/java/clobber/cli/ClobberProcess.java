package clobber.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs clobber as a user does, in a JVM of its own, and captures its exit code and output. */
record ClobberProcess(int exit, String out, String err) {

    static ClobberProcess run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = command(List.of(), args);
        Path out = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".out");
        Path err = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".err");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("clobber did not finish: " + command);
        }
        return new ClobberProcess(process.exitValue(),
                java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The command line of a clobber JVM with {@code jvmOptions} (e.g. a -D test hook) and {@code args}. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Clobber.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
