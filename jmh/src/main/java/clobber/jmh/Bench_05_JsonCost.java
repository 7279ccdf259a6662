package clobber.jmh;

import clobber.strategy.Documents;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = "--enable-native-access=ALL-UNNAMED")
public class Bench_05_JsonCost {

    /*
     * The fifth lesson: the part of an update that is not I/O. Every strategy parses the whole
     * document, applies the update and serialises the whole document again; Bench_01 has none of
     * that. This benchmark prices it alone, in memory, per document size:
     *  a) documents: clobber.strategy.Documents.parse and .bytes, exactly what the strategies call.
     *  b) withInterning: the same with Jackson's default, INTERN_FIELD_NAMES on. Jackson then keeps
     *     a table of the field names it has seen and String.intern()s each new one. A document's
     *     keys are data, not a schema: with 100,000 distinct keys the table overflows and is
     *     rebuilt, and the intern calls dominate the parse (the stack profiler of Bench_02 at
     *     100,000 keys showed String.intern under ByteQuadsCanonicalizer.addName).
     * This benchmark found (b) 3.6x slower than without interning at 100,000 keys, so Documents
     * now builds its ObjectMapper without it; (b) stays to show what that saved.
     */

    @Param({"10", "1000", "100000"})
    public int keys;

    private final ObjectMapper withInterning = new ObjectMapper(
            JsonFactory.builder().enable(JsonFactory.Feature.INTERN_FIELD_NAMES).build());
    private byte[] bytes;

    @Setup
    public void setUp() throws IOException {
        bytes = Documents.bytes(Workspace.document(keys));
    }

    @Benchmark
    public byte[] documents() throws IOException {
        return Documents.bytes(Workspace.INCREMENT.apply(Documents.parse(bytes)));
    }

    @Benchmark
    public byte[] withInterning() throws IOException {
        ObjectNode document = (ObjectNode) withInterning.readTree(bytes);
        return withInterning.writeValueAsBytes(Workspace.INCREMENT.apply(document));
    }

    /*
     * HOW TO RUN THIS BENCHMARK
     *   ./clobber bench Bench_05
     * Compare the two at each size; divide 1 by the figure to get the microseconds an update
     * spends on JSON, and set that beside Bench_01's microseconds per durable write.
     */
}
