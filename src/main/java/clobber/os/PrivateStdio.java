package clobber.os;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * This process's stdin and stdout, moved to descriptors of their own, so that what it runs cannot
 * reach them: afterwards descriptor 0 reads {@code /dev/null} and descriptor 1 writes where
 * descriptor 2 does. A worker speaks its protocol on the moved pair, and a strategy that writes to
 * {@code FileDescriptor.out} (past {@code System.out}) or reads {@code System.in} writes to the
 * worker's stderr and reads nothing, instead of forging or swallowing protocol lines. The moved
 * descriptors are close-on-exec, so no process the strategy starts inherits them either.
 */
public final class PrivateStdio {
    private final int in;
    private final int out;

    private PrivateStdio(int in, int out) {
        this.in = in;
        this.out = out;
    }

    /** Moves stdin and stdout aside; call once, before anything else can have used them. */
    public static PrivateStdio take() throws IOException {
        int in = duplicate(0);
        int out = duplicate(1);
        try (NativeFile devNull = NativeFile.openReadOnly(Path.of("/dev/null"))) {
            replace(devNull.descriptor(), 0);
        }
        replace(2, 1);
        return new PrivateStdio(in, out);
    }

    /** The protocol's input: what the process's stdin held. */
    public InputStream in() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment buffer = arena.allocate(length);
                    long n = Libc.call("read", "stdin", (a, state) -> (long) Libc.READ.invokeExact(state, in, buffer, (long) length));
                    if (n == 0) {
                        return -1;
                    }
                    MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, bytes, offset, (int) n);
                    return (int) n;
                }
            }
        };
    }

    /** The protocol's output: where the process's stdout went. */
    public OutputStream out() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment buffer = arena.allocate(Math.max(1, length));
                    MemorySegment.copy(bytes, offset, buffer, ValueLayout.JAVA_BYTE, 0, length);
                    long done = 0;
                    while (done < length) {
                        MemorySegment rest = buffer.asSlice(done, length - done);
                        done += Libc.call("write", "stdout", (a, state) -> (long) Libc.WRITE.invokeExact(state, out, rest, rest.byteSize()));
                    }
                }
            }
        };
    }

    private static int duplicate(int fd) throws IOException {
        return (int) Libc.call("fcntl(F_DUPFD_CLOEXEC)", "fd " + fd,
                (a, state) -> (int) Libc.FCNTL_INT.invokeExact(state, fd, Libc.F_DUPFD_CLOEXEC, 3));
    }

    private static void replace(int from, int to) throws IOException {
        Libc.call("dup3", "fd " + to, (a, state) -> (int) Libc.DUP3.invokeExact(state, from, to, 0));
    }
}
