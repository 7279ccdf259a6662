package com.example.clobber;

import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.Documents;
import clobber.strategy.Step;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A pure-JDK strategy: a JVM lock for the threads, FileChannel.lock() on a lock file for the
 * processes, then temp file and atomic rename. FileChannel.lock() alone would not do: it is an
 * fcntl lock, owned by the process, so two threads of one JVM would not exclude each other (the
 * JVM throws OverlappingFileLockException at the second instead). Hence the ReentrantLock first.
 */
public final class LockedReplace implements WriteStrategy {
    /** One JVM lock per data file. Locks are the only state shared between calls. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "locked-replace";
    }

    @Override
    public String lesson() {
        return "Take a JVM lock (threads), then FileChannel.lock() on a never-deleted lock file (processes), "
                + "write a temp file and rename it over the data file. No fsync: it claims threads and "
                + "processes, not crashes of the machine.";
    }

    @Override
    public Claim claim() {
        return Claim.survives(Condition.THREADS, Condition.PROCESSES);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file.toAbsolutePath(), p -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockFile = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lockFile.lock()) {
            steps.at(Step.AFTER_LOCK);
            ObjectNode document = Documents.read(file);
            steps.at(Step.AFTER_READ);
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
            Files.write(temp, Documents.bytes(change.apply(document)));
            steps.at(Step.BEFORE_RENAME);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            steps.at(Step.BEFORE_UNLOCK);
        } finally {
            jvmLock.unlock();
        }
    }
}
