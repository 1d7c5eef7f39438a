package org.deepspt.fingerprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the golden-data CSV files of the fingerprint tests ({@code src/test/resources/fingerprint/}). */
final class FingerprintResources {
    private FingerprintResources() {
    }

    /**
     * @param name a file of {@code /fingerprint/}, with a header row
     * @return its rows after the header, blank lines skipped, split at every comma (empty fields kept)
     * @throws IOException when it is missing or unreadable
     */
    static List<String[]> readCsv(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = FingerprintResources.class.getResourceAsStream("/fingerprint/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /fingerprint/" + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows;
    }
}
