package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several files with the same track id: ids are written FILE:ID, and an issue's detail names the track and its
 * pieces by those ids too, so that every detail can be joined to an output row (before: "piece 'gap.1'", which no
 * output row has; found by review).
 */
class MultiFileReadTest {
    @TempDir
    Path dir;

    @Test
    void issueDetailsNameTheQualifiedIds() throws Exception {
        StringBuilder csv = new StringBuilder("particle,frame,x,y\n");
        for (int f = 0; f < 30; f++) {
            if (f != 10) {
                csv.append("gap,").append(f).append(',').append(0.1 * f).append(",0\n");
            }
        }
        Path a = Files.writeString(dir.resolve("a.csv"), csv);
        Path b = Files.writeString(dir.resolve("b.csv"), csv);
        MultiFileRead m = MultiFileRead.read(List.of(a, b), ReadOptions.defaults());
        List<String> ids = m.merged().trajectories().stream().map(Trajectory::id).toList();
        assertEquals(List.of("a.csv:gap.1", "a.csv:gap.2", "b.csv:gap.1", "b.csv:gap.2"), ids);
        for (TrackIssue i : m.merged().issues()) {
            assertTrue(i.trackId().endsWith(":gap"), i.toString());
            String file = i.trackId().substring(0, i.trackId().indexOf(':'));
            assertTrue(i.detail().contains("'" + file + ":gap."), i.detail());
        }
    }
    /**
     * merged().calibration().warnings() holds every file's warnings, each after its file's name, whether the files
     * share their units or not (before: the first file's warnings alone when they shared them, none otherwise).
     */
    @Test
    void mergedCalibrationHasEveryFilesWarnings(@TempDir Path dir) throws Exception {
        String xml = Files.readString(IoTestSupport.resource("trackmate_full.xml"));
        Path a = Files.writeString(dir.resolve("a.xml"), xml);
        Path b = Files.writeString(dir.resolve("b.xml"), xml);
        ReadOptions px = ReadOptions.builder().pixelSize(0.2).build();
        MultiFileRead same = MultiFileRead.read(List.of(a, b), px);
        List<String> w = same.merged().calibration().warnings();
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("a.xml: ReadOptions.pixelSize 0.2 µm/px conflicts"), w.toString());
        assertTrue(w.get(1).startsWith("b.xml: ReadOptions.pixelSize 0.2 µm/px conflicts"), w.toString());
        // another frame interval in b: the units differ, the warnings are still both files'
        Path c = Files.writeString(dir.resolve("c.xml"), xml.replace("timeinterval=\"0.05\"", "timeinterval=\"0.1\""));
        MultiFileRead mixed = MultiFileRead.read(List.of(a, c), px);
        assertTrue(Double.isNaN(mixed.merged().calibration().frameInterval()), mixed.merged().calibration().toString());
        List<String> wm = mixed.merged().calibration().warnings();
        assertEquals(2, wm.size(), wm.toString());
        assertTrue(wm.get(0).startsWith("a.xml: ") && wm.get(1).startsWith("c.xml: "), wm.toString());
        // one file: its warnings as they are
        assertEquals(MultiFileRead.read(List.of(a), px).calibrations().get(0).warnings(),
                MultiFileRead.read(List.of(a), px).merged().calibration().warnings());
    }
}
