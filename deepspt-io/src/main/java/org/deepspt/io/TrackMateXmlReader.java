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
import org.jspecify.annotations.Nullable;
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
        TrackAccumulator acc = new TrackAccumulator(options, Boolean.TRUE.equals(zPresent), false,
                options.gapPolicy(TrackFormat.TRACKMATE_XML));
        Set<String> usedNames = new HashSet<>();
        Set<String> skipped = new LinkedHashSet<>();
        FrameIntervalEstimator est = new FrameIntervalEstimator();
        for (TrackEdges te : tracks) {
            if (filteredSeen && !filtered.contains(te.trackId)) {
                skipped.add(te.name);
                if (!options.includeFilteredOut()) {
                    continue;
                }
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
            notes.add(TrackIssue.fileNote(CsvTrackReader.UNTRACKED_ID, TrackIssue.Kind.REJECTED, untracked,
                    untracked + " of " + nSpots + " spot" + (nSpots == 1 ? "" : "s")
                    + " belong to no track and are not read"
                    + (tracks.isEmpty() ? " (the file has no tracks: was tracking run in TrackMate?)" : "")));
        }
        if (!skipped.isEmpty() && options.includeFilteredOut()) {
            notes.add(TrackIssue.fileNote(FILTERED_OUT_ID, TrackIssue.Kind.MODIFIED, skipped.size(),
                    skipped.size() + " track" + (skipped.size() == 1 ? " is" : "s are") + " not in FilteredTracks "
                    + "and read as asked (" + ReadTerm.INCLUDE_FILTERED_OUT + "): " + abbreviate(skipped)));
        } else if (!skipped.isEmpty()) {
            notes.add(TrackIssue.fileNote(FILTERED_OUT_ID, TrackIssue.Kind.REJECTED, skipped.size(),
                    skipped.size() + " track" + (skipped.size() == 1 ? " is" : "s are") + " not in FilteredTracks "
                    + "and not read (" + ReadTerm.INCLUDE_FILTERED_OUT + " reads them): " + abbreviate(skipped)));
        }
        Units.SpaceConversion space = Units.space(spatialUnits, options, pixelWidth == null ? Double.NaN
                : Numbers.parseDouble(pixelWidth, source, 0, "pixelwidth"), source);
        Units.FrameInterval interval = frameInterval(est);
        double scale = space.factor();
        double dt = interval.seconds();
        acc.calibration(space.calibration(interval));
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
            Units.FrameInterval file;
            try {
                file = fileFrameInterval(est);
            } catch (InputFormatException e) {
                file = Units.FrameInterval.DEFAULT;   // an unreadable timeinterval the option replaces: no conflict
            }
            return Units.FrameInterval.option(forced.getAsDouble(), file, source);
        }
        return fileFrameInterval(est);
    }

    /** @return the frame interval the file gives (timeinterval, else its spot times), else the default */
    private Units.FrameInterval fileFrameInterval(FrameIntervalEstimator est) {
        boolean given = options.frameInterval().isPresent();
        double factor = Units.timeFactor(timeUnits);
        if (Double.isNaN(factor)) {
            if (!given) {
                LOG.warn("{}: time unit '{}' is not a physical unit; frame interval set to 1 s", source, timeUnits);
            }
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
        if (!given) {
                LOG.info("{}: no frame interval in the file or the options; using 1 s", source);
        }
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
                            + Messages.quote(name) + " (use "
                            + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks)");
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
        int[] ea = new int[m];
        int[] eb = new int[m];
        // An edge listed twice (also as B -> A) links the same two spots once: counted twice it would make a
        // straight track look like a merge and a split.
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int duplicates = 0;
        String firstDuplicate = null;
        int edges = 0;
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
            if (!seen.add((long) a * k + b)) {
                if (duplicates++ == 0) {
                    firstDuplicate = nodes[a] + " -> " + nodes[b];
                }
                continue;
            }
            ea[edges] = a;
            eb[edges] = b;
            edges++;
            outDeg[a]++;
            inDeg[b]++;
        }
        // attached to the first trajectory made of this track (a buffer under the track's own name would be an
        // empty track when the track is read as pieces)
        @Nullable TrackIssue duplicateNote = duplicates == 0 ? null : TrackIssue.modified(name, duplicates + " duplicate edge"
                + (duplicates == 1 ? "" : "s") + " ignored (the same two spots linked again, first "
                + firstDuplicate + ")");
        m = edges;
        int[][] succ = new int[k][];
        int[][] pred = new int[k][];
        for (int i = 0; i < k; i++) {
            succ[i] = new int[outDeg[i]];
            pred[i] = new int[inDeg[i]];
        }
        int[] fillOut = new int[k];
        int[] fillIn = new int[k];
        for (int e = 0; e < m; e++) {
            succ[ea[e]][fillOut[ea[e]]++] = eb[e];
            pred[eb[e]][fillIn[eb[e]]++] = ea[e];
        }
        // maximal linear chains (branches)
        List<int[]> chains = new ArrayList<>();
        int[] buf = new int[k];
        for (int i = 0; i < k; i++) {
            boolean start = inDeg[i] != 1 || outDeg[pred[i][0]] != 1;
            if (!start) {
                continue;
            }
            int len = 0;
            int cur = i;
            buf[len++] = cur;
            while (outDeg[cur] == 1 && inDeg[succ[cur][0]] == 1) {
                cur = succ[cur][0];
                buf[len++] = cur;
            }
            chains.add(Arrays.copyOf(buf, len));
        }
        chains.sort((p, q) -> {
            int c = Integer.compare(spotFrame[row[p[0]]], spotFrame[row[q[0]]]);
            return c != 0 ? c : Integer.compare(nodes[p[0]], nodes[q[0]]);
        });
        if (chains.size() == 1) {
            fill(noted(acc.track(name), duplicateNote), chains.get(0), row);
            return;
        }
        int nc = chains.size();
        int[] chainOfFirst = new int[k];
        Arrays.fill(chainOfFirst, -1);
        int[] chainOfNode = new int[k];
        for (int c = 0; c < nc; c++) {
            chainOfFirst[chains.get(c)[0]] = c;
            for (int node : chains.get(c)) {
                chainOfNode[node] = c;
            }
        }
        String[] names = lineageNames(name, chains, chainOfNode, inDeg, outDeg, pred, succ, row);
        switch (options.branchPolicy()) {
            case SPLIT -> {
                for (int c = 0; c < nc; c++) {
                    int[] chain = chains.get(c);
                    TrackBuffer b = acc.piece(name, names[c]).withSpotIds();
                    if (c == 0) {
                        noted(b, duplicateNote);
                    }
                    int first = chain[0];
                    int last = chain[chain.length - 1];
                    List<String> where = new ArrayList<>(2);
                    if (inDeg[first] > 1) {
                        where.add("merge at frame " + spotFrame[row[first]]);
                    } else if (inDeg[first] == 1 && outDeg[pred[first][0]] > 1) {
                        where.add("split after frame " + spotFrame[row[pred[first][0]]]);
                    }
                    if (outDeg[last] > 1) {
                        where.add("split after frame " + spotFrame[row[last]]);
                    } else if (outDeg[last] == 1 && inDeg[succ[last][0]] > 1) {
                        where.add("merge at frame " + spotFrame[row[succ[last][0]]]);
                    }
                    b.notes.add(TrackIssue.modified(name, "split at branch into piece '" + names[c] + "' (frames "
                            + TrackAccumulator.range(spotFrame[row[first]], spotFrame[row[last]]) + "); "
                            + (where.isEmpty() ? "disconnected part" : String.join(", ", where))
                            + "; the steps between branches belong to no piece (" + ReadTerm.BRANCHES_SPLIT + ")"));
                    fill(b, chain, row);
                }
            }
            case PATHS, LONGEST -> {
                boolean all = options.branchPolicy() == BranchPolicy.PATHS;
                PathWalk walk = new PathWalk(chains, succ, chainOfFirst, all ? (long) MAX_PATH_POINTS_PER_SPOT * k
                        : Long.MAX_VALUE, all);
                for (int c = 0; c < nc && walk.stop == null; c++) {
                    if (inDeg[chains.get(c)[0]] == 0) {
                        walk.from(c);
                    }
                }
                if (walk.stop != null) {
                    noted(acc.track(name), duplicateNote).rejectReason = walk.stop;
                    return;
                }
                if (all) {
                    java.util.Map<String, Integer> taken = new java.util.HashMap<>();
                    for (int[] path : walk.paths) {
                        // paths through a merge end on the same branch: the second is <name>~2, and so on
                        String leaf = names[path[path.length - 1]];
                        int nth = taken.merge(leaf, 1, Integer::sum);
                        String pid = nth == 1 ? leaf : leaf + "~" + nth;
                        TrackBuffer b = acc.piece(name, pid).withSpotIds();
                        if (path == walk.paths.get(0)) {
                            noted(b, duplicateNote);
                        }
                        int points = fillPath(b, path, chains, row);
                        b.notes.add(TrackIssue.modified(name, "branching track: root-to-leaf path '" + pid
                                + "' (" + points + " points, frames " + pathFrames(path, chains, row) + ")"));
                    }
                } else {
                    int[] best = walk.longest;
                    long bestPoints = walk.longestPoints;
                    TrackBuffer b = noted(acc.track(name), duplicateNote).withSpotIds();
                    fillPath(b, best, chains, row);
                    b.notes.add(TrackIssue.modified(name, "branching track: kept the longest root-to-leaf path '"
                            + names[best[best.length - 1]] + "' (" + bestPoints + " of " + k + " points, frames "
                            + pathFrames(best, chains, row) + "); " + (k - bestPoints) + " points on other branches "
                            + "not read (" + ReadTerm.BRANCHES_LONGEST + ")"));
                }
            }
            default -> throw new IllegalStateException("unknown branch policy " + options.branchPolicy());
        }
    }

    private static TrackBuffer noted(TrackBuffer b, @Nullable TrackIssue note) {
        if (note != null) {
            b.notes.add(note);
        }
        return b;
    }

    /** Most root-to-leaf paths read from one track before it is rejected. */
    static final int MAX_PATHS = 10_000;

    /**
     * Most points the root-to-leaf paths of one track may hold together under {@link BranchPolicy#PATHS}, as a
     * multiple of the track's spots: every path repeats the trunk it shares with the others, so a track with many
     * short side branches (spurs of a tracking error) would otherwise be written out many times over.
     */
    static final int MAX_PATH_POINTS_PER_SPOT = 10;

    /**
     * The root-to-leaf paths of one track's chains (branches), depth-first with an explicit stack (a long lineage of
     * many branches cannot overflow the thread's stack), daughters in chain order. Keeps every path
     * ({@code keepAll}, for {@link BranchPolicy#PATHS}) or only the one with the most points (the first of equals);
     * stops with a reason in {@link #stop} after {@link #MAX_PATHS} paths or when the kept paths would hold more
     * than {@code maxPoints} points together.
     */
    private static final class PathWalk {
        private final List<int[]> chains;
        private final int[][] succ;
        private final int[] chainOfFirst;
        private final long maxPoints;
        private final boolean keepAll;
        private final int[][] children;
        private final int[] nextChild;
        private final int[] stack;
        /** Points of the path up to and including stack[depth]. */
        private final long[] pointsTo;
        final List<int[]> paths = new ArrayList<>();
        int @Nullable [] longest;
        long longestPoints = -1;
        private long total;
        private int count;
        @Nullable String stop;

        PathWalk(List<int[]> chains, int[][] succ, int[] chainOfFirst, long maxPoints, boolean keepAll) {
            this.chains = chains;
            this.succ = succ;
            this.chainOfFirst = chainOfFirst;
            this.maxPoints = maxPoints;
            this.keepAll = keepAll;
            int nc = chains.size();
            children = new int[nc][];
            nextChild = new int[nc];
            stack = new int[nc];   // a path visits a chain at most once (frames increase along it)
            pointsTo = new long[nc];
        }

        /** Walks the paths from root chain {@code root}, unless an earlier walk stopped. */
        void from(int root) {
            int depth = 0;
            push(root, 0);
            while (depth >= 0 && stop == null) {
                int c = stack[depth];
                if (children[c] == null) {
                    int[] chain = chains.get(c);
                    int last = chain[chain.length - 1];
                    int[] next = new int[succ[last].length];
                    for (int i = 0; i < next.length; i++) {
                        next[i] = chainOfFirst[succ[last][i]];
                    }
                    Arrays.sort(next);   // chains are numbered in order of first frame, then spot ID
                    children[c] = next;
                    if (next.length == 0) {
                        leaf(depth);
                    }
                }
                if (nextChild[c] < children[c].length) {
                    int child = children[c][nextChild[c]++];
                    push(child, ++depth);
                } else {
                    depth--;
                }
            }
        }

        private void push(int c, int depth) {
            stack[depth] = c;
            children[c] = null;   // a chain below a merge is visited once per path through it
            nextChild[c] = 0;
            pointsTo[depth] = (depth == 0 ? 0 : pointsTo[depth - 1]) + chains.get(c).length;
        }

        private void leaf(int depth) {
            if (++count > MAX_PATHS) {
                stop = "more than " + MAX_PATHS + " root-to-leaf paths (merges and splits); read it with "
                        + ReadTerm.BRANCHES_SPLIT;
                return;
            }
            long points = pointsTo[depth];
            if (keepAll) {
                total += points;
                if (total > maxPoints) {
                    stop = "its root-to-leaf paths would hold more than " + maxPoints + " points, "
                            + MAX_PATH_POINTS_PER_SPOT + " times its spots (every path repeats the trunk it shares "
                            + "with the others: many short side branches); read it with " + ReadTerm.BRANCHES_SPLIT
                            + " or " + ReadTerm.BRANCHES_LONGEST;
                    return;
                }
                paths.add(Arrays.copyOf(stack, depth + 1));
            } else if (points > longestPoints) {
                longest = Arrays.copyOf(stack, depth + 1);
                longestPoints = points;
            }
        }
    }

    private int fillPath(TrackBuffer b, int[] path, List<int[]> chains, int[] row) {
        int points = 0;
        for (int c : path) {
            fill(b, chains.get(c), row);
            points += chains.get(c).length;
        }
        return points;
    }

    private String pathFrames(int[] path, List<int[]> chains, int[] row) {
        int[] first = chains.get(path[0]);
        int[] last = chains.get(path[path.length - 1]);
        return TrackAccumulator.range(spotFrame[row[first[0]]], spotFrame[row[last[last.length - 1]]]);
    }

    /**
     * TrackMate's lineage names of the branches of one track ("Append 'a', 'b' for each branch"): the first
     * root takes the track's name (further roots {@code .r2}, {@code .r3}, …), the daughters of a split take
     * their mother's name with {@code .a}, {@code .b}, … (ordered by the X position of their first spot, then
     * spot ID) or, when the mother already carries letters, the letter appended ({@code Track_3.ab}); a branch
     * that starts at a merge takes its first parent's name with {@code m}.
     *
     * @return the name of every chain, by chain index
     */
    private String[] lineageNames(String trackName, List<int[]> chains, int[] chainOfNode, int[] inDeg,
            int[] outDeg, int[][] pred, int[][] succ, int[] row) {
        int nc = chains.size();
        String[] names = new String[nc];
        boolean[] lettered = new boolean[nc];
        int roots = 0;
        for (int c = 0; c < nc; c++) {
            int first = chains.get(c)[0];
            if (inDeg[first] == 0) {
                roots++;
                names[c] = roots == 1 ? trackName : trackName + ".r" + roots;
                continue;
            }
            if (inDeg[first] > 1) {
                int parent = Integer.MAX_VALUE;
                for (int p : pred[first]) {
                    parent = Math.min(parent, chainOfNode[p]);
                }
                names[c] = names[parent] + (lettered[parent] ? "m" : ".m");
                lettered[c] = true;
                continue;
            }
            int mother = pred[first][0];
            int parent = chainOfNode[mother];
            Integer[] sisters = new Integer[succ[mother].length];
            for (int i = 0; i < sisters.length; i++) {
                sisters[i] = succ[mother][i];
            }
            Arrays.sort(sisters, (p, q) -> {
                int cmp = Double.compare(spotX[row[p]], spotX[row[q]]);
                return cmp != 0 ? cmp : Integer.compare(spotId[row[p]], spotId[row[q]]);
            });
            int index = Arrays.asList(sisters).indexOf(first);
            String letter = index < 26 ? String.valueOf((char) ('a' + index)) : "{" + (index + 1) + "}";
            names[c] = names[parent] + (lettered[parent] ? "" : ".") + letter;
            lettered[c] = true;
        }
        return names;
    }

    private void fill(TrackBuffer b, int[] chain, int[] row) {
        b.withSpotIds();
        for (int node : chain) {
            int s = row[node];
            b.add(spotFrame[s], spotX[s], spotY[s], spotZ[s], 0, spotId[s]);
        }
    }
}
