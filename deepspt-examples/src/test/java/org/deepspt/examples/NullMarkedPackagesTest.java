package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.deepspt.api.Trajectory;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.core.BuildInfo;
import org.deepspt.io.TrackReaders;
import org.deepspt.jvm.JvmBackend;
import org.deepspt.msd.Msd;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.onnx.OnnxBackend;
import org.deepspt.sim.Simulator;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package outside {@code impl} of the published library modules on this class path (deepspt-api,
 * deepspt-base, deepspt-sim, deepspt-features, deepspt-segmentation, deepspt-io, deepspt-classify, deepspt-onnx,
 * deepspt-jvm), found by scanning their class folders or jars, is
 * {@link NullMarked}, so Kotlin and Scala callers see non-null types unless a type is {@code @Nullable}.
 */
class NullMarkedPackagesTest {

    @Test
    void everyLibraryPackageIsNullMarked() {
        List<String> unmarked = new ArrayList<>();
        SortedSet<String> all = new TreeSet<>();
        for (Class<?> c : List.of(Trajectory.class, BuildInfo.class, Simulator.class, Msd.class,
                NeuralSegmenter.class, TrackReaders.class, TrackClassifiers.class, OnnxBackend.class, JvmBackend.class)) {
            SortedSet<String> packages = packagesBeside(c);
            assertTrue(packages.contains(c.getPackageName()), c + " not found in " + packages);
            all.addAll(packages);
        }
        for (String p : all) {
            if (!isNullMarked(p)) {
                unmarked.add(p);
            }
        }
        assertTrue(all.size() >= 20, "too few packages found: " + all);
        assertTrue(unmarked.isEmpty(), "packages without @NullMarked on package-info.java: " + unmarked);
    }

    private static boolean isNullMarked(String pkg) {
        try {
            return Class.forName(pkg + ".package-info").isAnnotationPresent(NullMarked.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** @return the packages (outside {@code impl}) with classes in the class folder or jar holding {@code c} */
    private static SortedSet<String> packagesBeside(Class<?> c) {
        Path location;
        try {
            location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try {
            if (Files.isDirectory(location)) {
                return packagesUnder(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return packagesUnder(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SortedSet<String> packagesUnder(Path root) throws IOException {
        SortedSet<String> out = new TreeSet<>();
        String separator = root.getFileSystem().getSeparator();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.startsWith(root.resolve("META-INF")))
                    .map(f -> root.relativize(f.getParent()).toString().replace(separator, "."))
                    .filter(p -> !p.isEmpty() && !p.matches("(.*\\.)?impl(\\..*)?"))
                    .forEach(out::add);
        }
        return out;
    }
}
