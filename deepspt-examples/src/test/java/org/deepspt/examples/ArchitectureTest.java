package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * ARCHITECTURE.md's module table against the build: the modules of the root pom, each module's deepspt
 * dependencies outside test scope, its packages under {@code src/main/java}, the dependency rules it is exempt
 * from ({@code deepspt.allow.*} properties) and its {@code deepspt.module.name}. Reads the files of the checkout
 * (the test runs in {@code deepspt-examples/}).
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("..");
    private static final String DEEPSPT = "org.deepspt";

    /** One row of the page's module table. */
    private record Row(String module, Set<String> dependsOn, Set<String> packages, Set<String> exemptFrom) {
    }

    /** What the build says about one module. */
    private record Built(String module, Set<String> dependsOn, Set<String> packages, Set<String> exemptFrom,
            String packaging, String moduleName) {
    }

    @Test
    void moduleTableMatchesTheBuild() throws Exception {
        Map<String, Row> page = moduleTable(Files.readString(ROOT.resolve("ARCHITECTURE.md"), StandardCharsets.UTF_8));
        Map<String, Built> build = new LinkedHashMap<>();
        for (String dir : children(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            Built b = built(ROOT.resolve(dir));
            build.put(b.module(), b);
        }
        assertEquals(build.keySet(), page.keySet(), "ARCHITECTURE.md's modules vs the root pom's <modules>");
        for (Built b : build.values()) {
            Row r = page.get(b.module());
            assertEquals(b.dependsOn(), r.dependsOn(), b.module() + ": deepspt dependencies outside test scope");
            assertEquals(b.packages(), r.packages(), b.module() + ": packages under src/main/java");
            assertEquals(b.exemptFrom(), r.exemptFrom(), b.module() + ": dependency rules it is exempt from");
            if ("jar".equals(b.packaging())) {
                assertEquals("org.deepspt." + b.module().substring("deepspt-".length()), b.moduleName(),
                        b.module() + ": deepspt.module.name (its Automatic-Module-Name)");
            }
        }
    }

    @Test
    void theTableParserReadsEveryColumn() {
        Map<String, Row> rows = moduleTable("""
                ## Modules

                | module | depends on | packages | exempt from |
                |---|---|---|---|
                | `deepspt-x` | api, base | `org.deepspt.a`, `org.deepspt.b` | tribuo |
                | `deepspt-y` | — | — | — |

                ## Next
                | `deepspt-z` | api | — | — |
                """);
        assertEquals(Set.of("deepspt-x", "deepspt-y"), rows.keySet());
        Row x = rows.get("deepspt-x");
        assertEquals(Set.of("deepspt-api", "deepspt-base"), x.dependsOn());
        assertEquals(Set.of("org.deepspt.a", "org.deepspt.b"), x.packages());
        assertEquals(Set.of("tribuo"), x.exemptFrom());
        assertTrue(rows.get("deepspt-y").dependsOn().isEmpty());
    }

    /** @return the rows of the table under "## Modules", by module */
    private static Map<String, Row> moduleTable(String markdown) {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Modules");
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            assertEquals(5, cells.length, "table row with four cells: " + line);
            String module = cells[1].trim().replace("`", "");
            Set<String> deps = new TreeSet<>();
            for (String d : list(cells[2])) {
                deps.add("deepspt-" + d);
            }
            Set<String> packages = new TreeSet<>();
            for (String p : list(cells[3])) {
                packages.add(p.replace("`", ""));
            }
            assertFalse(rows.containsKey(module), "module listed twice: " + module);
            rows.put(module, new Row(module, deps, packages, new TreeSet<>(list(cells[4]))));
        }
        return rows;
    }

    private static List<String> list(String cell) {
        String c = cell.trim();
        List<String> out = new ArrayList<>();
        if (c.equals("—")) {
            return out;
        }
        for (String s : c.split(",")) {
            out.add(s.trim());
        }
        return out;
    }

    private static Built built(Path dir) throws Exception {
        Element project = pom(dir.resolve("pom.xml")).getDocumentElement();
        String artifactId = text(project, "artifactId");
        Set<String> deps = new TreeSet<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies != null) {
            for (Element d : elements(dependencies, "dependency")) {
                String scope = text(d, "scope");
                if (DEEPSPT.equals(text(d, "groupId")) && !"test".equals(scope)) {
                    deps.add(text(d, "artifactId"));
                }
            }
        }
        Set<String> exempt = new TreeSet<>();
        String moduleName = null;
        Element properties = child(project, "properties");
        if (properties != null) {
            for (Element p : elements(properties, null)) {
                String name = p.getTagName();
                if (name.startsWith("deepspt.allow.") && "true".equals(p.getTextContent().trim())) {
                    exempt.add(name.substring("deepspt.allow.".length()));
                }
                if (name.equals("deepspt.module.name")) {
                    moduleName = p.getTextContent().trim();
                }
            }
        }
        String packaging = text(project, "packaging");
        return new Built(artifactId, deps, packages(dir.resolve("src/main/java")), exempt,
                packaging == null ? "jar" : packaging, moduleName);
    }

    /** @return the packages with a .java file under {@code src} (empty when there is no such folder) */
    private static Set<String> packages(Path src) throws IOException {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(src)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> out.add(src.relativize(f.getParent()).toString().replace(
                            f.getFileSystem().getSeparator(), ".")));
        }
        return out;
    }

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> children(Element parent, String container, String name) {
        List<String> out = new ArrayList<>();
        Element c = child(parent, container);
        if (c != null) {
            for (Element e : elements(c, name)) {
                out.add(e.getTextContent().trim());
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> l = elements(parent, name);
        return l.isEmpty() ? null : l.get(0);
    }

    /** @return the direct child elements of {@code parent} named {@code name} (all with {@code null}) */
    private static List<Element> elements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }
}
