package dev.lattice.example;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a Surefire XML report of a test run inside a container says: how many tests ran, and each failure with
 * its test and message, so that the failures of the inner run become the outer cell's failure.
 *
 * @param tests the number of tests the report counts
 * @param failures one line per failed or erroring test: {@code Class#method: message}
 */
record InnerTestReport(int tests, List<String> failures) {

    InnerTestReport {
        failures = List.copyOf(failures);
    }

    /** Reads one {@code TEST-*.xml} file. */
    static InnerTestReport parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element suite = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
            List<String> failures = new ArrayList<>();
            NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                for (String kind : List.of("failure", "error")) {
                    NodeList problems = testCase.getElementsByTagName(kind);
                    if (problems.getLength() > 0) {
                        failures.add(testCase.getAttribute("classname") + "#" + testCase.getAttribute("name") + ": "
                                + ((Element) problems.item(0)).getAttribute("message"));
                    }
                }
            }
            return new InnerTestReport(Integer.parseInt(suite.getAttribute("tests")), failures);
        } catch (Exception unreadable) {
            throw new IllegalStateException("Cannot read a Surefire report of the inner test run: " + unreadable,
                    unreadable);
        }
    }

    /** Adds another report's counts to this one's. */
    InnerTestReport plus(InnerTestReport other) {
        List<String> all = new ArrayList<>(failures);
        all.addAll(other.failures);
        return new InnerTestReport(tests + other.tests, all);
    }
}
