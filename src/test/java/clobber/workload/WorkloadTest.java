package clobber.workload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(4, keys.lost(document, acked));
        // An unacknowledged update that is absent is not a loss.
        assertEquals(0, keys.lost(document, new Acknowledged(2)));
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
        assertEquals(3, counter.lost(document, acked));
    }
}
