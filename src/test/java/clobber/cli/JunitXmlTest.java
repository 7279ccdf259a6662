package clobber.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * junit.xml of a real matrix run is valid against the schema Surefire publishes for its own
 * reports (unpacked from Surefire's source release by the build), and fails exactly the cells
 * whose verdict broke the strategy's claim: here the one mis-claimed strategy.
 */
class JunitXmlTest {

    @org.junit.jupiter.api.io.TempDir
    Path cwd;

    private void assertValid(Path junit) throws Exception {
        URL schema = getClass().getResource("/schema/surefire-test-report.xsd");
        assertNotNull(schema, "the build unpacks Surefire's schema into target/test-classes/schema");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(junit.toFile())); // throws SAXParseException with line and column if invalid
    }

    /**
     * Whatever a plug-in throws or is named, junit.xml stays valid XML, summary.md's table keeps
     * its columns, and the console shows escape sequences as text instead of obeying them.
     */
    @Test
    void controlCharactersAndMarkupFromAPlugInReachNoReportAsTheyAre() throws Exception {
        ClobberProcess p = ClobberProcess.run(cwd, "gate", "--strategy", ThrowsGarbage.class.getName(),
                "--writers", "2", "--writes", "2", "--report", "reports");
        assertEquals(1, p.exit(), p.out() + p.err());
        Path report = cwd.resolve("reports/latest");
        assertValid(report.resolve("junit.xml"));
        String junit = java.nio.file.Files.readString(report.resolve("junit.xml"));
        // A plug-in's writers run in a worker JVM, whose protocol is UTF-8: there a lone surrogate is already a '?'.
        assertTrue(junit.matches("(?s).*bad \uFFFD\uFFFD byte \uFFFD\\[2J \\| \\*bold\\* \uFFFD [\uFFFD?] end.*"), junit);
        String row = java.nio.file.Files.readString(report.resolve("summary.md")).lines()
                .filter(l -> l.startsWith("| throws")).findFirst().orElseThrow();
        assertEquals(12, row.split("(?<!\\\\)\\|", -1).length, "ten columns between eleven bars, the name's | escaped: " + row);
        assertTrue(row.startsWith("| throws\\-garbage\\|\\*x\\* |"), row);
        assertTrue(!p.out().contains("\u001b") && !p.err().contains("\u001b"), "an escape reached the terminal: " + p.out());
    }

    @Test
    void validatesAgainstSurefiresSchemaAndFailsOneTestcasePerBrokenClaim() throws Exception {
        Path junit = ReportedMatrix.reports().resolve("latest/junit.xml");
        assertValid(junit);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(ReportedMatrix.STRATEGIES.length, cases.getLength(), "one testcase per (strategy, driver) cell");
        assertEquals(String.valueOf(cases.getLength()), suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));

        List<String> failed = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            assertEquals("threads", testcase.getAttribute("name"));
            NodeList failures = testcase.getElementsByTagName("failure");
            if (failures.getLength() > 0) {
                failed.add(testcase.getAttribute("classname"));
                Element failure = (Element) failures.item(0);
                assertEquals("LOST_WRITES", failure.getAttribute("type"));
                String message = failure.getAttribute("message");
                assertTrue(message.matches(".*lost [1-9][0-9]* of [0-9]+ acknowledged writes.*"), message);
                assertTrue(message.contains("survives threads, processes"), message);
                assertTrue(failure.getTextContent().contains("how one write was lost: W"), failure.getTextContent());
            }
        }
        assertEquals(List.of("clobber.misclaimed-no-lock"), failed);
    }
}
