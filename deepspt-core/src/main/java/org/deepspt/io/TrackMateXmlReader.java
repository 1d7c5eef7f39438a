package org.deepspt.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.deepspt.api.TrackIssue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming reader of TrackMate full model XML. Spots are kept in primitive columns, track edges per
 * track; tracks (graphs) are cut into linear pieces at splits and merges.
 */
final class TrackMateXmlReader {
    private static final Logger LOG = LoggerFactory.getLogger(TrackMateXmlReader.class);

    /** Pseudo track id of the summary note about tracks not listed in FilteredTracks. */
    static final String FILTERED_OUT_ID = "(filtered-out tracks)";

    private final String source;
    private final ReadOptions options;

    // spots, in file order
    private int nSpots;
    private int[] spotId = new int[1024];
    private int[] spotFrame = new int[1024];
    private double[] spotX = new double[1024];
    private double[] spotY = new double[1024];
    private double[] spotZ = new double[1024];
    private double[] spotT = new double[1024];
    private int[] spotLine = new int[1024];
    private Boolean zPresent;
    private long[] sortedKeys;

    private final List<TrackEdges> tracks = new ArrayList<>();
    private final Set<String> filtered = new HashSet<>();
    private boolean filteredSeen;
    private String spatialUnits;
    private String timeUnits;
    private String timeInterval;
    private String pixelWidth;

    private TrackMateXmlReader(String source, ReadOptions options) {
        this.source = source;
        this.options = options;
    }

    static ReadResult read(XMLStreamReader r, String source, ReadOptions options) {
        try {
            return new TrackMateXmlReader(source, options).parse(r);
        } finally {
            SecureXml.close(r);
        }
    }

    /** Edges of one track, as parsed. */
    private static final class TrackEdges {
        final String name;
        final String trackId;
        final long line;
        int n;
        int[] src = new int[16];
        int[] tgt = new int[16];

        TrackEdges(String name, String trackId, long line) {
            this.name = name;
            this.trackId = trackId;
            this.line = line;
        }

        void add(int s, int t) {
            if (n == src.length) {
                src = Arrays.copyOf(src, 2 * n);
                tgt = Arrays.copyOf(tgt, 2 * n);
            }
            src[n] = s;
            tgt[n] = t;
            n++;
        }
    }

