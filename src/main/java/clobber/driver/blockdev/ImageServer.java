package clobber.driver.blockdev;

import clobber.os.Descriptor;
import clobber.os.Mounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image server's process: {@code ImageServer IMAGE MOUNT_POINT} mounts a FUSE file system at
 * MOUNT_POINT whose one file, {@code image}, is IMAGE, serves it on one thread, and takes
 * commands on stdin, one line each, answered on stdout with {@code ok N} or {@code error WHY}
 * ({@link ImageServerProcess} is the other end).
 *
 * <p>Why a process of its own: a process that serves a FUSE file system must not also do I/O on
 * it. If it were clobber's own JVM, a SIGKILL would find some thread asleep in the kernel waiting
 * for a block write the server thread will never answer; that thread cannot exit, so the
 * process never closes {@code /dev/fuse}, so the kernel never aborts the connection: a hang no
 * signal ends (the FUSE documentation's "deadlock" case,
 * <a href="https://docs.kernel.org/filesystems/fuse.html">docs.kernel.org/filesystems/fuse</a>).
 * Served from here, requests keep being answered until every other process is gone.
 *
 * <p>End of file on stdin means its owner is gone: the server exits, and closing
 * {@code /dev/fuse} aborts the connection, so no request can wait for it.
 */
public final class ImageServer {
    private ImageServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ImageServer IMAGE MOUNT_POINT");
            System.exit(2);
        }
        Path imagePath = Path.of(args[0]);
        Path mountPoint = Path.of(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Descriptor image = Descriptor.openReadWrite(imagePath);
        RecordingDisk disk = new RecordingDisk(image, Files.size(imagePath));
        Descriptor fuse = Descriptor.openReadWrite(Path.of("/dev/fuse"));
        // "fuse.clobber": type fuse, subtype clobber, so /proc/mounts names whose mount it is.
        Mounts.mount("clobber-image", mountPoint, "fuse.clobber", Mounts.MS_NOSUID | Mounts.MS_NODEV,
                "fd=" + fuse.number() + ",rootmode=40000,user_id=0,group_id=0");
        Thread serving = new Thread(() -> {
            try {
                new FuseServer(fuse, disk).serve();
                Runtime.getRuntime().halt(0); // unmounted: nothing left to serve
            } catch (Throwable t) {
                t.printStackTrace();
                Runtime.getRuntime().halt(1);
            }
        }, "fuse");
        serving.start();
        out.println("ok 0");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            try {
                out.println("ok " + command(disk, line.split(" ")));
            } catch (IOException | RuntimeException e) {
                out.println("error " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private static long command(RecordingDisk disk, String[] words) throws IOException {
        return switch (words[0]) {
            case "start" -> {
                disk.startRecording(Path.of(words[1]));
                yield 0;
            }
            case "mark" -> disk.mark();
            case "stop" -> disk.stopRecording();
            case "fail" -> {
                disk.fail(new FaultPlan(Long.parseLong(words[1]), Long.parseLong(words[2]),
                        Long.parseLong(words[3]), Long.parseLong(words[4]), Boolean.parseBoolean(words[5])));
                yield 0;
            }
            case "heal" -> {
                disk.heal();
                yield 0;
            }
            default -> throw new IllegalArgumentException("unknown command " + words[0]);
        };
    }
}
