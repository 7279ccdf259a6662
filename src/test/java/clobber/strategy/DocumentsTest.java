package clobber.strategy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker, the readers and the strategies share {@link Documents#parse}, so it must refuse
 * every file a strict reader refuses. Python's {@code json.loads} is the reference: the
 * reference writer and most tools that share such a file read it that way.
 */
class DocumentsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What no-lock's in-place writes leave: a short new document over a longer old one, untruncated. */
    private static byte[] overwrittenInPlace(byte[] older, byte[] newer) {
        byte[] file = Arrays.copyOf(older, Math.max(older.length, newer.length));
        System.arraycopy(newer, 0, file, 0, newer.length);
        return file;
    }

    @Test
    void aShortDocumentOverTheTailOfALongerOneIsCorrupt() {
        byte[] garbled = overwrittenInPlace(utf8("{\"w0-0\":0,\"w1-0\":0,\"w2-0\":0}"), utf8("{\"w0-1\":1}"));
        assertEquals("{\"w0-1\":1}\"w1-0\":0,\"w2-0\":0}", new String(garbled, StandardCharsets.UTF_8));
        assertThrows(CorruptDocumentException.class, () -> Documents.parse(garbled));
    }

    @Test
    void trailingGarbageOfAnyKindIsCorruptAndTrailingWhitespaceIsNot() throws Exception {
        for (String s : List.of("{}{}", "{} {\"a\":1}", "{}x", "{}\u0000", "{\"a\":1}]", "{}}")) {
            assertThrows(CorruptDocumentException.class, () -> Documents.parse(utf8(s)), s);
        }
        assertEquals(1, Documents.parse(utf8(" {\"a\":1} \n\t\r")).get("a").asInt());
    }

    @Test
    void invalidUtf8AndAByteOrderMarkAreCorrupt() {
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] cutMidCharacter = {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'};
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        for (byte[] bytes : List.of(overlong, cutMidCharacter, bom)) {
            assertThrows(CorruptDocumentException.class, () -> Documents.parse(bytes), HexFormat.of().formatHex(bytes));
        }
    }

    /**
     * Differential: a corpus of whole documents and of what torn, spliced and flipped writes make
     * of them, each handed to Python's {@code json.loads} and to {@link Documents#parse}. Every
     * input Python refuses must be refused here too, and every whole document accepted.
     */
    @Test
    void everythingPythonsJsonLoadsRefusesIsRefusedHere() throws Exception {
        Random random = new Random(20261124);
        List<byte[]> whole = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            ObjectNode document = JsonNodeFactory.instance.objectNode();
            for (int k = 0; k < random.nextInt(12); k++) {
                document.put("w" + random.nextInt(8) + "-" + k, random.nextInt(1000));
            }
            if (n % 5 == 0) {
                document.put("text", "caf\u00e9 \u20ac \ud83d\ude00 \"quoted\" \\ \n");
            }
            whole.add(Documents.bytes(document));
        }
        List<byte[]> corpus = new ArrayList<>(whole);
        for (int n = 0; n < 1500; n++) {
            byte[] a = whole.get(random.nextInt(whole.size()));
            byte[] b = whole.get(random.nextInt(whole.size()));
            switch (n % 5) {
                case 0 -> corpus.add(overwrittenInPlace(a, b));
                case 1 -> corpus.add(Arrays.copyOf(a, random.nextInt(a.length + 1)));
                case 2 -> { // b written at a random offset of a, as two unlocked writers' positions can leave it
                    int at = random.nextInt(a.length + 1);
                    byte[] file = Arrays.copyOf(a, Math.max(a.length, at + b.length));
                    System.arraycopy(b, 0, file, at, b.length);
                    corpus.add(file);
                }
                case 3 -> { // one byte changed: a bit flip, a NUL from an extended file, a stray quote
                    byte[] file = a.clone();
                    int at = random.nextInt(file.length);
                    file[at] = (byte) new int[] {0, '"', '}', ',', 0xFF, 0x80, ' ', file[at] ^ (1 << random.nextInt(8))}[random.nextInt(8)];
                    corpus.add(file);
                }
                default -> { // zeros past the end: a size that persisted without its data
                    corpus.add(Arrays.copyOf(a, a.length + 1 + random.nextInt(4096)));
                }
            }
        }
        boolean[] pythonAccepts = pythonJsonLoads(corpus);
        int refusedByPython = 0;
        for (int i = 0; i < corpus.size(); i++) {
            byte[] input = corpus.get(i);
            if (!pythonAccepts[i]) {
                refusedByPython++;
                assertThrows(CorruptDocumentException.class, () -> Documents.parse(input),
                        () -> "json.loads refuses, Documents.parse accepted: " + HexFormat.of().formatHex(input));
            }
        }
        for (byte[] document : whole) {
            Documents.parse(document);
        }
        assertTrue(refusedByPython > 700, "the corpus must be mostly broken to test anything: " + refusedByPython);
    }

    /**
     * Sizes and depths at a parser's limits, in both directions: what {@code json.loads} accepts is
     * a document (a string of 21 MB, a name of 60,000 characters, a number of 2,000 digits, 900
     * arrays deep), what it refuses is corrupt (an integer of 5,000 digits, past Python's
     * {@code int_max_str_digits}; nesting a thousand deep, past its recursion limit).
     */
    @Test
    void atTheLimitsOfSizeAndDepthTheVerdictIsPythons() throws Exception {
        List<byte[]> inputs = List.of(
                utf8("{\"a\":\"" + "x".repeat(21_000_000) + "\"}"),
                utf8("{\"" + "k".repeat(60_000) + "\":1}"),
                utf8("{\"a\":" + "1".repeat(2_000) + "}"),
                utf8("{\"a\":-" + "9".repeat(4_300) + "}"),
                utf8("{\"a\":1." + "1".repeat(5_000) + "}"),
                utf8("{\"a\":" + "[".repeat(900) + "]".repeat(900) + "}"),
                utf8("{\"a\":" + "1".repeat(5_000) + "}"),
                utf8("{\"a\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}"));
        boolean[] pythonAccepts = pythonJsonLoads(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            byte[] input = inputs.get(i);
            String shown = new String(input, 0, Math.min(40, input.length), StandardCharsets.UTF_8) + "... (" + input.length + " bytes)";
            if (pythonAccepts[i]) {
                Documents.parse(input);
            } else {
                assertThrows(CorruptDocumentException.class, () -> Documents.parse(input), "json.loads refuses " + shown);
            }
        }
        assertEquals("[true, true, true, true, true, true, false, false]", Arrays.toString(pythonAccepts), "the corpus covers both sides");
    }

    /** Whether {@code json.loads} accepts each input, in one python3 process. */
    private static boolean[] pythonJsonLoads(List<byte[]> inputs) throws IOException, InterruptedException {
        String script = """
                import json, struct, sys
                data = sys.stdin.buffer.read()
                at = 0
                out = []
                while at < len(data):
                    (n,) = struct.unpack('>i', data[at:at + 4])
                    chunk = data[at + 4:at + 4 + n]
                    at += 4 + n
                    try:
                        json.loads(chunk)
                        out.append('1')
                    except Exception:
                        out.append('0')
                sys.stdout.write(''.join(out))
                """;
        Process python = new ProcessBuilder("python3", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(framed)) {
            for (byte[] input : inputs) {
                out.writeInt(input.length);
                out.write(input);
            }
        }
        try (var stdin = python.getOutputStream()) {
            stdin.write(framed.toByteArray());
        }
        String verdicts = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, python.exitValue(), "python3 failed");
        assertEquals(inputs.size(), verdicts.length(), "one verdict per input");
        boolean[] accepts = new boolean[inputs.size()];
        for (int i = 0; i < accepts.length; i++) {
            accepts[i] = verdicts.charAt(i) == '1';
        }
        return accepts;
    }
}
