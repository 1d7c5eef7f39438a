package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collection;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;

/** Shared helpers for the io tests. */
final class IoTestSupport {
    private IoTestSupport() {
    }

    static Path resource(String name) {
        URL url = IoTestSupport.class.getResource("/io/" + name);
        if (url == null) {
            throw new IllegalArgumentException("missing test resource io/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ReadResult readString(String text, TrackFormat format, ReadOptions options) {
        return TrackReaders.read(new StringReader(text), "test", format, options);
    }

    static ReadResult readCsv(String text, ReadOptions options) {
        return readString(text, TrackFormat.DEEPSPT_CSV, options);
    }

    static Trajectory byId(ReadResult r, String id) {
        return r.trajectories().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no trajectory '" + id + "' in " + r.trajectories()));
    }

    /**
     * The accounting invariant: every input id is output (as itself or as pieces id.k / id.bk) or REJECTED
     * under its input id; and nothing unknown is output.
     */
    static void assertAccounted(Collection<String> inputIds, ReadResult r) {
        for (String id : inputIds) {
            boolean out = r.trajectories().stream().anyMatch(t -> t.id().equals(id)
                    || t.id().startsWith(id + "."));
            boolean rejected = r.issues().stream().anyMatch(i -> i.trackId().equals(id)
                    && i.kind() == TrackIssue.Kind.REJECTED);
            assertTrue(out || rejected, "input track '" + id + "' is neither output nor rejected: " + r);
        }
        for (Trajectory t : r.trajectories()) {
            if (inputIds.stream().noneMatch(id -> t.id().equals(id) || t.id().startsWith(id + "."))) {
                fail("output track '" + t.id() + "' has no input track");
            }
        }
    }
}
