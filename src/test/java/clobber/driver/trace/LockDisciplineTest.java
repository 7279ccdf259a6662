package clobber.driver.trace;

import clobber.check.TraceFinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock-discipline check on hand-written traces of two writers, one rule each: what the
 * kernel says a lock is and what it excludes, and nothing about timing (the writers here never
 * collide, and the bugs are found all the same).
 */
class LockDisciplineTest {
    @TempDir
    Path scratch;

    private static Set<TraceFinding.Kind> kinds(List<TraceFinding> findings) {
        return findings.stream().map(TraceFinding::kind).collect(Collectors.toSet());
    }

    /** Open the data file, flock it, read it, truncate it. */
    private static Traces lockedTruncate(Traces t, String who, int pid) {
        return t.line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR|O_CLOEXEC) = 3</d/data.json>")
                .line(who, pid, "flock(3</d/data.json>, LOCK_EX) = 0")
                .line(who, pid, "read(3</d/data.json>, \"\"..., 8192) = 2")
                .line(who, pid, "lseek(3</d/data.json>, 0, SEEK_SET) = 0")
                .line(who, pid, "ftruncate(3</d/data.json>, 0) = 0");
    }

    /** {@link #lockedTruncate}, then write before or after the unlock. */
    private static void inPlace(Traces t, String who, int pid, boolean writeAfterUnlock) {
        lockedTruncate(t, who, pid);
        if (writeAfterUnlock) {
            t.line(who, pid, "flock(3</d/data.json>, LOCK_UN) = 0").line(who, pid, "write(3</d/data.json>, \"\"..., 12) = 12");
        } else {
            t.line(who, pid, "write(3</d/data.json>, \"\"..., 12) = 12").line(who, pid, "flock(3</d/data.json>, LOCK_UN) = 0");
        }
        t.line(who, pid, "close(3</d/data.json>) = 0");
    }

    @Test
    void aWriteAfterTheUnlockIsFoundNamingTheUnlock() throws Exception {
        Traces t = new Traces();
        inPlace(t, "W0", 100, true);
        inPlace(t, "W1", 200, true);
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(Set.of(TraceFinding.Kind.RELEASED), kinds(findings), findings.toString());
        assertEquals(2, findings.size(), "one a writer: " + findings);
        TraceFinding first = findings.getFirst();
        assertEquals("W0", first.writer());
        assertEquals("write(3, \"\", 12)", first.call());
        assertEquals("W0 wrote 12 bytes to data.json 1 us after flock(3, LOCK_UN) on it", first.words());
    }

    @Test
    void theSameWriterFlushingBeforeTheUnlockIsNeverFound() throws Exception {
        Traces t = new Traces();
        inPlace(t, "W0", 100, false);
        inPlace(t, "W1", 200, false);
        assertEquals(List.of(), t.findings(scratch));
    }

    /**
     * W0 takes the lock W1 let go, reads the file W1 truncated and has not written yet, finds it
     * empty and gives up: W0 changed nothing, and W1's write after its unlock is still found (W0
     * read under the lock, and nothing kept W1 out).
     */
    @Test
    void aWriteAfterTheUnlockIsFoundWhenTheOtherWriterOnlyRead() throws Exception {
        Traces t = new Traces();
        lockedTruncate(t, "W1", 200).line("W1", 200, "flock(3</d/data.json>, LOCK_UN) = 0");
        t.line("W0", 100, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR|O_CLOEXEC) = 3</d/data.json>")
                .line("W0", 100, "flock(3</d/data.json>, LOCK_EX) = 0")
                .line("W0", 100, "read(3</d/data.json>, \"\", 8192) = 0")
                .line("W0", 100, "close(3</d/data.json>) = 0");
        t.line("W1", 200, "write(3</d/data.json>, \"\"..., 12) = 12").line("W1", 200, "close(3</d/data.json>) = 0");
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(Set.of(TraceFinding.Kind.RELEASED), kinds(findings), findings.toString());
        assertEquals("W1 wrote 12 bytes to data.json 5 us after flock(3, LOCK_UN) on it", findings.getFirst().words());
    }

    @Test
    void oneWriterAloneHasNobodyToExclude() throws Exception {
        Traces t = new Traces();
        inPlace(t, "W0", 100, true);
        assertEquals(List.of(), t.findings(scratch));
    }

    /** FileChannel.lock() the data file, read it through a second descriptor, close that: the POSIX lock is gone. */
    @Test
    void aCloseOfAnotherDescriptorDropsAPosixLock() throws Exception {
        Traces t = new Traces();
        for (String who : List.of("W0", "W1")) {
            int pid = who.equals("W0") ? 100 : 200;
            t.line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR) = 5</d/data.json>")
                    .line(who, pid, "fcntl(5</d/data.json>, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=9223372036854775807}) = 0")
                    .line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDONLY) = 8</d/data.json>")
                    .line(who, pid, "read(8</d/data.json>, \"\"..., 8192) = 2")
                    .line(who, pid, "close(8</d/data.json>) = 0")
                    .line(who, pid, "pwrite64(5</d/data.json>, \"\"..., 12, 0) = 12")
                    .line(who, pid, "close(5</d/data.json>) = 0");
        }
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(Set.of(TraceFinding.Kind.DROPPED_BY_CLOSE), kinds(findings), findings.toString());
        assertTrue(findings.getFirst().words().startsWith("W0 wrote 12 bytes to data.json 1 us after close(8) of data.json dropped its fcntl lock"),
                findings.getFirst().words());
    }

    /** One writer's temp-and-rename under each kind of lock on one lock file. */
    private static void replaceUnder(Traces t, String who, int pid, String lockCall) {
        t.line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json.lock\", O_RDWR|O_CREAT, 0666) = 4</d/data.json.lock>")
                .line(who, pid, lockCall)
                .line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDONLY) = 5</d/data.json>")
                .line(who, pid, "read(5</d/data.json>, \"\"..., 8192) = 2")
                .line(who, pid, "close(5</d/data.json>) = 0")
                .line(who, pid, "openat(AT_FDCWD</d>, \"/d/" + who + ".tmp\", O_RDWR|O_CREAT|O_EXCL, 0600) = 6</d/" + who + ".tmp>")
                .line(who, pid, "write(6</d/" + who + ".tmp>, \"\"..., 12) = 12")
                .line(who, pid, "close(6</d/" + who + ".tmp>) = 0")
                .line(who, pid, "rename(\"/d/" + who + ".tmp\", \"/d/data.json\") = 0")
                .line(who, pid, "close(4</d/data.json.lock>) = 0");
    }

    @Test
    void flockAndFcntlOnOneLockFileDoNotExcludeEachOther() throws Exception {
        Traces t = new Traces();
        replaceUnder(t, "W0", 100, "fcntl(4</d/data.json.lock>, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0}) = 0");
        replaceUnder(t, "W1", 200, "flock(4</d/data.json.lock>, LOCK_EX) = 0");
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(Set.of(TraceFinding.Kind.KINDS_DO_NOT_EXCLUDE), kinds(findings), findings.toString());
        assertTrue(findings.getFirst().words().contains("W0 held fcntl lock on data.json.lock when it renamed W0.tmp over data.json,"
                + " W1 held flock on data.json.lock"), findings.getFirst().words());
        assertTrue(findings.getFirst().words().endsWith("on Linux flock and fcntl locks never exclude each other"));
    }

    @Test
    void theSameLockFileAndKindExcludeAndATempFileCreatedExclusivelyIsNoLock() throws Exception {
        Traces t = new Traces();
        replaceUnder(t, "W0", 100, "flock(4</d/data.json.lock>, LOCK_EX) = 0");
        replaceUnder(t, "W1", 200, "flock(4</d/data.json.lock>, LOCK_EX) = 0");
        assertEquals(List.of(), t.findings(scratch));
        Traces unlocked = new Traces();
        replaceUnder(unlocked, "W0", 100, "getpid() = 100");
        replaceUnder(unlocked, "W1", 200, "getpid() = 200");
        assertEquals(Set.of(TraceFinding.Kind.NO_LOCK), kinds(unlocked.findings(scratch)), "an O_EXCL temp file is not a lock");
    }

    /** flock-data-file+replace: each writer locks the inode data.json names, and its rename retires that inode. */
    @Test
    void aLockOnTheInodeARenameRetiresExcludesNobody() throws Exception {
        Traces t = new Traces();
        for (String who : List.of("W0", "W1")) {
            int pid = who.equals("W0") ? 100 : 200;
            t.line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR) = 3</d/data.json>")
                    .line(who, pid, "flock(3</d/data.json>, LOCK_EX) = 0")
                    .line(who, pid, "read(3</d/data.json>, \"\"..., 8192) = 2")
                    .line(who, pid, "openat(AT_FDCWD</d>, \"/d/" + who + ".tmp\", O_RDWR|O_CREAT|O_EXCL, 0600) = 6</d/" + who + ".tmp>")
                    .line(who, pid, "write(6</d/" + who + ".tmp>, \"\"..., 12) = 12")
                    .line(who, pid, "close(6</d/" + who + ".tmp>) = 0")
                    .line(who, pid, "rename(\"/d/" + who + ".tmp\", \"/d/data.json\") = 0")
                    .line(who, pid, "close(3</d/data.json>(deleted)) = 0");
        }
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(Set.of(TraceFinding.Kind.RETIRED_INODE), kinds(findings), findings.toString());
        assertTrue(findings.getFirst().words().contains("on another inode of data.json"), findings.getFirst().words());
    }

    @Test
    void aReadBeforeTheLockIsFoundThoughTheWriteIsLocked() throws Exception {
        Traces t = new Traces();
        for (String who : List.of("W0", "W1")) {
            int pid = who.equals("W0") ? 100 : 200;
            t.line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDONLY) = 5</d/data.json>")
                    .line(who, pid, "read(5</d/data.json>, \"\"..., 8192) = 2")
                    .line(who, pid, "close(5</d/data.json>) = 0")
                    .line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json.lock\", O_RDWR|O_CREAT, 0666) = 4</d/data.json.lock>")
                    .line(who, pid, "flock(4</d/data.json.lock>, LOCK_EX) = 0")
                    .line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_WRONLY|O_TRUNC) = 5</d/data.json>")
                    .line(who, pid, "write(5</d/data.json>, \"\"..., 12) = 12")
                    .line(who, pid, "close(5</d/data.json>) = 0")
                    .line(who, pid, "close(4</d/data.json.lock>) = 0");
        }
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(Set.of(TraceFinding.Kind.READ_OUTSIDE_LOCK), kinds(findings), findings.toString());
        assertTrue(findings.getFirst().words().startsWith("W0 read data.json holding no lock, 3 us before it took flock on data.json.lock"),
                findings.getFirst().words());
    }

    /** mkdir as a lock, and a shell's flock(1): a child flocks the descriptor the shell opened, and the shell's next child writes. */
    @Test
    void aDirectoryMadeAsALockAndADescriptorInheritedAcrossForksProtect() throws Exception {
        Traces mkdir = new Traces();
        for (String who : List.of("W0", "W1")) {
            int pid = who.equals("W0") ? 100 : 200;
            mkdir.line(who, pid, "mkdir(\"/d/data.json.lockdir\", 0777) = 0")
                    .line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR) = 3</d/data.json>")
                    .line(who, pid, "read(3</d/data.json>, \"\"..., 8192) = 2")
                    .line(who, pid, "pwrite64(3</d/data.json>, \"\"..., 12, 0) = 12")
                    .line(who, pid, "close(3</d/data.json>) = 0")
                    .line(who, pid, "rmdir(\"/d/data.json.lockdir\") = 0");
        }
        assertEquals(List.of(), mkdir.findings(scratch));
        Traces shell = new Traces();
        for (String who : List.of("W0", "W1")) {
            int sh = who.equals("W0") ? 100 : 200;
            shell.line(who, sh, "openat(AT_FDCWD</d>, \"/d/data.json.lock\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3</d/data.json.lock>")
                    .line(who, sh, "dup2(3</d/data.json.lock>, 9) = 9</d/data.json.lock>")
                    .line(who, sh, "close(3</d/data.json.lock>) = 0")
                    .line(who, sh, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = " + (sh + 1))
                    .line(who, sh + 1, "flock(9</d/data.json.lock>, LOCK_EX) = 0")
                    .line(who, sh + 1, "+++ exited with 0 +++")
                    .line(who, sh, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = " + (sh + 2))
                    .line(who, sh + 2, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDONLY) = 3</d/data.json>")
                    .line(who, sh + 2, "read(3</d/data.json>, \"\"..., 8192) = 2")
                    .line(who, sh + 2, "openat(AT_FDCWD</d>, \"/d/sed" + who + "\", O_RDWR|O_CREAT|O_EXCL, 0600) = 4</d/sed" + who + ">")
                    .line(who, sh + 2, "rename(\"/d/sed" + who + "\", \"/d/data.json\") = 0")
                    .line(who, sh + 2, "+++ exited with 0 +++")
                    .line(who, sh, "close(9</d/data.json.lock>) = 0");
        }
        assertEquals(List.of(), shell.findings(scratch), "the flock belongs to the description the shell holds open");
    }

    /**
     * A lock file made with O_CREAT|O_EXCL: W1's create enters the kernel (and so is dated) before
     * W0's unlink, and succeeds after it, as a create that finds the name taken cannot. Its lock
     * is W1's, and W0's unlink released W0's own.
     */
    @Test
    void aLockFileCreatedExclusivelyIsALockEvenWhenItsCreateIsDatedBeforeThePreviousUnlink() throws Exception {
        Traces t = new Traces();
        t.line("W0", 100, "openat(AT_FDCWD</d>, \"/d/data.json.lock\", O_WRONLY|O_CREAT|O_EXCL, 0666) = 4</d/data.json.lock>")
                .line("W0", 100, "close(4</d/data.json.lock>) = 0")
                .line("W0", 100, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR) = 3</d/data.json>")
                .line("W0", 100, "read(3</d/data.json>, \"\"..., 8192) = 2")
                .line("W0", 100, "pwrite64(3</d/data.json>, \"\"..., 12, 0) = 12")
                .line("W0", 100, "close(3</d/data.json>) = 0")
                .line("W1", 200, "openat(AT_FDCWD</d>, \"/d/data.json.lock\", O_WRONLY|O_CREAT|O_EXCL, 0666) = 4</d/data.json.lock>")
                .line("W0", 100, "unlink(\"/d/data.json.lock\") = 0")
                .line("W1", 200, "close(4</d/data.json.lock>) = 0")
                .line("W1", 200, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR) = 3</d/data.json>")
                .line("W1", 200, "read(3</d/data.json>, \"\"..., 8192) = 2")
                .line("W1", 200, "pwrite64(3</d/data.json>, \"\"..., 12, 0) = 12")
                .line("W1", 200, "close(3</d/data.json>) = 0")
                .line("W1", 200, "unlink(\"/d/data.json.lock\") = 0");
        assertEquals(List.of(), t.findings(scratch));
    }

    /**
     * git's lockfile.c, as strace shows one `git config` (git 2.39.5): the lock is data.json.lock,
     * created O_CREAT|O_EXCL by every writer; the new document is written into it and it is renamed
     * over data.json, which releases it. A name more than one writer creates exclusively is a lock
     * by name, whether it goes by unlink or by rename; a temp name only its maker creates is not.
     */
    @Test
    void aLockFileCreatedExclusivelyByEveryWriterAndRenamedOverTheDataFileIsALock() throws Exception {
        Traces t = new Traces();
        for (String who : List.of("W0", "W1", "W0", "W1")) {
            int pid = who.equals("W0") ? 100 : 200;
            t.line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json.lock\", O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, 0666) = 3</d/data.json.lock>")
                    .line(who, pid, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDONLY) = 5</d/data.json>")
                    .line(who, pid, "read(5</d/data.json>, \"\"..., 4096) = 10")
                    .line(who, pid, "close(5</d/data.json>) = 0")
                    .line(who, pid, "write(3</d/data.json.lock>, \"\"..., 17) = 17")
                    .line(who, pid, "close(3</d/data.json.lock>) = 0")
                    .line(who, pid, "rename(\"/d/data.json.lock\", \"/d/data.json\") = 0");
        }
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(List.of(), findings, "git's O_EXCL lock file is a lock until its rename: " + findings);
    }

    @Test
    void aMappedDataFileIsSaidToBeUnmodelled() throws Exception {
        Traces t = new Traces();
        inPlace(t, "W0", 100, false);
        t.line("W1", 200, "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR) = 3</d/data.json>")
                .line("W1", 200, "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, 3</d/data.json>, 0) = 0x7f2bcb93a000");
        List<TraceFinding> findings = t.findings(scratch);
        assertEquals(Set.of(TraceFinding.Kind.UNMODELLED), kinds(findings), findings.toString());
        assertEquals("W1", findings.getFirst().writer());
    }
}
