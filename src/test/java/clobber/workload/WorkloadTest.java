package clobber.workload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTest {

    @Test
    void keysCountsExactlyTheAcknowledgedKeysThatAreMissing() {
        Keys keys = new Keys();
        Acknowledged acked = new Acknowledged(2);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        for (int seq = 0; seq < 5; seq++) {
            acked.ack(0, seq);
            acked.ack(1, seq);
            document = keys.update(0, seq).apply(document);
        }
        keys.update(1, 0).apply(document);
        // w0 wrote all 5; w1 acknowledged 5 but only w1-0 is present: 4 lost.
        assertEquals(Loss.exactly(4), keys.loss(document, acked, 3));
        // An unacknowledged update that is absent is not a loss.
        assertEquals(Loss.exactly(0), keys.loss(document, new Acknowledged(2), 0));
    }

    @Test
    void counterLossIsAcknowledgedIncrementsMissing() {
        Counter counter = new Counter();
        Acknowledged acked = new Acknowledged(1);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        for (int seq = 0; seq < 10; seq++) {
            acked.ack(0, seq);
        }
        for (int seq = 0; seq < 7; seq++) {
            document = counter.update(0, seq).apply(document);
        }
        assertEquals(Loss.exactly(3), counter.loss(document, acked, 0));
    }

    /** 10 acknowledged, 2 more attempts that may have landed unacknowledged, the counter at 9. */
    @Test
    void counterLossIsABoundWhenUnacknowledgedIncrementsMayHaveLanded() {
        Counter counter = new Counter();
        Acknowledged acked = new Acknowledged(1);
        for (int seq = 0; seq < 10; seq++) {
            acked.ack(0, seq);
        }
        ObjectNode nine = JsonNodeFactory.instance.objectNode().put("counter", 9);
        // 9 = 9 acked + 0 others (1 lost), or 8 acked + 1 other, or 7 acked + 2 others (3 lost).
        assertEquals(Loss.between(1, 3, 0), counter.loss(nine, acked, 2));
        ObjectNode thirteen = JsonNodeFactory.instance.objectNode().put("counter", 13);
        // 13 > 10 + 2: one increment was applied twice, at least.
        assertEquals(Loss.between(0, 0, 1), counter.loss(thirteen, acked, 2));
    }

    /** Records are judged one by one: an empty one is unreadable, not a reason to count every record lost. */
    @Test
    void createCountsAnUnreadableRecordApartFromTheReadableOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.json");
        Files.writeString(dir.resolve("data.json.100-0"), "{\"w0-0\":0}");
        Files.writeString(dir.resolve("data.json.100-1"), "");
        Files.writeString(dir.resolve("data.json.100-2"), "{\"w1-0\":0}");
        Create create = new Create();
        FinalState state = create.finalState(file);
        assertEquals(1, state.unreadableFiles());
        assertEquals("data.json.100-1: empty file: a truncated document", state.firstUnreadable());
        Acknowledged acked = new Acknowledged(2);
        acked.ack(0, 0);
        acked.ack(1, 0);
        Loss loss = state.loss(create, acked, 1);
        assertEquals(0, loss.atLeast());
        assertTrue(loss.exact());
        assertEquals(1, loss.unreadableFiles());
    }
}
