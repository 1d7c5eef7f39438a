package org.deepspt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class BuildInfoTest {

    @Test
    void versionIsTheVersionOfThePom() throws Exception {
        String version = BuildInfo.version();
        assertFalse(version.isBlank());
        assertEquals(pomVersion(), version);
    }

    @Test
    void tribuoVersionIsFilled() {
        assertFalse(BuildInfo.tribuoVersion().isBlank());
        assertFalse(BuildInfo.tribuoVersion().contains("${"));
    }

    /** The module's version: its own {@code <version>} or, when it has none, its parent's. */
    private static String pomVersion() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element project = doc.getDocumentElement();
        String own = child(project, "version");
        if (own != null) {
            return own;
        }
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("parent")) {
                return child(e, "version");
            }
        }
        throw new AssertionError("pom.xml has no version");
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
