package clobber.driver.process;

import clobber.driver.UpdateCommand;
import clobber.os.JavaCommand;
import clobber.os.NativeProcess;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * clobber's own writer around a command that knows nothing of clobber ({@code --update-cmd}): it
 * speaks the line protocol of external writers for it, and runs the command once per update.
 * <pre>
 *   java ... clobber.driver.process.UpdateLauncher WRITER COUNT FILE TEMPLATE
 * </pre>
 * It prints {@code ready}, waits for {@code go}, then for each update runs
 * {@code /bin/sh -c LINE} ({@link UpdateCommand#line}) with stdin from /dev/null and stdout
 * discarded (only the protocol may reach clobber), and prints {@code ack SEQ} when the command
 * exits 0, or {@code gave-up SEQ WHY} quoting its exit code and the lines of its stderr that say
 * why ({@link ErrorLines}): a tool's failure is a failed update, given up, never a retry. The
 * command's stderr also goes to this writer's stderr file. Then {@code done}.
 *
 * <p>It is a JVM of clobber's own jar (a Java start-up takes about 40 ms here), so it is on every
 * machine clobber runs on, and its children are the tool's processes: strace -f follows them,
 * and they are in the writer's process group, which clobber kills at the end of a run. End of
 * file on stdin means clobber is gone: the launcher kills its group, the tool's processes too.
 */
public final class UpdateLauncher {
    private UpdateLauncher() {}

    /** The command that runs writer {@code writer}'s {@code count} updates of {@code command} on {@code file}. */
    static List<String> command(UpdateCommand command, String file, int writer, int count) {
        return JavaCommand.of(JavaCommand.shortLived("-Xmx64m"),
                null, UpdateLauncher.class.getName(), List.of(Integer.toString(writer), Integer.toString(count), file, command.template()));
    }

    public static void main(String[] args) throws Exception {
        int writer = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        String file = args[2];
        UpdateCommand command = new UpdateCommand(args[3]);
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        protocol.println(new WriterMessage.Ready().format());
        if (!"go".equals(in.readLine())) {
            System.exit(1);
        }
        Thread.ofPlatform().daemon().name("lifeline").start(() -> {
            try {
                while (in.readLine() != null) {
                    // nothing more is said after go; only the end of the pipe matters
                }
                NativeProcess.killOwnGroup();
            } catch (IOException e) {
                Runtime.getRuntime().halt(1);
            }
        });
        for (int seq = 0; seq < count; seq++) {
            Process update = new ProcessBuilder("/bin/sh", "-c", command.line(file, writer, seq))
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] stderr = update.getErrorStream().readAllBytes();
            int exit = update.waitFor();
            System.err.write(stderr);
            System.err.flush();
            String said = ErrorLines.of(new String(stderr, StandardCharsets.UTF_8));
            protocol.println((exit == 0 ? new WriterMessage.Ack(seq)
                    : new WriterMessage.GaveUp(seq, "exit " + exit + (said.isEmpty() ? "" : ": " + said))).format());
        }
        protocol.println(new WriterMessage.Done().format());
    }
}
