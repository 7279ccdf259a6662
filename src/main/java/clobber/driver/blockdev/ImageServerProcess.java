package clobber.driver.blockdev;

import clobber.os.JavaCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The owner's end of an {@link ImageServer}: starts it (a small JVM of the same class path),
 * waits until its FUSE file system is mounted, and sends it commands. A command's reply comes
 * once the server has done it, under the lock that orders the block log, so a mark returned
 * here stands after every block write the server answered before.
 *
 * <p>The server runs in a mount namespace of its own, a copy of its owner's taken before any
 * file system is mounted on its device, and its FUSE mount is made there; the owner opens the
 * image through {@code /proc/PID/root}. Whichever process of a mount namespace exits last
 * unmounts what is left in it, and the kernel runs that unmount before it closes the exiting
 * process's files: were the file system on the device mounted in the server's namespace, a
 * server that outlived the rest would unmount it on its way out, and the unmount's flush would
 * wait for an answer from the server itself, forever (its {@code /dev/fuse} still open). In a
 * namespace of its own, the server's exit unmounts nothing that needs it; the file system
 * goes with its own namespace, answered by a live server or failed at once by a dead one's
 * closed connection.
 */
final class ImageServerProcess implements AutoCloseable {
    private final Process process;
    private final Path mountPoint;
    private final Writer commands;
    private final BufferedReader replies;
    private final Path stderr;

    private ImageServerProcess(Process process, Path mountPoint, Path stderr) {
        this.process = process;
        this.mountPoint = mountPoint;
        this.stderr = stderr;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a server of {@code image} mounted at {@code mountPoint}; its stderr goes to {@code stderr}. */
    static ImageServerProcess start(Path image, Path mountPoint, Path stderr) throws IOException {
        // A short-lived JVM, whose work is a loop of system calls; with no perf data file, so no
        // warning about one goes to stdout, where the server's replies are.
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--"));
        command.addAll(JavaCommand.of(JavaCommand.shortLived("-Xms16m", "-Xmx128m"),
                null, ImageServer.class.getName(), List.of(image.toString(), mountPoint.toString())));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        ImageServerProcess server = new ImageServerProcess(process, mountPoint, stderr);
        try {
            server.reply("start");
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The served image, as the owner reaches it: through the server's own mount namespace. */
    Path image() {
        return Path.of("/proc", Long.toString(process.pid()), "root").resolve(Path.of("/").relativize(mountPoint.toAbsolutePath()))
                .resolve(FuseProtocol.IMAGE_NAME);
    }

    void startRecording(Path directory) throws IOException {
        command("start " + directory);
    }

    /** Puts a mark in the log; its number. */
    int mark() throws IOException {
        return Math.toIntExact(command("mark"));
    }

    /** Ends the recording; how many marks it holds. */
    int stopRecording() throws IOException {
        return Math.toIntExact(command("stop"));
    }

    void fail(FaultPlan plan) throws IOException {
        command("fail " + plan.from() + " " + plan.to() + " " + plan.skip() + " " + plan.count() + " " + plan.outside());
    }

    void heal() throws IOException {
        command("heal");
    }

    private synchronized long command(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
        return reply(line);
    }

    private long reply(String command) throws IOException {
        String reply = replies.readLine();
        if (reply == null) {
            throw new IOException("the image server ended (" + command + "): " + stderrTail());
        }
        if (!reply.startsWith("ok ")) {
            throw new IOException("the image server refused " + command + ": " + reply.substring(reply.indexOf(' ') + 1));
        }
        return Long.parseLong(reply.substring(3));
    }

    private String stderrTail() {
        try {
            String text = Files.readString(stderr).strip();
            return text.isEmpty() ? "no message" : text.substring(Math.max(0, text.length() - 2000)).replace('\n', ' ');
        } catch (IOException e) {
            return "no message";
        }
    }

    /** Waits for the server to exit (it does once unmounted), then ends it if it has not. */
    @Override
    public void close() {
        try {
            commands.close(); // end of file: the server exits
        } catch (IOException gone) {
            // already exited
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
