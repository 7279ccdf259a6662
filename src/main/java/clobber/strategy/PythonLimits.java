package clobber.strategy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;

import java.math.BigInteger;

/**
 * The limits of Python's {@code json.loads}, which defines what a corrupt file is, in place of
 * Jackson's defaults: Jackson refuses a string over 20 MB, a name over 50,000 characters and a
 * number over 1,000 digits
 * (<a href="https://github.com/FasterXML/jackson-core/wiki/StreamReadConstraints">StreamReadConstraints</a>,
 * since Jackson 2.15),
 * all of which Python reads. Python has two limits of its own: an integer of more than 4,300
 * digits ({@code sys.int_info.default_max_str_digits}, since Python 3.11:
 * <a href="https://docs.python.org/3/library/stdtypes.html#int-max-str-digits">int-max-str-digits</a>)
 * and nesting past its recursion limit, which {@code python3 -c 'json.loads(...)'} reaches at a
 * depth of 996.
 */
final class PythonLimits {
    private PythonLimits() {}

    /** The deepest document {@code json.loads} reads from a script's top level. */
    static final int MAX_DEPTH = 995;
    static final int MAX_INTEGER_DIGITS = 4_300;
    private static final BigInteger TOO_BIG = BigInteger.TEN.pow(MAX_INTEGER_DIGITS);

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxNestingDepth(MAX_DEPTH)
            .build();

    /** An integer Python would not convert. */
    static final class TooManyDigits extends RuntimeException {
        TooManyDigits() {
            super("an integer of more than " + MAX_INTEGER_DIGITS + " digits", null, false, false);
        }
    }

    /** Nodes as Jackson makes them, but an integer of more digits than Python converts is refused as it is read. */
    static final JsonNodeFactory NODES = new JsonNodeFactory(false) {
        @Override
        public ValueNode numberNode(BigInteger value) {
            if (value != null && value.abs().compareTo(TOO_BIG) >= 0) {
                throw new TooManyDigits();
            }
            return super.numberNode(value);
        }
    };
}
