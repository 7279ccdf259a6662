package clobber.driver.realfs;

import clobber.check.Evidence;
import clobber.driver.RunSpec;
import clobber.driver.Unavailable;
import clobber.driver.blockdev.FsSpec;
import clobber.driver.blockdev.MissingPrerequisite;
import clobber.driver.blockdev.Prerequisites;
import clobber.driver.blockdev.PrivateNamespace;
import clobber.driver.blockdev.RealFs;
import clobber.driver.blockdev.Recording;
import clobber.driver.process.Placement;
import clobber.driver.process.ProcessRun;
import clobber.driver.process.WorkerPool;
import clobber.os.FileTrees;
import clobber.workload.Keys;
import clobber.workload.UpdateId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of writer processes (a worker JVM per writer, and any external writers) on a fresh real
 * file system of its own, recorded from its first block write: the run's files laid out in its
 * directory are moved onto the file system, the device's log is marked at every acknowledgement
 * the moment the run hears it, and after the run the files are copied back, where the judge reads
 * the final state. A fresh file system a run: a fault or a full disk of one run never reaches
 * the next. It is taken down on {@link #close}, once the run's crash states have been judged.
 */
final class RecordedRun implements AutoCloseable {
    /** What a run hears of each update as it ends, besides the mark: for faults armed in step with the writers. */
    @FunctionalInterface
    interface Cue {
        Cue NONE = (fs, finished) -> { };

        /** {@code finished} updates have ended, acknowledged or given up, so far. */
        void at(RealFs fs, long finished) throws IOException;
    }

    private final RealFs fs;
    private final Path workDir;
    private final Path home;
    private final Map<String, UpdateId> marks = new HashMap<>();

    private RecordedRun(RealFs fs, Path workDir, Path home) {
        this.fs = fs;
        this.workDir = workDir;
        this.home = home;
    }

    /** Why a recorded run on a {@code spec} file system cannot be made here, or null. */
    static String unfit(FsSpec spec) {
        try {
            Prerequisites.check(spec.kind());
        } catch (MissingPrerequisite missing) {
            return missing.getMessage();
        }
        if (!PrivateNamespace.inside()) {
            return "real file systems are made inside clobber's private namespace, which the command line sets up (./clobber)";
        }
        return null;
    }

    /** Makes a {@code spec} file system beside the run's directory and moves the run's files onto it. */
    static RecordedRun open(RunSpec spec, FsSpec fsSpec) throws IOException {
        Path home = spec.file().toAbsolutePath().getParent();
        Path workDir = Files.createDirectory(home.resolveSibling(home.getFileName() + "-realfs"));
        RealFs fs;
        try {
            fs = RealFs.create(workDir, fsSpec);
        } catch (MissingPrerequisite e) {
            Files.delete(workDir);
            throw new Unavailable(e.getMessage());
        }
        RecordedRun run = new RecordedRun(fs, workDir, home);
        try (Stream<Path> files = Files.list(home)) {
            for (Path file : files.toList()) {
                Files.move(file, fs.root().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return run;
    }

    RealFs fs() {
        return fs;
    }

    /**
     * Runs {@code spec}'s writers on the file system, recording; {@code cue} is told of every update
     * as it ends, after its mark. The recording, and the evidence.
     */
    Recorded execute(RunSpec spec, WorkerPool pool, Cue cue) throws IOException, InterruptedException {
        RunSpec there = spec.withFile(fs.root().resolve(spec.file().getFileName()));
        long[] finished = {0};
        fs.startRecording();
        Evidence evidence;
        try {
            evidence = new ProcessRun(there, Placement.local(pool, there.file()), spec.writers().count(), new ProcessRun.Listener() {
                /** The mark, then the cue, before a Java writer does anything more. */
                @Override
                public void finished(int writer, int seq, boolean acknowledged) throws IOException {
                    if (acknowledged) {
                        String label = Keys.key(writer, seq);
                        marks.put(label, new UpdateId(writer, seq));
                        fs.mark(label);
                    }
                    cue.at(fs, ++finished[0]);
                }

                @Override
                public boolean holdsWriters() {
                    return true;
                }
            }).execute();
        } catch (IOException | InterruptedException | RuntimeException e) {
            fs.stopRecording();
            throw e;
        }
        Recording recording = fs.stopRecording();
        copyBack();
        return new Recorded(evidence, recording, Map.copyOf(marks));
    }

    /** The evidence of a recorded run, its recording, and the update each mark stands for. */
    record Recorded(Evidence evidence, Recording recording, Map<String, UpdateId> marks) {}

    /** The run's files, as the file system holds them now, back in the run's directory. */
    private void copyBack() throws IOException {
        try (Stream<Path> files = Files.list(fs.root())) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, home.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fs.close();
        } finally {
            FileTrees.delete(workDir);
        }
    }
}
