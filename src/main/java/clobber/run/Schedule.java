package clobber.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A schedule as the writers it moves, in order: {@code [0, 0, 1, 1, 1, 0]} is written
 * {@code 0x2,1x3,0} (writer W0 twice, W1 three times, W0 once), the form {@code --schedule} takes
 * and the result JSON's {@code shortestBadSchedule} holds.
 */
public record Schedule(List<Integer> moves) {

    public Schedule {
        moves = List.copyOf(moves);
    }

    /** Parses {@code 0x2,1x3,0}; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static Schedule parse(String text, int writers) {
        List<Integer> moves = new ArrayList<>();
        for (String run : text.strip().split(",")) {
            String[] parts = run.strip().split("x", -1);
            try {
                int writer = Integer.parseInt(parts[0]);
                int times = parts.length == 2 ? Integer.parseInt(parts[1]) : 1;
                if (parts.length > 2 || writer < 0 || writer >= writers || times < 1 || times > 100_000) {
                    throw new NumberFormatException();
                }
                for (int i = 0; i < times; i++) {
                    moves.add(writer);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--schedule: '" + run.strip() + "' is not WRITER or WRITERxTIMES with WRITER from 0 to "
                        + (writers - 1) + " (e.g. 0x2,1x3,0)");
            }
        }
        return new Schedule(moves);
    }

    /** How many times the schedule switches from one writer to another. */
    public int switches() {
        int switches = 0;
        for (int i = 1; i < moves.size(); i++) {
            switches += moves.get(i).equals(moves.get(i - 1)) ? 0 : 1;
        }
        return switches;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < moves.size(); ) {
            int j = i;
            while (j < moves.size() && moves.get(j).equals(moves.get(i))) {
                j++;
            }
            text.append(text.isEmpty() ? "" : ",").append(moves.get(i)).append(j - i > 1 ? "x" + (j - i) : "");
            i = j;
        }
        return text.toString();
    }
}
