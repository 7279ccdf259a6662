package clobber.check;

import clobber.strategy.Step;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Mutual exclusion checked directly, as Lucene's LockVerifyServer does, instead of inferred from
 * lost writes: every writer reports when it entered its critical section (step after-lock) and
 * when it left (before-unlock), on the machine's monotonic clock, which all processes and
 * languages share; an entry while another writer is inside is an overlap. A broken lock shows
 * here even in a run where, by luck, no write was lost. The stamps are taken inside the lock, so
 * a lock that works can never produce one.
 */
public record Overlaps(long count, String first) {

    public static Overlaps in(List<UpdateTrace> traces) {
        List<UpdateTrace> sections = traces.stream()
                .filter(t -> t.at(Step.AFTER_LOCK) != 0 && t.at(Step.BEFORE_UNLOCK) != 0)
                .sorted(Comparator.comparingLong(t -> t.at(Step.AFTER_LOCK)))
                .toList();
        long origin = traces.stream().mapToLong(UpdateTrace::start).min().orElse(0);
        PriorityQueue<UpdateTrace> inside = new PriorityQueue<>(Comparator.comparingLong(t -> t.at(Step.BEFORE_UNLOCK)));
        long count = 0;
        String first = null;
        for (UpdateTrace entering : sections) {
            long enter = entering.at(Step.AFTER_LOCK);
            while (!inside.isEmpty() && inside.peek().at(Step.BEFORE_UNLOCK) < enter) {
                inside.poll();
            }
            UpdateTrace other = inside.stream().filter(t -> t.writer() != entering.writer()).findFirst().orElse(null);
            if (other != null) {
                count++;
                if (first == null) {
                    first = "W" + entering.writer() + " entered while W" + other.writer() + " was inside, at "
                            + (enter - origin) / 1000 + " us";
                }
            }
            inside.add(entering);
        }
        return new Overlaps(count, first);
    }
}
