package clobber.report;

import java.util.Locale;

/**
 * A small SVG writer: just enough to draw the report's charts without a library, and to escape
 * every piece of text that comes from a run (a strategy's name, an error message).
 */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    /** An {@code <svg>} that shrinks to its container's width (never grows past its own), with an accessible title. */
    Svg(String cssClass, int width, int height, String title) {
        out.append(String.format(Locale.ROOT,
                "<svg class=\"%s\" viewBox=\"0 0 %d %d\" style=\"max-width:%dpx\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>%n",
                cssClass, width, height, width, escape(title)));
    }

    Svg rect(String cssClass, double x, double y, double width, double height, String fill) {
        out.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\" fill=\"%s\"/>%n",
                cssClass, x, y, Math.max(0, width), Math.max(0, height), fill));
        return this;
    }

    /** Text at (x, y); {@code anchor} is start, middle or end; {@code cssClass} sets size and weight. */
    Svg text(double x, double y, String anchor, String cssClass, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>%n",
                x, y, anchor, cssClass, escape(text)));
        return this;
    }

    /**
     * Text that never leaves {@code maxWidth}: SVG text does not wrap, and its width depends on the
     * font the browser picks, so a line that may be too long for its box is given the box's width
     * as its {@code textLength} and squeezed to it. {@code fontPx} is the CSS size of
     * {@code cssClass}; the estimate of width per character is generous, for bold digits.
     */
    Svg fittedText(double x, double y, String anchor, String cssClass, String text, double fontPx, double maxWidth) {
        if (text.length() * fontPx * 0.62 <= maxWidth) {
            return text(x, y, anchor, cssClass, text);
        }
        out.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\" textLength=\"%.1f\" lengthAdjust=\"spacingAndGlyphs\">%s</text>%n",
                x, y, anchor, cssClass, maxWidth, escape(text)));
        return this;
    }

    /** Opens a group, e.g. one square of the matrix with its texts; close it with {@link #endGroup}. */
    Svg group(String cssClass) {
        out.append("<g class=\"").append(cssClass).append("\">\n");
        return this;
    }

    Svg endGroup() {
        out.append("</g>\n");
        return this;
    }

    Svg line(String cssClass, double x1, double y1, double x2, double y2) {
        out.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                cssClass, x1, y1, x2, y2));
        return this;
    }

    /** An arrow head pointing at (x, y), from the left ({@code rightwards}) or from the right. */
    Svg arrowHead(String cssClass, double x, double y, boolean rightwards) {
        double back = rightwards ? x - 10 : x + 10;
        out.append(String.format(Locale.ROOT, "<path class=\"%s\" d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f Z\"/>%n",
                cssClass, x, y, back, y - 6, back, y + 6));
        return this;
    }

    String end() {
        return out.append("</svg>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
