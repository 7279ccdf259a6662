package clobber.driver.blockdev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An external writer run by clobber's line protocol (docs/external-writers.md): "ready", then
 * "go", then "ack SEQ" per update, which this puts in the recording as a mark named
 * {@code w<writer>-<SEQ>}, the key the update adds; "done". Other lines are kept.
 */
record ExternalWriter(int exit, List<String> acknowledged, List<String> otherLines, String stderr) {

    /** Runs each command (writer 1, 2, ...) at once, all started together, each ack marked on {@code fs}; their outcomes. */
    static List<ExternalWriter> runAll(RealFs fs, List<List<String>> commands) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Path> stderrs = new ArrayList<>();
        for (List<String> command : commands) {
            Path stderr = Files.createTempFile("writer-", ".err");
            stderrs.add(stderr);
            processes.add(new ProcessBuilder(command).redirectError(stderr.toFile()).start());
        }
        List<BufferedReader> outs = processes.stream()
                .map(p -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))).toList();
        for (BufferedReader out : outs) {
            String ready = out.readLine();
            if (!"ready".equals(ready)) {
                throw new IOException("a writer said " + ready + " instead of ready");
            }
        }
        for (Process process : processes) {
            Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            in.write("go\n");
            in.flush();
        }
        List<List<String>> acks = new ArrayList<>();
        List<List<String>> others = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            int writer = i + 1;
            List<String> acked = new ArrayList<>();
            List<String> other = new ArrayList<>();
            acks.add(acked);
            others.add(other);
            BufferedReader out = outs.get(i);
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("ack ")) {
                            String label = "w" + writer + "-" + line.substring(4);
                            fs.mark(label);
                            acked.add(label);
                        } else if (!line.startsWith("enter ") && !line.startsWith("exit ") && !line.equals("done")) {
                            other.add(line);
                        }
                    }
                } catch (IOException e) {
                    other.add("reader failed: " + e);
                }
            });
            readers.add(reader);
        }
        List<ExternalWriter> outcomes = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            int exit = processes.get(i).waitFor();
            readers.get(i).join();
            outcomes.add(new ExternalWriter(exit, acks.get(i), others.get(i), Files.readString(stderrs.get(i))));
            Files.delete(stderrs.get(i));
        }
        return outcomes;
    }

    /** One writer alone. */
    static ExternalWriter run(RealFs fs, List<String> command) throws IOException, InterruptedException {
        return runAll(fs, List.of(command)).getFirst();
    }
}
