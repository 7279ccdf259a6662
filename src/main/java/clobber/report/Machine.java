package clobber.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where figures were measured: they mean little without it. */
public record Machine(int cores, String cpu, String os, String arch, String jdk, String filesystem) {

    /** This machine, with the filesystem type of {@code scratch}, where the runs' files live. */
    public static Machine here(Path scratch) {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                filesystem(scratch));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String filesystem(Path scratch) {
        try {
            return Files.getFileStore(scratch).type();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return cores + " cores (" + cpu + "), " + os + " " + arch + ", JDK " + jdk + ", scratch on " + filesystem;
    }
}
