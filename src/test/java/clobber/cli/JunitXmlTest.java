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

    @Test
    void validatesAgainstSurefiresSchemaAndFailsOneTestcasePerBrokenClaim() throws Exception {
        Path junit = ReportedMatrix.reports().resolve("latest/junit.xml");
        URL schema = getClass().getResource("/schema/surefire-test-report.xsd");
        assertNotNull(schema, "the build unpacks Surefire's schema into target/test-classes/schema");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(junit.toFile())); // throws SAXParseException with line and column if invalid

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
