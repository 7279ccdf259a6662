package clobber.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code FileChannel.lock()}, the JDK's own lock. On Linux it is a POSIX fcntl lock underneath, so
 * it is per process and is dropped when any descriptor of the file in the JVM is closed, while
 * {@code FileLock.isValid()} keeps saying true. To make up for the per-process semantics, the JDK
 * keeps a JVM-wide table of held locks and throws {@code OverlappingFileLockException} when a
 * second thread asks for an overlapping lock: threads do not wait for each other, they fail.
 */
public final class ChannelLock implements LockPrimitive {

    @Override
    public String name() {
        return "channel";
    }

    @Override
    public String mechanism() {
        return "`FileChannel.lock()`: fcntl(2) underneath, plus a JVM table that throws `OverlappingFileLockException` at a second thread";
    }

    @Override
    public boolean excludesThreads() {
        return false;
    }

    @Override
    public OpenFile lock(Path path, Runnable opened) throws IOException {
        FileChannel channel = FileChannel.open(path,
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        try {
            opened.run();
            return new Locked(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The locked channel; its I/O goes through the locked descriptor itself, never a second one. */
    private record Locked(FileChannel channel, FileLock lock) implements OpenFile {

        @Override
        public byte[] readAll() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, channel.size() - channel.position()));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // a file that shrank under us ends the loop at end of file
            }
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void seek(long position) throws IOException {
            channel.position(position);
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
        }

        @Override
        public void fsync() throws IOException {
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            channel.close(); // releases the lock with the descriptor
        }
    }
}
