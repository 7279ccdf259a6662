package clobber.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the writers left, as read back: the {@code document} they built (null when the data file
 * itself does not parse), and how many of the state's files do not parse, the first of them named
 * with its reason in {@code firstUnreadable}.
 */
public record FinalState(ObjectNode document, long unreadableFiles, String firstUnreadable) {

    static FinalState readable(ObjectNode document) {
        return new FinalState(document, 0, null);
    }

    static FinalState unreadable(String why) {
        return new FinalState(null, 1, why);
    }

    /** What this state says of {@code acknowledged}, by {@code workload}'s count. */
    public Loss loss(Workload workload, Acknowledged acknowledged, long unacknowledgedAttempts) {
        if (document == null) {
            return Loss.uncounted(acknowledged.count(), firstUnreadable);
        }
        Loss counted = workload.loss(document, acknowledged, unacknowledgedAttempts);
        return unreadableFiles == 0 ? counted : counted.withUnreadable(unreadableFiles, firstUnreadable);
    }
}
