package clobber.report;

import clobber.check.Criterion;

import clobber.check.Cell;

import clobber.check.RunResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as a JUnit XML report, in the shape Surefire writes and Jenkins, GitHub Actions
 * test reporters and GitLab read: one {@code <testsuite>}, one {@code <testcase>} per
 * (strategy, driver) cell, classname {@code clobber.<strategy>} and name the driver, so that CI
 * shows "no-lock: threads" under a class per strategy. A cell whose runs do not all pass the
 * {@link Criterion} gets a {@code <failure>}: its figures in the message, each run and the story
 * of one loss in the body; a cell a run of which clobber could not keep its conditions for gets an
 * {@code <error>} instead: the test did not run as it should, and says why.
 */
public final class JunitXml {
    private JunitXml() {}

    public static byte[] render(Results results, Criterion criterion) {
        List<Cell> cells = Cell.of(results.runs());
        long errors = cells.stream().filter(c -> c.environment() != null).count();
        long failures = cells.stream().filter(c -> !c.passed(criterion)).count() - errors;
        double seconds = results.runs().stream().mapToDouble(r -> r.timing().wallMillis()).sum() / 1000;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "clobber");
            xml.writeAttribute("time", time(seconds));
            xml.writeAttribute("tests", Integer.toString(cells.size()));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> property : Map.of(
                    "command", results.command(),
                    "machine", results.machine().toString(),
                    "finished", results.finished(),
                    "passes when", criterion.meaning()).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", property.getKey());
                xml.writeAttribute("value", Printable.xml(property.getValue()));
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (Cell cell : cells) {
                testcase(xml, cell, criterion);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing junit.xml to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void testcase(XMLStreamWriter xml, Cell cell, Criterion criterion) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", Printable.xml(cell.driver()));
        xml.writeAttribute("classname", Printable.xml("clobber." + cell.label()));
        xml.writeAttribute("time", time(cell.runs().stream().mapToDouble(r -> r.timing().wallMillis()).sum() / 1000));
        if (!cell.passed(criterion)) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement(cell.environment() != null ? "error" : "failure");
            xml.writeAttribute("type", cell.verdict().name());
            xml.writeAttribute("message", Printable.xml(cell.label() + " under " + cell.driver() + ": " + CellLines.figures(cell)
                    + " (" + cell.claim() + "; passes when " + criterion.meaning() + ")"));
            xml.writeCharacters(Printable.xml(details(cell, criterion)));
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
        } else if (cell.runs().stream().anyMatch(r -> r.exploration() != null)) {
            // A passing exploration still says how far it searched: exhaustive, or cut by its bound.
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            cell.runs().stream().filter(r -> r.exploration() != null)
                    .forEach(r -> writeLine(xml, Table.explorationLine(r)));
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
        }
        xml.writeEndElement();
    }

    private static void writeLine(XMLStreamWriter xml, String line) {
        try {
            xml.writeCharacters(Printable.xml(line) + "\n");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String details(Cell cell, Criterion criterion) {
        StringBuilder body = new StringBuilder("\n");
        int n = 0;
        for (RunResult run : cell.runs()) {
            body.append(String.format(Locale.ROOT, "run %d: %s, lost %s/%d, %d given up after %d failed attempts%s%s%s%n", ++n,
                    run.judgement().verdict(), run.damage().loss().figure(), run.counts().acknowledged(),
                    run.observed().failures().givenUp(), run.observed().failures().failedAttempts(),
                    run.observed().failures().first() == null ? "" : " (first: " + run.observed().failures().first() + ")",
                    run.damage().loss().unreadableFiles() == 0 ? "" : ", " + run.damage().loss().unreadableFiles() + " unreadable: " + run.damage().loss().firstUnreadable(),
                    criterion.passed(run) ? "" : " <- fails"));
            if (run.damage().powerLoss() != null) {
                body.append("  ").append(Table.powerLossLine(run)).append('\n');
            }
            if (run.exploration() != null) {
                body.append(Table.exploration(run).indent(2));
            }
            if (run.observed().notes() != null) {
                run.observed().notes().forEach(note -> body.append("  note: ").append(note).append('\n'));
            }
            if (run.observed().traceFindings() != null) {
                run.observed().traceFindings().forEach(f -> body.append("  trace: ").append(f.words()).append('\n'));
            }
        }
        cell.story().ifPresent(story -> body.append("how one write was lost: ").append(LossStories.sentence(story)).append('\n'));
        return body.toString();
    }

    /** Seconds with three decimals and a dot, as the schema's float type wants whatever the locale. */
    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
