package clobber.driver.process;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a failed attempt or a dead writer's last words say went wrong, in the kinds that a shared
 * file system adds to a local one: a stale file handle (ESTALE, errno 116: the file this client
 * had resolved was replaced by another client), an I/O error (EIO, errno 5: the client lost its
 * server or a lock), a document that does not parse, and the rest. Read from the text of any
 * writer, Java's or another language's: "Stale file handle" is strerror's wording everywhere.
 */
public enum ErrorKind {
    ESTALE(Pattern.compile("Stale file handle|ESTALE|errno 116|Errno 116", Pattern.CASE_INSENSITIVE)),
    EIO(Pattern.compile("Input/output error|\\bEIO\\b|errno 5\\b|Errno 5\\]", Pattern.CASE_INSENSITIVE)),
    PARSE(Pattern.compile("JSONDecodeError|CorruptDocument|does not parse|Unexpected character|end-of-input", Pattern.CASE_INSENSITIVE)),
    OTHER(Pattern.compile(".*"));

    private final Pattern says;

    ErrorKind(Pattern says) {
        this.says = says;
    }

    static ErrorKind of(String message) {
        for (ErrorKind kind : values()) {
            if (kind.says.matcher(message).find()) {
                return kind;
            }
        }
        return OTHER;
    }

    /** "errors by kind: ESTALE 3, parse 1" for {@code counts} (kinds in this order), or null for none. */
    public static String summary(Map<ErrorKind, Integer> counts) {
        if (counts.isEmpty()) {
            return null;
        }
        return "errors by kind: " + String.join(", ", counts.entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getValue()).toList());
    }

    private String label() {
        return this == PARSE ? "parse" : this == OTHER ? "other" : name();
    }
}
