package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hardening: huge gaps, frame numbers near ±2³¹, derived-id collisions, TrackMate tracks without edges. */
class HostileFramesAndIdsTest {
    @TempDir
    Path dir;

    private Path csv(String body) throws Exception {
        return Files.writeString(dir.resolve("t.csv"), "particle,frame,x,y\n" + body);
    }

    private static String track(String id, int... frames) {
        StringBuilder sb = new StringBuilder();
        for (int f : frames) {
            sb.append(id).append(',').append(f).append(',').append(0.1 * (f % 7)).append(',').append(0.2 * (f % 5))
                    .append('\n');
        }
        return sb.toString();
    }

    private static ReadResult read(Path p, GapPolicy policy) {
        return TrackReaders.read(p, ReadOptions.builder().gapPolicy(policy).minLength(1).build());
    }

    /** A gap of two billion frames under INTERPOLATE cuts the track (gaps over 10 frames are not filled), no overflow. */
    @Test
    void aGapOfTwoBillionFramesCutsTheTrackUnderInterpolate() throws Exception {
        Path p = csv(track("ok", 0, 1, 2, 3, 4) + track("far", 0, 1, 2, 2_000_000_000));
        ReadResult r = read(p, GapPolicy.INTERPOLATE);
        assertEquals(List.of("ok", "far.1", "far.2"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(3, r.trajectories().get(1).size());
        assertEquals(2_000_000_000, r.trajectories().get(2).frame(0));
        TrackIssue issue = r.issues().get(0);
        assertEquals("far", issue.trackId());
        assertTrue(issue.detail().contains("missing frames 3..1999999999"), issue.detail());
        ReadResult edge = read(csv(track("edge", Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 1, 2, Integer.MAX_VALUE)),
                GapPolicy.INTERPOLATE);
        assertEquals(List.of("edge.1", "edge.2", "edge.3"), edge.trajectories().stream().map(Trajectory::id).toList());
    }

    @Test
    void framesNearTheIntLimitsSplitWithoutOverflow() throws Exception {
        Path p = csv(track("edge", Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 1, 2, Integer.MAX_VALUE - 1,
                Integer.MAX_VALUE));
        ReadResult r = read(p, GapPolicy.SPLIT);
        assertEquals(List.of("edge.1", "edge.2", "edge.3"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(2, r.trajectories().get(1).size());
        ReadResult rejected = read(p, GapPolicy.REJECT);
        assertTrue(rejected.trajectories().isEmpty());
        assertTrue(rejected.issues().get(0).detail().contains("-2147483646..0"), rejected.issues().get(0).detail());
    }

    @Test
    void derivedIdsNeverCollideWithRealTracks() throws Exception {
        Path p = csv(track("5", 0, 1, 2, 10, 11, 12) + track("5.1", 0, 1, 2) + track("5.2~2", 0, 1));
        ReadResult r = read(p, GapPolicy.SPLIT);
        List<String> ids = r.trajectories().stream().map(Trajectory::id).toList();
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), ids.toString());
        assertTrue(ids.contains("5.1") && ids.contains("5.2~2"), ids.toString());
        assertTrue(ids.contains("5.1~2") && ids.contains("5.2"), ids.toString());
        Trajectory real = r.trajectories().get(ids.indexOf("5.1"));
        assertEquals(3, real.size());
        assertTrue(r.issues().stream().anyMatch(i -> i.detail().contains("'5.1' is the id of another track")),
                r.issues().toString());
    }

    @Test
    void trackMateTracksWithoutEdgesAreReportedNotLost() throws Exception {
        String xml = Files.readString(Path.of(getClass().getResource("/io/trackmate_full.xml").toURI()));
        xml = xml.replace("    </AllTracks>", "      <Track name=\"Lonely\" TRACK_ID=\"7\" NUMBER_SPOTS=\"1\"/>\n"
                + "    </AllTracks>").replace("<TrackID TRACK_ID=\"1\"/>", "<TrackID TRACK_ID=\"1\"/>\n"
                        + "      <TrackID TRACK_ID=\"7\"/>");
        Path p = Files.writeString(dir.resolve("tm.xml"), xml);
        ReadResult r = TrackReaders.read(p, ReadOptions.builder().pixelSize(0.1).build());
        TrackIssue lonely = r.issues().stream().filter(i -> i.trackId().equals("Lonely")).findFirst().orElseThrow();
        assertEquals(TrackIssue.Kind.REJECTED, lonely.kind());
        assertTrue(lonely.detail().contains("no edges"), lonely.detail());
    }

    @Test
    void aTenMegabyteFieldIsNotEchoedWhole() throws Exception {
        String big = "9x".repeat(5_000_000);
        Path p = csv("a,0,0.1,0.2\na,1," + big + ",0.3\n");
        org.deepspt.api.InputFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.InputFormatException.class, () -> read(p, GapPolicy.SPLIT));
        assertTrue(e.getMessage().length() < 300, e.getMessage().length() + " chars");
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("(10000000 chars)"), e.getMessage());
        org.deepspt.api.InvalidTrajectoryException t = new org.deepspt.api.InvalidTrajectoryException(big, "bad");
        assertTrue(t.getMessage().length() < 150, t.getMessage());
    }

