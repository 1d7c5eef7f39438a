package org.deepspt.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Versions of this build of deepspt-java, for provenance records (model files, reports, exported data
 * sets) and {@code --version}: read from {@code org/deepspt/core/build.properties}, which Maven fills in
 * from the POM when it builds deepspt-base, so no version is written by hand in the code.
 *
 * <p>Thread-safe; the file is read once, on first use.
 */
public final class BuildInfo {
    private static final String RESOURCE = "build.properties";

    private BuildInfo() {
    }

    /** @return the deepspt-java version, e.g. {@code 0.1.0-SNAPSHOT} (never empty) */
    public static String version() {
        return Holder.VERSION;
    }

    /** @return the Tribuo version deepspt-java was built against (deepspt-classify uses it), e.g. {@code 4.3.2} (never empty) */
    public static String tribuoVersion() {
        return Holder.TRIBUO_VERSION;
    }

    private static final class Holder {
        private static final Properties PROPERTIES = load();
        private static final String VERSION = value("version");
        private static final String TRIBUO_VERSION = value("tribuo.version");

        private static Properties load() {
            Properties p = new Properties();
            try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("org/deepspt/core/" + RESOURCE + " is missing from the class path");
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read org/deepspt/core/" + RESOURCE, e);
            }
            return p;
        }

        private static String value(String key) {
            String v = PROPERTIES.getProperty(key, "").trim();
            if (v.isEmpty() || v.contains("${")) {
                throw new IllegalStateException("org/deepspt/core/" + RESOURCE + " has no filtered value for '" + key
                        + "' (got '" + v + "'): build deepspt-base with Maven");
            }
            return v;
        }
    }
}
