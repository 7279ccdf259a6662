package clobber.driver.powerloss;

import clobber.check.CutStates;
import clobber.os.FileTrees;
import clobber.workload.UpdateId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What a power-loss run recorded and what a power cut could have left of it: the operations on
 * the run's directory in order ({@code ops}), the files there before the run ({@code initial}),
 * and, under {@code persistence}, the states at each crash point. Each state's files are written to a
 * directory of their own beside the run's ({@code run}) while it is judged.
 */
record PowerLossTrace(PersistenceModel persistence, List<FsOp> ops, Map<String, byte[]> initial,
                      PersistenceModel.Exploration exploration, Path run) implements CutStates {

    @Override
    public String model() {
        return persistence.label();
    }

    @Override
    public int crashPoints() {
        return exploration.points().size();
    }

    @Override
    public boolean bounded() {
        return exploration.bounded();
    }

    /** Every state of every crash point, in trace order, each written out for the visit. */
    @Override
    public void forEach(Visitor visitor) throws IOException {
        Path directory = Files.createTempDirectory(run.getParent(), run.getFileName() + "-cut-");
        try {
            for (PersistenceModel.CrashPoint at : exploration.points()) {
                List<UpdateId> acknowledged = new ArrayList<>();
                for (int i = 0; i <= at.after(); i++) {
                    if (ops.get(i) instanceof FsOp.Ack a) {
                        acknowledged.add(new UpdateId(a.writer(), a.seq()));
                    }
                }
                for (BitSet persisted : at.persisted()) {
                    List<Traced> trace = new ArrayList<>();
                    for (int i = 0; i <= at.after(); i++) {
                        FsOp op = ops.get(i);
                        trace.add(new Traced(op.describe(), op.persistable() ? persisted.get(i) : null));
                    }
                    Map<String, byte[]> files = PersistenceModel.files(ops, persisted, initial);
                    writeOut(files, directory);
                    visitor.visit(new State(directory, acknowledged, trace, identity(files, acknowledged), null));
                }
            }
        } finally {
            FileTrees.delete(directory);
        }
    }

    /** {@code files}, alone, in {@code directory}. */
    private static void writeOut(Map<String, byte[]> files, Path directory) throws IOException {
        try (var old = Files.list(directory)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue());
        }
    }

    /** Equal for states of the same files after the same acknowledgements. */
    private static String identity(Map<String, byte[]> files, List<UpdateId> acknowledged) {
        StringBuilder key = new StringBuilder();
        files.forEach((name, bytes) -> key.append(name).append('=').append(Arrays.hashCode(bytes)).append(':')
                .append(bytes.length).append(';'));
        return key.append(acknowledged).toString();
    }
}