    private ReadResult parse(XMLStreamReader r) {
        String root = SecureXml.rootElement(r, source);
        if (!"TrackMate".equals(root)) {
            throw new InputFormatException(source, SecureXml.line(r), null, "root element is <" + root
                    + ">, expected <TrackMate>");
        }
        int frameOfGroup = Integer.MIN_VALUE;
        TrackEdges current = null;
        boolean inFiltered = false;
        while (true) {
            int ev = SecureXml.next(r, source);
            if (ev == XMLStreamConstants.END_DOCUMENT) {
                break;
            }
            if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "Track" -> current = null;
                    case "FilteredTracks" -> inFiltered = false;
                    case "SpotsInFrame" -> frameOfGroup = Integer.MIN_VALUE;
                    default -> {
                    }
                }
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            long line = SecureXml.line(r);
            switch (r.getLocalName()) {
                case "Model" -> {
                    spatialUnits = SecureXml.attr(r, "spatialunits");
                    timeUnits = SecureXml.attr(r, "timeunits");
                }
                case "SpotsInFrame" -> {
                    String f = SecureXml.attr(r, "frame");
                    frameOfGroup = f == null ? Integer.MIN_VALUE : Numbers.parseInt(f, source, line, "frame");
                }
                case "Spot" -> spot(r, line, frameOfGroup);
                case "Track" -> {
                    String name = SecureXml.attr(r, "name");
                    String id = SecureXml.attr(r, "TRACK_ID");
                    if (id == null) {
                        throw new InputFormatException(source, line, "TRACK_ID", "<Track> without TRACK_ID");
                    }
                    current = new TrackEdges(name == null || name.isBlank() ? id.trim() : name.trim(), id.trim(),
                            line);
                    tracks.add(current);
                }
                case "Edge" -> {
                    if (current != null) {
                        current.add(intAttr(r, "SPOT_SOURCE_ID", line), intAttr(r, "SPOT_TARGET_ID", line));
                    }
                }
                case "FilteredTracks" -> {
                    filteredSeen = true;
                    inFiltered = true;
                }
                case "TrackID" -> {
                    if (inFiltered) {
                        String id = SecureXml.attr(r, "TRACK_ID");
                        if (id != null) {
                            filtered.add(id.trim());
                        }
                    }
                }
                case "ImageData" -> {
                    timeInterval = SecureXml.attr(r, "timeinterval");
                    pixelWidth = SecureXml.attr(r, "pixelwidth");
                }
                default -> {
                }
            }
        }
        return assemble();
    }

    private int intAttr(XMLStreamReader r, String name, long line) {
        String v = SecureXml.attr(r, name);
        if (v == null) {
            throw new InputFormatException(source, line, name, "missing attribute " + name + " on <"
                    + r.getLocalName() + ">");
        }
        return Numbers.parseInt(v, source, line, name);
    }

    private double doubleAttr(XMLStreamReader r, String name, long line) {
        String v = SecureXml.attr(r, name);
        if (v == null) {
            throw new InputFormatException(source, line, name, "missing attribute " + name + " on <Spot>");
        }
        return Numbers.parseDouble(v, source, line, name);
    }

    private void spot(XMLStreamReader r, long line, int frameOfGroup) {
        int id = intAttr(r, "ID", line);
        double x = doubleAttr(r, "POSITION_X", line);
        double y = doubleAttr(r, "POSITION_Y", line);
        String zs = SecureXml.attr(r, "POSITION_Z");
        boolean has = zs != null && !zs.isBlank();
        if (zPresent == null) {
            zPresent = has;
        } else if (has != zPresent) {
            throw new InputFormatException(source, line, "POSITION_Z", "mixed 2D and 3D spots: spot ID " + id
                    + (has ? " has POSITION_Z but earlier spots do not" : " lacks POSITION_Z given on earlier spots"));
        }
        double z = has ? Numbers.parseDouble(zs, source, line, "POSITION_Z") : 0;
        String fs = SecureXml.attr(r, "FRAME");
        int frame;
        if (fs != null) {
            frame = Numbers.parseInt(fs, source, line, "FRAME");
        } else if (frameOfGroup != Integer.MIN_VALUE) {
            frame = frameOfGroup;
        } else {
            throw new InputFormatException(source, line, "FRAME", "spot ID " + id + " has no FRAME");
        }
        String ts = SecureXml.attr(r, "POSITION_T");
        double t = ts == null ? Double.NaN : Numbers.parseDouble(ts, source, line, "POSITION_T");
        if (nSpots == spotId.length) {
            int cap = 2 * nSpots;
            spotId = Arrays.copyOf(spotId, cap);
            spotFrame = Arrays.copyOf(spotFrame, cap);
            spotX = Arrays.copyOf(spotX, cap);
            spotY = Arrays.copyOf(spotY, cap);
            spotZ = Arrays.copyOf(spotZ, cap);
            spotT = Arrays.copyOf(spotT, cap);
            spotLine = Arrays.copyOf(spotLine, cap);
        }
        spotId[nSpots] = id;
        spotFrame[nSpots] = frame;
        spotX[nSpots] = x;
        spotY[nSpots] = y;
        spotZ[nSpots] = z;
        spotT[nSpots] = t;
        spotLine[nSpots] = (int) Math.min(Integer.MAX_VALUE, line);
        nSpots++;
    }

    /** @return row of the spot with this ID, or −1 */
    private int spotRow(int id) {
        int lo = 0;
        int hi = nSpots - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int k = (int) (sortedKeys[mid] >> 32);
            if (k < id) {
                lo = mid + 1;
            } else if (k > id) {
                hi = mid - 1;
            } else {
                return (int) (sortedKeys[mid] & 0xffffffffL);
            }
        }
        return -1;
    }

    private ReadResult assemble() {
        sortedKeys = new long[nSpots];
        for (int i = 0; i < nSpots; i++) {
            sortedKeys[i] = ((long) spotId[i] << 32) | i;
        }
        Arrays.sort(sortedKeys);
        for (int i = 1; i < nSpots; i++) {
            if ((sortedKeys[i] >> 32) == (sortedKeys[i - 1] >> 32)) {
                int row = (int) (sortedKeys[i] & 0xffffffffL);
                throw new InputFormatException(source, spotLine[row], "ID", "duplicate spot ID "
                        + spotId[row]);
            }
        }
        TrackAccumulator acc = new TrackAccumulator(options, Boolean.TRUE.equals(zPresent), false);
        Set<String> usedNames = new HashSet<>();
        Set<String> skipped = new LinkedHashSet<>();
        FrameIntervalEstimator est = new FrameIntervalEstimator();
        for (TrackEdges te : tracks) {
            if (filteredSeen && !filtered.contains(te.trackId)) {
                skipped.add(te.name);
                continue;
            }
            String name = usedNames.add(te.name) ? te.name : te.name + "#" + te.trackId;
            usedNames.add(name);
            track(te, name, acc, est);
        }
        List<TrackIssue> notes = new ArrayList<>(2);
        boolean[] linked = new boolean[nSpots];
        for (TrackEdges te : tracks) {
            for (int e = 0; e < te.n; e++) {
                int a = spotRow(te.src[e]);
                int b = spotRow(te.tgt[e]);
                if (a >= 0) {
                    linked[a] = true;
                }
                if (b >= 0) {
                    linked[b] = true;
                }
            }
        }
        int untracked = 0;
        for (boolean l : linked) {
            untracked += l ? 0 : 1;
        }
        if (untracked > 0) {
            notes.add(TrackIssue.rejected(CsvTrackReader.UNTRACKED_ID, untracked + " of " + nSpots + " spot"
                    + (nSpots == 1 ? "" : "s") + " belong to no track and are not read"
                    + (tracks.isEmpty() ? " (the file has no tracks: was tracking run in TrackMate?)" : "")));
        }
        if (!skipped.isEmpty()) {
            notes.add(TrackIssue.rejected(FILTERED_OUT_ID, skipped.size() + " track"
                    + (skipped.size() == 1 ? " is" : "s are") + " not in FilteredTracks and not read: "
                    + abbreviate(skipped)));
        }
        Units.SpaceConversion space = Units.space(spatialUnits, options, pixelWidth == null ? Double.NaN
                : Numbers.parseDouble(pixelWidth, source, 0, "pixelwidth"), source);
        Units.FrameInterval interval = frameInterval(est);
        double scale = space.factor();
        double dt = interval.seconds();
        acc.calibration(new Calibration(space.how(), space.source(), dt, interval.source()));
        LOG.debug("{}: {} spots, {} tracks ({} filtered out), scale {}, dt {} s", source, nSpots, tracks.size(),
                skipped.size(), scale, dt);
        return acc.finish(scale, dt, notes);
    }

    private static String abbreviate(Set<String> names) {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (String s : names) {
            if (k == 20) {
                return sb.append(", …").toString();
            }
            sb.append(k++ == 0 ? "" : ", ").append(s);
        }
        return sb.toString();
    }

    private Units.FrameInterval frameInterval(FrameIntervalEstimator est) {
        OptionalDouble forced = options.frameInterval();
        if (forced.isPresent()) {
            return Units.FrameInterval.option(forced.getAsDouble());
        }
        double factor = Units.timeFactor(timeUnits);
        if (Double.isNaN(factor)) {
            LOG.warn("{}: time unit '{}' is not a physical unit; frame interval set to 1 s", source, timeUnits);
            return new Units.FrameInterval(1.0, "default; time unit '" + timeUnits + "' is not physical");
        }
        if (timeInterval != null) {
            double ti = Numbers.parseDouble(timeInterval, source, 0, "timeinterval");
            if (ti > 0 && Double.isFinite(ti)) {
                return new Units.FrameInterval(ti * factor, "file timeinterval");
            }
        }
        OptionalDouble e = est.estimate(source);
        if (e.isPresent()) {
            return new Units.FrameInterval(e.getAsDouble() * factor, "file spot times");
        }
        LOG.info("{}: no frame interval in the file or the options; using 1 s", source);
        return Units.FrameInterval.DEFAULT;
    }

    private void track(TrackEdges te, String name, TrackAccumulator acc, FrameIntervalEstimator est) {
        int m = te.n;
        if (m == 0) {
            acc.track(name).rejectReason = "track has no edges (a single spot or none; line " + te.line
                    + "): a track needs at least 2 linked spots";
            return;
        }
        // nodes: unique spot IDs
        int[] ids = new int[2 * m];
        System.arraycopy(te.src, 0, ids, 0, m);
        System.arraycopy(te.tgt, 0, ids, m, m);
        Arrays.sort(ids);
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[k++] = ids[i];
            }
        }
        final int[] nodes = Arrays.copyOf(ids, k);
        final int[] row = new int[k];
        for (int i = 0; i < k; i++) {
            row[i] = spotRow(nodes[i]);
            if (row[i] < 0) {
                throw new InputFormatException(source, te.line, "SPOT_SOURCE_ID/SPOT_TARGET_ID", "track '"
                        + name + "' refers to spot ID " + nodes[i] + ", which is not in AllSpots");
            }
        }
        // non-finite check over the whole track
        for (int i = 0; i < k; i++) {
            int s = row[i];
            String bad = !Double.isFinite(spotX[s]) ? "POSITION_X" : !Double.isFinite(spotY[s]) ? "POSITION_Y"
                    : !Double.isFinite(spotZ[s]) ? "POSITION_Z" : null;
            if (bad != null) {
                double v = bad.equals("POSITION_X") ? spotX[s] : bad.equals("POSITION_Y") ? spotY[s] : spotZ[s];
                String what = "non-finite " + bad + " = " + v + " at spot ID " + nodes[i];
                if (options.nonFinitePolicy() == NonFinitePolicy.ERROR) {
                    throw new InputFormatException(source, spotLine[s], bad, what + " in track "
                            + Messages.quote(name) + " (use NonFinitePolicy.DROP_TRACK to drop such tracks)");
                }
                acc.track(name).rejectReason = what + " (line " + spotLine[s] + ")";
                return;
            }
        }
        for (int i = 0; i < k; i++) {
            est.add(spotFrame[row[i]], spotT[row[i]]);
        }
        // oriented adjacency: edges point forward in frame
        int[] outDeg = new int[k];
        int[] inDeg = new int[k];
        int[] succ = new int[k];
        int[] pred = new int[k];
        Arrays.fill(succ, -1);
        Arrays.fill(pred, -1);
        for (int e = 0; e < m; e++) {
            int a = Arrays.binarySearch(nodes, te.src[e]);
            int b = Arrays.binarySearch(nodes, te.tgt[e]);
            int fa = spotFrame[row[a]];
            int fb = spotFrame[row[b]];
            if (fa == fb) {
                acc.track(name).rejectReason = "edge between spots " + nodes[a] + " and " + nodes[b]
                        + " in the same frame " + fa;
                return;
            }
            if (fa > fb) {
                int tmp = a;
                a = b;
                b = tmp;
            }
            outDeg[a]++;
            inDeg[b]++;
            succ[a] = b;
            pred[b] = a;
        }
        // maximal linear chains
        List<int[]> chains = new ArrayList<>();
        int[] buf = new int[k];
        for (int i = 0; i < k; i++) {
            boolean start = inDeg[i] != 1 || outDeg[pred[i]] != 1;
            if (!start) {
                continue;
            }
            int len = 0;
            int cur = i;
            buf[len++] = cur;
            while (outDeg[cur] == 1 && inDeg[succ[cur]] == 1) {
                cur = succ[cur];
                buf[len++] = cur;
            }
            chains.add(Arrays.copyOf(buf, len));
        }
        chains.sort((p, q) -> {
            int c = Integer.compare(spotFrame[row[p[0]]], spotFrame[row[q[0]]]);
            return c != 0 ? c : Integer.compare(nodes[p[0]], nodes[q[0]]);
        });
        if (chains.size() == 1) {
            fill(acc.track(name), chains.get(0), row);
            return;
        }
        for (int c = 0; c < chains.size(); c++) {
            int[] chain = chains.get(c);
            String pid = name + ".b" + (c + 1);
            TrackBuffer b = acc.piece(name, pid);
            int first = chain[0];
            int last = chain[chain.length - 1];
            List<String> where = new ArrayList<>(2);
            if (inDeg[first] > 1) {
                where.add("merge at frame " + spotFrame[row[first]]);
            } else if (inDeg[first] == 1 && outDeg[pred[first]] > 1) {
                where.add("split after frame " + spotFrame[row[pred[first]]]);
            }
            if (outDeg[last] > 1) {
                where.add("split after frame " + spotFrame[row[last]]);
            } else if (outDeg[last] == 1 && inDeg[succ[last]] > 1) {
                where.add("merge at frame " + spotFrame[row[succ[last]]]);
            }
            b.notes.add(TrackIssue.modified(name, "split at branch into piece '" + pid + "' (frames "
                    + TrackAccumulator.range(spotFrame[row[first]], spotFrame[row[last]]) + "); "
                    + (where.isEmpty() ? "disconnected part" : String.join(", ", where))));
            fill(b, chain, row);
        }
    }

    private void fill(TrackBuffer b, int[] chain, int[] row) {
        for (int node : chain) {
            int s = row[node];
            b.add(spotFrame[s], spotX[s], spotY[s], spotZ[s], 0);
        }
    }
}
