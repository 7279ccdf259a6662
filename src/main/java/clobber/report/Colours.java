package clobber.report;

import clobber.strategy.Verdict;

/** One colour per verdict, dark enough to carry white text on a projector; the verdict is always written too. */
final class Colours {
    private Colours() {}

    static String of(Verdict verdict) {
        return switch (verdict) {
            case SAFE -> "#1a7f37";
            case LOST_WRITES -> "#cf222e";
            case DUPLICATED_WRITES -> "#a40e26";
            case CORRUPT -> "#7d1a5c";
            case TORN_READS -> "#bc4c00";
            case OVERLAPS -> "#8250df";
            case UNSAFE_LOCKING -> "#1b7c83";
            case ERRORS -> "#9a6700";
            case STALLED -> "#57606a";
            case INCONCLUSIVE -> "#0969da";
        };
    }
}
