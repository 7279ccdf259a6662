package clobber.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay line of a plug-in's exploration names it as it was given, class path and all, and replays exactly its schedule. */
class ReplayLineTest {
    @TempDir
    Path cwd;

    @Test
    void aPlugInsReplayLineKeepsItsClassNameAndClasspathAndReplays() throws Exception {
        Path plugins = Files.createDirectory(cwd.resolve("plugins"));
        String type = MisclaimedNoLock.class.getName();
        ClobberProcess explored = ClobberProcess.run(cwd, "explore", "--strategy", type, "--classpath", plugins.toString());
        assertEquals(1, explored.exit(), "it claims threads and loses writes: " + explored.out() + explored.err());
        String line = explored.out().lines().filter(l -> l.startsWith("replay it: ")).findFirst().orElseThrow(() -> new AssertionError(explored.out()));
        assertTrue(line.contains("--strategy " + type + " --classpath " + plugins + " "), line);

        List<String> replay = new ArrayList<>(List.of(line.substring("replay it: ./clobber ".length()).split(" ")));
        replay.addAll(List.of("--json", "one.json"));
        ClobberProcess replayed = ClobberProcess.run(cwd, replay.toArray(String[]::new));
        assertEquals(1, replayed.exit(), replayed.out() + replayed.err());
        JsonNode run = new ObjectMapper().readTree(cwd.resolve("one.json").toFile()).get("runs").get(0);
        assertEquals(1, run.get("exploration").get("schedules").asLong(), run.toString());
        assertEquals("LOST_WRITES", run.get("judgement").get("verdict").asText());
        assertEquals(type, run.get("subject").get("plugIn").get("type").asText());
    }
}
