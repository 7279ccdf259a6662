package clobber.driver;

import clobber.os.SystemCommand;
import clobber.workload.Keys;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --update-cmd}: a command line that makes one update of the keys workload, run by
 * {@code /bin/sh -c} once per update, e.g. {@code git config --file {file} s.{key} {value}}. Each
 * placeholder becomes one shell-quoted word: {@code {file}} the data file, {@code {key}} and
 * {@code {value}} the key and value the update adds ({@link Keys#key}, {@link Keys#value}),
 * {@code {writer}} and {@code {seq}} the writer's number and the update's. The words are quoted
 * for the shell, so a placeholder stands where a word does ({@code --file {file}}), or joined to
 * one ({@code s.{key}}); inside quotes of the template it would bring its own quotes along.
 * Braces that are no placeholder ({@code jq '. + {a: 1}'}) are left as they are.
 */
public record UpdateCommand(String template) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(file|key|value|writer|seq)}");

    /** A template that could never add its update's key is refused. */
    public UpdateCommand {
        if (template.isBlank()) {
            throw new IllegalArgumentException("is empty: give the command that adds key {key} with value {value} to {file}");
        }
        if (!template.contains("{key}")) {
            throw new IllegalArgumentException("'" + template + "' has no {key}: each update adds its own key, "
                    + "e.g. git config --file {file} s.{key} {value}");
        }
    }

    /** The shell command line of update {@code seq} of writer {@code writer} on {@code file}. */
    public String line(String file, int writer, int seq) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(SystemCommand.shellWord(switch (m.group(1)) {
            case "file" -> file;
            case "key" -> Keys.key(writer, seq);
            case "value" -> Integer.toString(Keys.value(writer, seq));
            case "writer" -> Integer.toString(writer);
            case "seq" -> Integer.toString(seq);
            default -> throw new IllegalStateException(m.group());
        })));
    }
}
