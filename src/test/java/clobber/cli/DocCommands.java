package clobber.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ./clobber} commands of a Markdown document, as its readers would copy them: every
 * line of an {@code sh} code block that starts with {@code ./clobber}, with the exit code its
 * {@code # exit N} comment promises (none for a command that is run elsewhere).
 */
record DocCommands(List<Command> commands) {
    /** A fenced block: its info string (language, then an optional file path) and its body. */
    static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w+)(?: (\\S+))?\\n(.*?)^```$");
    private static final Pattern EXIT = Pattern.compile("^\\./clobber (.*?)\\s+# exit (\\d)$");

    /** One command line: its arguments, and the exit code promised, or -1 where none is. */
    record Command(String line, List<String> args, int exit) {}

    static DocCommands in(Path document) throws IOException {
        List<Command> commands = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(document));
        while (block.find()) {
            if (!block.group(1).equals("sh")) {
                continue;
            }
            for (String line : block.group(3).lines().filter(l -> l.startsWith("./clobber ")).toList()) {
                Matcher exit = EXIT.matcher(line);
                if (exit.matches()) {
                    commands.add(new Command(line, List.of(exit.group(1).trim().split("\\s+")), Integer.parseInt(exit.group(2))));
                } else {
                    String command = line.replaceFirst("\\s+#.*$", "");
                    commands.add(new Command(line, List.of(command.substring("./clobber ".length()).trim().split("\\s+")), -1));
                }
            }
        }
        return new DocCommands(commands);
    }
}
