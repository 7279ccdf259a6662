package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing a writer starts outlives clobber, however it detaches and however clobber ends: a child
 * started with setsid and a double-forked one after a normal end; a writer that never reads stdin
 * again after SIGKILL of clobber, under the processes driver and under strace (powerloss); a child
 * a plug-in starts under threads. Each process is found afterwards by a mark in its environment
 * ({@link Marked}), wherever it was reparented.
 */
class NothingOutlivesClobberTest {
    private static final String PYTHON = "python3 " + Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath()
            + " {file} {writer} {count}";

    @TempDir
    Path sandbox;

    private final String mark = UUID.randomUUID().toString();

    @Test
    void aWritersDetachedChildrenEndWithANormalRun() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("detached"));
        String marked = "env " + Marked.VARIABLE + "=" + mark + " ";
        String children = marked + "setsid sleep 300 & (" + marked + "sleep 300 &) ; exec " + PYTHON;
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "1", "--writes", "10", "--writer-cmd", children, "--report", "reports");
        assertEquals(0, p.exit(), p.out() + p.err());
        assertEquals(List.of(), Marked.stillThereAfter(mark, 10), "a writer's setsid or double-forked child outlived clobber");
    }

    @Test
    void aPlugInsChildUnderThreadsEndsWithTheRun() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("plugin"));
        Path scratch = cwd.resolve("scratch");
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", HostilePlugIns.StartsAChild.class.getName(),
                "--writers", "2", "--writes", "5", "--dir", scratch.toString(), "--report", "reports");
        assertEquals(0, p.exit(), p.out() + p.err());
        assertEquals(List.of(), Marked.stillThereAfter(scratch.toAbsolutePath().toString(), 10), "the plug-in's child outlived clobber");
    }

    @Test
    void aWriterThatIgnoresStdinDiesWithASigkilledClobber() throws Exception {
        sigkillMidRun("processes");
    }

    @Test
    void aWriterUnderStraceDiesWithASigkilledClobber() throws Exception {
        sigkillMidRun("powerloss");
    }

    /**
     * An external writer that says ready, takes go, then never reads stdin again; clobber is
     * SIGKILLed once it has gone: its watchdog must end the writer, its children and its tracer.
     */
    private void sigkillMidRun(String driver) throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve(driver));
        Path went = cwd.resolve("went");
        String deaf = "exec env " + Marked.VARIABLE + "=" + mark + " sh -c 'echo ready; read go; : > " + went + "; while :; do sleep 1; done'";
        Process clobber = new ProcessBuilder(ClobberProcess.command(List.of(), "run", "--strategy", "lockfile+atomic-replace",
                "--driver", driver, "--writers", "1", "--writes", "3", "--writer-cmd", deaf, "--stall-after", "60", "--report", "reports"))
                .directory(cwd.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(cwd.resolveSibling(driver + ".err").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (Files.notExists(went) && clobber.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(went), "the writer never got go: " + Files.readString(cwd.resolveSibling(driver + ".err")));
        assertTrue(!Marked.carrying(mark).isEmpty(), "the writer runs");
        Path cgroups = cgroupOf(clobber.pid());
        clobber.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(clobber.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), Marked.stillThereAfter(mark, 15), "a writer outlived a SIGKILLed clobber under " + driver);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (cgroups != null && Files.exists(cgroups) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertTrue(cgroups == null || Files.notExists(cgroups), "the watchdog removes clobber's cgroups: " + cgroups);
    }

    /** Where clobber's JVM {@code pid} keeps its writers' cgroups, if cgroup v2 is here. */
    private static Path cgroupOf(long pid) throws Exception {
        String own = Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream()
                .filter(l -> l.startsWith("0::")).findFirst().orElseThrow().substring(3);
        String mount = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" "))
                .filter(f -> f[2].equals("cgroup2")).map(f -> f[1]).findFirst().orElseThrow();
        return Path.of(mount, own.replaceFirst("^/", ""), "clobber-" + pid);
    }
}
