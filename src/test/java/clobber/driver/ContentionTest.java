package clobber.driver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContentionTest {

    private static WriterRecord writer(int id, long... startEndPairs) {
        WriterRecord record = new WriterRecord(id, startEndPairs.length / 2);
        for (int i = 0; i < startEndPairs.length / 2; i++) {
            record.starts[i] = startEndPairs[2 * i];
            record.ends[i] = startEndPairs[2 * i + 1];
        }
        record.completed = startEndPairs.length / 2;
        return record;
    }

    @Test
    void writersTakingTurnsAreNotContended() {
        assertEquals(0.0, Contention.fraction(List.of(writer(0, 0, 10, 20, 30), writer(1, 10, 20, 30, 40))));
    }

    @Test
    void theFractionIsTheTimeWithTwoOrMoreInside() {
        // w0 inside 0..100, w1 inside 50..150: two inside during 50..100 of a 150 span.
        assertEquals(50.0 / 150, Contention.fraction(List.of(writer(0, 0, 100), writer(1, 50, 150))), 1e-9);
    }

    @Test
    void fullyOverlappingWritersAreFullyContended() {
        assertEquals(1.0, Contention.fraction(List.of(writer(0, 0, 100), writer(1, 0, 100), writer(2, 0, 100))), 1e-9);
    }
}
