package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary line counts input tracks when tracks are read as pieces (review: a track split into two pieces that
 * were both rejected counted as one modified and two rejected tracks, "4 rejected, 3 modified" for 6 tracks).
 */
class SummaryCountsCliTest {
    @TempDir
    Path dir;

    @Test
    void piecesCountForTheirInputTrack() throws Exception {
        StringBuilder csv = new StringBuilder("particle,frame,x,y\n");
        java.util.function.BiConsumer<String, int[]> track = (id, frames) -> {
            for (int f : frames) {
                csv.append(id).append(',').append(f).append(',').append(0.1 * f + 0.03 * (f % 3)).append(',')
                        .append(0.05 * (f % 4)).append('\n');
            }
        };
        track.accept("A", java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, 50),
                java.util.stream.IntStream.range(60, 110)).toArray());   // two pieces, both kept: modified
        track.accept("B", java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, 50),
                java.util.stream.IntStream.range(55, 58)).toArray());    // one piece kept, one too short: modified
        track.accept("C", new int[] {0, 1, 2, 10, 11, 12});               // both pieces too short: rejected
        track.accept("D", java.util.stream.IntStream.range(0, 40).toArray());   // as read
        Path in = dir.resolve("gaps.csv");
        Files.writeString(in, csv.toString());
        CliRun r = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("o.csv").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("segmented 4 tracks (from 3 input tracks, 190 points) with rolling-msd") && r.err().contains(
                "; 1 track rejected, 2 modified (9 report entries)"), r.err());
    }

    /**
     * classify says how many input tracks the tracks it classified came from, in segment's words (before:
     * "classified 21 tracks" for 20 input tracks, one of them read as two pieces).
     */
    @Test
    void classifySaysFromHowManyInputTracks() throws Exception {
        Path tracks = dir.resolve("sim.csv");
        assertEquals(0, run("simulate", "--clean-only", "--tracks", "20", "--length", "60", "--seed", "3", "--out",
                tracks.toString()).code());
        java.util.List<String> rows = Files.readAllLines(tracks);
        StringBuilder gap = new StringBuilder(rows.get(0)).append('\n');
        StringBuilder labels = new StringBuilder("particle,label\n");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            if (!(f[0].equals("5") && f[1].equals("30"))) {   // track 5 read as pieces 5.1 and 5.2
                gap.append(row).append('\n');
            }
        }
        for (int i = 0; i < 20; i++) {
            labels.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path in = dir.resolve("gap.csv");
        Files.writeString(in, gap);
        Path labelFile = dir.resolve("labels.csv");
        Files.writeString(labelFile, labels);
        Path model = dir.resolve("m.json");
        assertEquals(0, run("train-classifier", "--in", in.toString(), "--labels", labelFile.toString(), "--out",
                model.toString(), "--folds", "0", "--model", "rolling-msd").code());
        CliRun seg = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("s.csv").toString(), "--no-progress");
        assertEquals(0, seg.code(), seg.err());
        assertTrue(seg.err().contains("segmented 21 tracks (from 20 input tracks, "), seg.err());
        CliRun c = run("classify", "--classifier", model.toString(), "--in", in.toString(), "--out",
                dir.resolve("p.csv").toString(), "--model", "rolling-msd");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("classified 21 tracks (from 20 input tracks) -> "), c.err());
    }

    /**
     * From review: the spots and tracks a TrackMate file holds but that are not read (untracked spots, tracks outside
     * FilteredTracks) are counted apart from the rejected tracks, the same in every command and report.html
     * (before: "1 rejected" for one file, "6 rejected" for two, their file-qualified notes counted as tracks, and
     * "2 rejected" in stream, its notes counted as tracks).
     */
    @Test
    void whatWasNotReadIsCountedApartFromTheRejectedTracks() throws Exception {
        Path untracked = Path.of(getClass().getResource("/bad-input/trackmate_spots_outside_tracks.xml").toURI());
        Path filtered = Path.of(getClass().getResource("/bad-input/trackmate_filtered_out.xml").toURI());
        CliRun one = run("segment", "--model", "rolling-msd", "--in", untracked.toString(), "--out",
                dir.resolve("one.csv").toString(), "--no-progress");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.err().contains("; 0 tracks rejected, 0 modified, 3 untracked spots not read -> "), one.err());
        CliRun two = run("segment", "--model", "rolling-msd", "--in", untracked.toString(), filtered.toString(),
                "--out", dir.resolve("two.csv").toString(), "--no-progress");
        assertEquals(0, two.code(), two.err());
        assertTrue(two.err().contains("; 0 tracks rejected, 0 modified, 3 untracked spots and 1 filtered-out track "
                + "not read -> "), two.err());
        CliRun stream = run("stream", "--in", untracked.toString(), "--out", dir.resolve("st.csv").toString(),
                "--no-progress");
        assertEquals(0, stream.code(), stream.err());
        assertTrue(stream.err().contains("; 0 tracks rejected, 0 modified, 3 untracked spots not read -> "),
                stream.err());
        CliRun analyze = run("analyze", "--model", "rolling-msd", "--in", untracked.toString(), filtered.toString(),
                "--out", dir.resolve("an").toString(), "--no-progress");
        assertEquals(0, analyze.code(), analyze.err());
        String html = Files.readString(dir.resolve("an/report.html"));
        assertTrue(html.contains("<th>tracks rejected</th><td>0</td>") && html.contains(
                "<th>not read (no track or filtered out)</th><td>3 untracked spots and 1 filtered-out track</td>"),
                html);
    }

    /** From review: evaluate names the truth tracks its reader rejected (before, only "prediction without truth"). */
    @Test
    void evaluateNamesTheTruthTracksTheReaderRejected() throws Exception {
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "particle,frame,x,y,state\n1,0,0,0,0\n1,1,1,0,0\n1,2,2,0,0\n1,3,3,0,0\n"
                + "7,0,0,0,1\n7,0,1,1,1\n7,1,2,0,1\n");
        Path pred = dir.resolve("pred.csv");
        Files.writeString(pred, "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive\n"
                + "1,0,0,1,0,0,0\n1,1,0,1,0,0,0\n1,2,0,1,0,0,0\n1,3,0,1,0,0,0\n7,0,1,0,1,0,0\n7,1,1,0,1,0,0\n");
        CliRun r = run("evaluate", "--truth", truth.toString(), "--pred", pred.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("1 track(s) rejected, 0 changed by the reader: 7 rejected (duplicate frame 0"),
                r.err());
    }
}