    @Test
    void aHeaderLineOverOneMebibyteIsNamedNotMarkInvalid() throws Exception {
        Path p = Files.writeString(dir.resolve("wide.csv"), "particle,frame,x,y," + "c,".repeat(600_000)
                + "\n0,0,1,2\n");
        org.deepspt.api.InputFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.InputFormatException.class, () -> read(p, GapPolicy.SPLIT));
        assertTrue(e.getMessage().contains("header line is longer than"), e.getMessage());
    }

    @Test
    void utf16XmlIsReadAndUtf16CsvIsRefusedByName() throws Exception {
        String xml = Files.readString(Path.of(getClass().getResource("/io/trackmate_simple.xml").toURI()))
                .replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>");
        Path p16 = dir.resolve("simple16.xml");
        Files.write(p16, xml.getBytes(java.nio.charset.StandardCharsets.UTF_16));
        Path p8 = dir.resolve("simple8.xml");
        Files.writeString(p8, xml.replace("UTF-16", "UTF-8"));
        assertEquals(TrackReaders.read(p8, ReadOptions.defaults()).trajectories(),
                TrackReaders.read(p16, ReadOptions.defaults()).trajectories());
        Path csv16 = dir.resolve("t16.csv");
        Files.write(csv16, ("particle,frame,x,y\n" + track("a", 0, 1, 2)).getBytes(
                java.nio.charset.StandardCharsets.UTF_16LE));
        org.deepspt.api.InputFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.InputFormatException.class, () -> TrackReaders.read(csv16, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
    }

    @Test
    void xmlEncodingsAreDecodedByDeclarationAndBadBytesGiveOneTypedLineWithoutParserNoise() throws Exception {
        String xml = Files.readString(Path.of(getClass().getResource("/io/trackmate_simple.xml").toURI()));
        Path p8 = Files.writeString(dir.resolve("simple8.xml"), xml);
        List<Trajectory> expected = TrackReaders.read(p8, ReadOptions.defaults()).trajectories();
        // ISO-8859-1 by declaration: a Latin-1 byte in a comment is read, the tracks are the same.
        String latin = xml.replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                + "<!-- caf\u00e9 -->");
        Path pl = dir.resolve("latin1.xml");
        Files.write(pl, latin.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(expected, TrackReaders.read(pl, ReadOptions.defaults()).trajectories());
        // UTF-8 with a byte-order mark.
        Path bom = dir.resolve("bom.xml");
        byte[] body = xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(bom, withBom);
        assertEquals(expected, TrackReaders.read(bom, ReadOptions.defaults()).trajectories());
        // The same Latin-1 bytes declared (by default) as UTF-8: a typed one-line error, nothing on stderr.
        Path bad = dir.resolve("bad-utf8.xml");
        Files.write(bad, latin.replace("ISO-8859-1", "UTF-8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        org.deepspt.api.InputFormatException e;
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            e = org.junit.jupiter.api.Assertions.assertThrows(org.deepspt.api.InputFormatException.class,
                    () -> TrackReaders.read(bad, ReadOptions.defaults()));
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8), "parser noise on stderr");
        assertTrue(e.getMessage().contains("bad-utf8.xml") && e.getMessage().contains("not valid text")
                && e.getMessage().contains("UTF-8") && !e.getMessage().contains("\n"), e.getMessage());
        // An encoding this runtime does not know is named.
        Path unknown = Files.writeString(dir.resolve("unknown.xml"),
                xml.replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"X-NO-SUCH-CHARSET\"?>"));
        org.deepspt.api.InputFormatException u = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.InputFormatException.class, () -> TrackReaders.read(unknown, ReadOptions.defaults()));
        assertTrue(u.getMessage().contains("X-NO-SUCH-CHARSET"), u.getMessage());
        // Malformed markup: one line, the parser's message without its "ParseError at" framing.
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<?xml version=\"1.0\"?>\n<TrackMate></TrackMat>");
        org.deepspt.api.InputFormatException b = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.InputFormatException.class, () -> TrackReaders.read(broken, ReadOptions.defaults()));
        assertTrue(!b.getMessage().contains("\n") && !b.getMessage().contains("ParseError")
                && b.getMessage().contains("line 2") && b.getMessage().contains("column"), b.getMessage());
    }

    @Test
    void trackMateSpotsOutsideAnyTrackAreCountedAndAFileWithoutTracksSaysSo() throws Exception {
        String xml = Files.readString(Path.of(getClass().getResource("/io/trackmate_full.xml").toURI()));
        int from = xml.indexOf("<AllTracks>");
        int to = xml.indexOf("</FilteredTracks>") + "</FilteredTracks>".length();
        Path p = Files.writeString(dir.resolve("spots-only.xml"), xml.substring(0, from) + "<AllTracks/>"
                + xml.substring(to));
        ReadResult r = TrackReaders.read(p, ReadOptions.builder().pixelSize(0.1).build());
        assertTrue(r.trajectories().isEmpty());
        TrackIssue note = r.issues().get(0);
        assertEquals(CsvTrackReader.UNTRACKED_ID, note.trackId());
        assertTrue(note.detail().startsWith("13 of 13 spots belong to no track") && note.detail().contains(
                "no tracks"), note.detail());
    }
}
