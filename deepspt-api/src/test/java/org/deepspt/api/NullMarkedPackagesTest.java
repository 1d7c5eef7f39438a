package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of deepspt-api (found by scanning its compiled classes, so a new package is checked too) is
 * {@link NullMarked}: Kotlin and nullness checkers then read its types as non-null unless {@code @Nullable}.
 */
class NullMarkedPackagesTest {

    @Test
    void everyPackageIsNullMarked() {
        SortedSet<String> packages = packagesBeside(Trajectory.class);
        assertEquals(List.of("org.deepspt.api", "org.deepspt.api.inference"), List.copyOf(packages));
        List<String> unmarked = packages.stream().filter(p -> !isNullMarked(p)).toList();
        assertTrue(unmarked.isEmpty(), "packages without @NullMarked on package-info.java: " + unmarked);
    }

    /** @return whether the package's {@code package-info} class exists and carries {@code @NullMarked} */
    static boolean isNullMarked(String pkg) {
        try {
            Class<?> info = Class.forName(pkg + ".package-info");
            return info.isAnnotationPresent(NullMarked.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** @return the packages (outside {@code impl}) with classes in the class folder that holds {@code c} */
    static SortedSet<String> packagesBeside(Class<?> c) {
        Path root;
        try {
            root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(Files.isDirectory(root), "expected a class folder, got " + root);
        SortedSet<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .filter(p -> !p.isEmpty() && !p.matches("(.*\\.)?impl(\\..*)?"))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
