package org.deepspt.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Prediction;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.TrackIssue;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.model.ModelManifest;
import org.deepspt.msd.MsdFitBound;
import org.deepspt.msd.MsdFitter;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.reliability.ReliabilityTally;
import org.jspecify.annotations.Nullable;

/**
 * A self-contained HTML report of an analysis run (see the package documentation): summary, sample
 * track paths coloured by predicted state, per-frame probability timelines, state fractions, predicted
 * classes, fingerprint distributions, rejected tracks with reasons and, when true labels are given, the
 * confusion matrix of predictions vs labels. Every {@code <section>} holds exactly one {@code <svg>}.
 *
 * <p>Reliability: the summary counts the tracks outside the model's reliable range (from each segmentation's
 * {@link org.deepspt.api.Reliability} verdict, per reason); section {@code lengths} is the histogram of track
 * lengths (bins below the model's minimum reliable length greyed, {@link Builder#reliabilityThresholds}), and
 * section {@code model-accuracy} the model's recorded test accuracy against track length
 * ({@link Builder#modelAccuracyByLength}, from its manifest), so that the lengths of the data can be read
 * against the lengths where the model is accurate; with {@link Builder#modelAccuracyByVerdict} the summary also
 * says how accurate the model was on held-out frames of tracks it judged reliable and on the others.
 *
 * <p>MSD fits on a bound: a track whose fingerprint α or D ended on a bound of the MSD fit
 * ({@link DiffusionalFingerprint#msdFitBound(MsdFitter, Fingerprint)} with {@link Builder#msdFitter}) has no
 * estimate of that parameter. Its value is left out of the α or D histogram (whose title counts it "at
 * bound"), the summary counts such tracks, and the fingerprint section lists them with "at bound" in place
 * of the value. A track whose MSD fit is {@link FitStatus#UNDETERMINED} (inside its bounds, but the curve does not
 * determine α: {@link DiffusionalFingerprint#msdFitStatus(MsdFitter, org.deepspt.api.Trajectory)}, the status
 * {@code msd} and the fingerprint table report) has no estimate of α or D either: counted in the summary, left
 * out of both histograms; so is every track whose fit status is no estimate ({@link FitStatus#isEstimate()} false:
 * not converged, no motion, too few lags), each histogram's title counting the tracks left out by status.
 *
 * <p>Build it in one pass with {@link #builder()}: {@link Builder#add(TrackResult)} per processed track and
 * {@link Builder#addIssue(TrackIssue)} per issue; memory grows by a few numbers per track (for the
 * histograms) plus the sampled tracks. The track sample is a seeded uniform reservoir sample
 * ({@link Builder#seed}), drawn in input order, so the same input and seed give the same page.
 *
 * <p>Immutable once built.
 */
public final class HtmlReport {
    private static final String CSS = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1320px}"
            + "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}"
            + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;"
            + "text-align:left}p.note{font-size:13px;color:#555}.legend span{display:inline-block;"
            + "margin-right:14px;font-size:13px}.legend i{display:inline-block;width:12px;height:12px;"
            + "margin-right:4px;vertical-align:-1px}svg{display:block;margin:6px 0;max-width:100%;height:auto}";
    private static final String[] CLASS_COLOURS = {"#4a6fa5", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6",
        "#f79646", "#2c4d75", "#772c2a", "#5f7530", "#a5a5a5"};
    private static final String ALPHA = FingerprintFeature.ALPHA.featureName();
    private static final String DIFFUSION = FingerprintFeature.DIFFUSION_COEFFICIENT.featureName();
    private static final int MAX_BOUND_EXAMPLES = 5;
    /** Why a track's α and D are left out of their histograms when its fit ended on a bound. */
    private static final String LEFT_OUT_AT_BOUND = "fit at bound";
    /** Lower edges (points) of the track-length histogram's bins after the first ({@code < 5}). */
    private static final int[] LENGTH_EDGES = {5, 10, 20, 50, 100, 200, 400, 600};
    private static final String[][] KEY_FEATURES = {
        {ALPHA, "α (MSD exponent)"},
        {DIFFUSION, "log10 D (" + FingerprintFeature.DIFFUSION_COEFFICIENT.feature().unit() + ")"},
        {"efficiency", "efficiency"},
        {"fractal_dimension", "fractal dimension"},
        {"fraction_normal", "fraction normal"},
        {"fraction_directed", "fraction directed"},
        {"fraction_confined", "fraction confined"},
        {"fraction_subdiffusive", "fraction subdiffusive"}};

    private final String html;

    private HtmlReport(String html) {
        this.html = html;
    }

    /** @return a builder with 24 sampled tracks, 6 timelines, 30 histogram bins, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the page (UTF-8 text, XHTML-compatible) */
    public String html() {
        return html;
    }

    /**
     * @param file created or truncated; written as UTF-8
     * @throws DeepSptException on write failure
     */
    public void write(Path file) {
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeepSptException("cannot write report " + file + ": " + org.deepspt.core.IoReason.of(e), e);
        }
    }

    /**
     * @param out destination (not closed)
     * @throws DeepSptException on write failure
     */
    public void writeTo(Writer out) {
        try {
            out.write(html);
            out.flush();
        } catch (IOException e) {
            throw new DeepSptException("cannot write report: " + org.deepspt.core.IoReason.of(e), e);
        }
    }

    @Override
    public String toString() {
        return "HtmlReport[" + html.length() + " chars]";
    }

    /** A growable array of doubles. */
    private static final class Values {
        double[] v = new double[256];
        int n;

        void add(double x) {
            if (n == v.length) {
                v = Arrays.copyOf(v, 2 * n);
            }
            v[n++] = x;
        }

        double[] toArray() {
            return Arrays.copyOf(v, n);
        }
    }

    private record Sampled(long order, TrackResult result) {
    }

    private record Reason(String key, long[] count, List<String> examples) {
    }

    /** Accumulates results and issues; not thread-safe. */
    public static final class Builder {
        private String title = "DeepSPT analysis report";
        private final Map<String, String> meta = new LinkedHashMap<>();
        private int sampleSize = 24;
        private int timelineSize = 6;
        private int bins = 30;
        private long seed;
        private Map<String, String> labels;
        private UniformRandomProvider rng;

        private final List<Sampled> sample = new ArrayList<>();
        private long results;
        private long points;
        private final long[] framesPerState = new long[4];
        private final long[] tracksPerState = new long[4];
        private long segmented;
        private final Map<String, Long> predicted = new TreeMap<>();
        private final Map<String, Values> features = new LinkedHashMap<>();
        private final Map<String, Map<String, Long>> confusion = new TreeMap<>();
        private long labelledMatched;
        private final List<TrackIssue> issues = new ArrayList<>();
        private MsdFitter msdFitter = MsdFitter.defaults();
        private String lengthUnit = "µm";
        private final long[] msdBounds = new long[MsdFitBound.values().length];
        private long msdTooFewLags;
        /** Tracks whose MSD fit is {@link FitStatus#UNDETERMINED}: inside its bounds, α not determined. */
        private long msdUndetermined;
        private final Map<MsdFitBound, List<String>> boundExamples = new EnumMap<>(MsdFitBound.class);
        /**
         * Tracks whose α and D are left out of their histograms, by reason: {@link #LEFT_OUT_AT_BOUND}, else the
         * words of a status that is no estimate ({@link #leftOutReason}); at bound first, then α undetermined, then
         * the others by name.
         */
        private final Map<String, Long> fitsLeftOut = new TreeMap<>(Builder::leftOutOrder);
        private final ReliabilityTally reliability = ReliabilityTally.create();
        private final long[] lengthCounts = new long[LENGTH_EDGES.length + 1];
        private @Nullable ReliabilityThresholds thresholds;
        private List<ModelManifest.LengthMetric> modelAccuracy = List.of();
        private List<ModelManifest.VerdictMetric> modelVerdict = List.of();

        private Builder() {
        }

        /**
         * @param unit the unit of the tracks' coordinates: {@code µm} (default), or {@code px} for an uncalibrated
         *     file ({@link org.deepspt.io.Calibration#lengthUnit()}); scale bars and D axes use it
         * @return this
         */
        public Builder lengthUnit(String unit) {
            this.lengthUnit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        /**
         * @param s page title (escaped)
         * @return this
         */
        public Builder title(String s) {
            this.title = Objects.requireNonNull(s, "title");
            return this;
        }

        /**
         * @param key a line of the summary table, e.g. "input file" (escaped)
         * @param value its value (escaped)
         * @return this
         */
        public Builder meta(String key, String value) {
            meta.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param n tracks drawn as paths, ≥ 0 (default 24)
         * @return this
         */
        public Builder sampleSize(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("sampleSize must be >= 0, got " + n);
            }
            this.sampleSize = n;
            return this;
        }

        /**
         * @param n tracks drawn as probability timelines, ≥ 0 (default 6; taken from the sample)
         * @return this
         */
        public Builder timelineSize(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("timelineSize must be >= 0, got " + n);
            }
            this.timelineSize = n;
            return this;
        }

        /**
         * @param n histogram bins, ≥ 1 (default 30)
         * @return this
         */
        public Builder bins(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("bins must be >= 1, got " + n);
            }
            this.bins = n;
            return this;
        }

        /**
         * @param s seed of the track sample (default 0); set before the first {@link #add}
         * @return this
         */
        public Builder seed(long s) {
            if (rng != null) {
                throw new IllegalStateException("seed must be set before the first track is added");
            }
            this.seed = s;
            return this;
        }

        /**
         * @param fitter the MSD fitter of the fingerprints (default {@link MsdFitter#defaults()}, that of
         *     {@link DiffusionalFingerprint#defaults()}): its bounds decide which α and D are "at bound"; set
         *     before the first {@link #add}
         * @return this
         */
        public Builder msdFitter(MsdFitter fitter) {
            Objects.requireNonNull(fitter, "fitter");
            if (results > 0) {
                throw new IllegalStateException("msdFitter must be set before the first track is added");
            }
            this.msdFitter = fitter;
            return this;
        }

        /**
         * True labels for the confusion matrix. The prediction of a track is its classifier label when it has
         * one, else the label of its dominant (most frequent) predicted diffusion state (e.g. "normal").
         *
         * @param trueLabels track id → true label
         * @return this
         */
        public Builder labels(Map<String, String> trueLabels) {
            this.labels = Map.copyOf(trueLabels);
            return this;
        }

        /**
         * @param t the reliable range the segmenter judged tracks against (greys the too-short length bins), or
         *     null when unknown
         * @return this
         */
        public Builder reliabilityThresholds(@Nullable ReliabilityThresholds t) {
            this.thresholds = t;
            return this;
        }

        /**
         * @param metrics the segmentation model's test accuracy per track length
         *     ({@link ModelManifest#testMetricsByLength()}); empty when unknown
         * @return this
         */
        public Builder modelAccuracyByLength(List<ModelManifest.LengthMetric> metrics) {
            this.modelAccuracy = List.copyOf(metrics);
            return this;
        }

        /**
         * @param metrics the segmentation model's test accuracy of the frames of tracks judged reliable and
         *     unreliable per held-out set ({@link ModelManifest#testMetricsByVerdict()}); the summary shows the set
         *     {@code main} (the published protocol), else the first; empty when unknown
         * @return this
         */
        public Builder modelAccuracyByVerdict(List<ModelManifest.VerdictMetric> metrics) {
            this.modelVerdict = List.copyOf(metrics);
            return this;
        }

        /**
         * @param r one processed track; the status of its MSD fit is computed here
         *     ({@link DiffusionalFingerprint#msdFitStatus(MsdFitter, org.deepspt.api.Trajectory)} with
         *     {@link #msdFitter}, one more fit of the track)
         * @return this
         */
        public Builder add(TrackResult r) {
            Objects.requireNonNull(r, "result");
            return add(r, r.fingerprint().isEmpty() ? null
                    : DiffusionalFingerprint.msdFitStatus(msdFitter, r.trajectory()));
        }

        /**
         * @param r one processed track
         * @param msdFitStatus the status of its MSD fit as {@link #add(TrackResult)} would compute it, computed once
         *     by a caller that also writes it elsewhere (the fingerprint table's {@code msd_fit_status}); ignored
         *     without a fingerprint
         * @return this
         */
        public Builder add(TrackResult r, FitStatus msdFitStatus) {
            Objects.requireNonNull(r, "result");
            if (rng == null) {
                rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            }
            long order = results++;
            points += r.trajectory().size();
            lengthCounts[lengthBin(r.trajectory().size())]++;
            r.segmentation().ifPresent(reliability::add);
            if (sample.size() < sampleSize) {
                sample.add(new Sampled(order, r));
            } else if (sampleSize > 0) {
                long j = rng.nextLong(order + 1);
                if (j < sampleSize) {
                    sample.set((int) j, new Sampled(order, r));
                }
            }
            DiffusionState dominant = null;
            if (r.segmentation().isPresent()) {
                segmented++;
                long[] c = new long[4];
                for (int s : r.segmentation().get().stateIndices()) {
                    c[s]++;
                }
                int best = 0;
                for (int k = 0; k < 4; k++) {
                    framesPerState[k] += c[k];
                    if (c[k] > c[best]) {
                        best = k;
                    }
                }
                tracksPerState[best]++;
                dominant = DiffusionState.ofIndex(best);
            }
            r.prediction().ifPresent(p -> predicted.merge(p.label(), 1L, Long::sum));
            Fingerprint fp = r.fingerprint().orElse(null);
            MsdFitBound bound = fp == null ? MsdFitBound.NONE : DiffusionalFingerprint.msdFitBound(msdFitter, fp);
            msdBounds[bound.ordinal()]++;
            FitStatus status = fp == null ? null : Objects.requireNonNull(msdFitStatus, "msdFitStatus");
            if (status == FitStatus.TOO_FEW_LAGS) {
                msdTooFewLags++;
            }
            if (status == FitStatus.UNDETERMINED) {
                msdUndetermined++;
            }
            if (bound.any()) {
                List<String> ex = boundExamples.computeIfAbsent(bound, k -> new ArrayList<>());
                if (ex.size() < MAX_BOUND_EXAMPLES) {
                    ex.add(r.trackId());
                }
            }
            // α and D are drawn only when the fit's status says they are estimates: a fit on a bound (counted as
            // such whatever its status), undetermined, not converged, without motion or without enough lags is
            // counted "left out" by its status (D in µm²/s^α depends on an α that is not known)
            String leftOut = bound.any() ? LEFT_OUT_AT_BOUND : status == null || status.isEstimate() ? null
                    : leftOutReason(status);
            if (leftOut != null) {
                fitsLeftOut.merge(leftOut, 1L, Long::sum);
            }
            for (String[] f : KEY_FEATURES) {
                if (leftOut != null && (f[0].equals(ALPHA) || f[0].equals(DIFFUSION))) {
                    continue;
                }
                if (fp != null && fp.contains(f[0])) {
                    double v = fp.value(f[0]);
                    if (f[0].equals(DIFFUSION)) {
                        v = v > 0 ? Math.log10(v) : Double.NaN;
                    }
                    features.computeIfAbsent(f[0], k -> new Values()).add(v);
                }
            }
            if (labels != null && labels.containsKey(r.trackId())) {
                String pred = r.prediction().map(Prediction::label)
                        .orElse(dominant == null ? null : dominant.label());
                if (pred != null) {
                    confusion.computeIfAbsent(labels.get(r.trackId()), k -> new TreeMap<>()).merge(pred, 1L, Long::sum);
                    labelledMatched++;
                }
            }
            return this;
        }

        /**
         * @param issue a rejected or modified track
         * @return this
         */
        public Builder addIssue(TrackIssue issue) {
            issues.add(Objects.requireNonNull(issue, "issue"));
            return this;
        }

        /**
         * @param all issues, in order
         * @return this
         */
        public Builder addIssues(Collection<TrackIssue> all) {
            all.forEach(this::addIssue);
            return this;
        }

        /** @return the rendered report */
        public HtmlReport build() {
            StringBuilder sb = new StringBuilder(1 << 16);
            sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                    .append("<meta charset=\"utf-8\"/>\n<title>").append(Xml.escape(title)).append("</title>\n")
                    .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<h1>")
                    .append(Xml.escape(title)).append("</h1>\n");
            summary(sb);
            List<TrackResult> drawn = sample.stream().sorted(Comparator.comparingLong(Sampled::order))
                    .map(Sampled::result).toList();
            legend(sb);
            section(sb, "tracks", "Sample tracks", "A uniform random sample of " + drawn.size() + " of " + results
                    + " tracks (seed " + seed + "), each scaled to its panel; colour = predicted state, black dot = "
                    + "first point.", SvgPlots.trackPanels(drawn, 6, 200, lengthUnit), "");
            List<TrackResult> timelines = new ArrayList<>();
            drawn.stream().filter(r -> r.segmentation().map(s -> s.segments().size() > 1).orElse(false))
                    .limit(timelineSize).forEach(timelines::add);
            drawn.stream().filter(r -> !timelines.contains(r)).limit(timelineSize - timelines.size())
                    .forEach(timelines::add);
            section(sb, "timelines", "Per-frame state probabilities", "Stacked probabilities of the four states "
                    + "per frame (bottom to top: normal, directed, confined, subdiffusive) for "
                    + timelines.size() + " sampled tracks, tracks with a change of state first.",
                    SvgPlots.probabilityTimelines(timelines, 2, 640, 130), "");
            states(sb);
            lengths(sb);
            if (!modelAccuracy.isEmpty()) {
                modelAccuracy(sb);
            }
            if (!predicted.isEmpty()) {
                predictions(sb);
            }
            fingerprints(sb);
            rejected(sb);
            if (labels != null) {
                confusion(sb);
            }
            sb.append("</body>\n</html>\n");
            return new HtmlReport(sb.toString());
        }

        private static void section(StringBuilder sb, String id, String heading, String note, String svg,
                String after) {
            sb.append("<section id=\"").append(id).append("\">\n<h2>").append(Xml.escape(heading)).append("</h2>\n")
                    .append("<p class=\"note\">").append(Xml.escape(note)).append("</p>\n").append(svg).append('\n')
                    .append(after).append("</section>\n");
        }

        private void summary(StringBuilder sb) {
            // tracks, not report entries, as the command's summary line counts them
            org.deepspt.io.IssueCounts counts = org.deepspt.io.IssueCounts.of(issues);
            Map<String, String> rows = new LinkedHashMap<>(meta);
            rows.put("tracks analysed", Long.toString(results));
            rows.put("points analysed", Long.toString(points));
            rows.put("tracks rejected", Long.toString(counts.rejected().size()));
            rows.put("tracks modified", counts.modified().size() + (counts.moreEntriesThanTracks()
                    ? " (" + counts.entries() + " entries in the error report)" : ""));
            if (counts.hasNotRead()) {
                // in the file but in no output and no track count: input tracks = analysed + rejected + these
                rows.put("not read (no track or filtered out)", counts.notRead());
            }
            if (reliability.judgedTracks() > 0) {
                rows.put("tracks outside the model's reliable range", reliability.unreliableTracks() + " of "
                        + reliability.tracks() + (reliability.unreliableTracks() == 0 ? ""
                                : " — " + reliability.describe() + "; their states are not trustworthy"));
            }
            modelVerdict.stream().filter(v -> v.set().equals("main")).findFirst()
                    .or(() -> modelVerdict.stream().findFirst())
                    .ifPresent(v -> rows.put("what the verdict is worth (model's held-out test)", String.format(
                            Locale.ROOT, "4-class accuracy %s on frames of tracks judged reliable, %s on the others "
                                    + "(%.0f %% of the frames judged reliable; test set %s%s)",
                            accuracy(v.reliableAccuracy()), accuracy(v.unreliableAccuracy()),
                            100 * v.reliableShare(), v.set(),
                            v.description().isEmpty() ? "" : ": " + v.description())));
            long onBound = results - msdBounds[MsdFitBound.NONE.ordinal()];
            rows.put("MSD fits on a bound", onBound == 0 ? "none of " + results + " tracks"
                    : onBound + " of " + results + " tracks (D: " + boundCount(true) + ", α: " + boundCount(false)
                            + "); their D / α are not estimates and are shown as \"at bound\"");
            rows.put("MSD fits with α undetermined", msdUndetermined + " of " + results + " tracks (inside the "
                    + "bounds, but SE(α) > " + MsdFitter.MAX_ALPHA_ERROR + " or α − 2·SE(α) > "
                    + MsdFitter.BALLISTIC_ALPHA + ": msd_fit_status undetermined); their α and D are not estimates "
                    + "and are not drawn");
            rows.put("MSD fits not run (too few lags)", msdTooFewLags + " of " + results + " tracks (fewer than "
                    + 4 * MsdFitter.MIN_LAGS + " points: lags 1..min(N/4, 30) give fewer than " + MsdFitter.MIN_LAGS
                    + " lags); their α and D are not drawn");
            sb.append("<table class=\"summary\">\n");
            rows.forEach((k, v) -> sb.append("<tr><th>").append(Xml.escape(k)).append("</th><td>")
                    .append(Xml.escape(v)).append("</td></tr>\n"));
            sb.append("</table>\n");
        }

        private static void legend(StringBuilder sb) {
            sb.append("<p class=\"legend\">");
            for (DiffusionState s : DiffusionState.values()) {
                sb.append("<span><i style=\"background:").append(SvgPlots.colour(s)).append("\"></i>")
                        .append(Xml.escape(s.label())).append("</span>");
            }
            sb.append("</p>\n");
        }

        private void states(StringBuilder sb) {
            long total = 0;
            for (long c : framesPerState) {
                total += c;
            }
            List<String> names = new ArrayList<>();
            List<String> colours = new ArrayList<>();
            double[] frac = new double[4];
            StringBuilder table = new StringBuilder("<table><tr><th>state</th><th>frames</th><th>tracks with this "
                    + "dominant state</th></tr>\n");
            for (DiffusionState s : DiffusionState.values()) {
                names.add(s.label());
                colours.add(SvgPlots.colour(s));
                frac[s.index()] = total > 0 ? (double) framesPerState[s.index()] / total : 0;
                table.append("<tr><td>").append(s.label()).append("</td><td>").append(framesPerState[s.index()])
                        .append("</td><td>").append(tracksPerState[s.index()]).append("</td></tr>\n");
            }
            table.append("</table>\n");
            section(sb, "states", "State fractions", segmented == 0 ? "No segmentation was run."
                    : "Fraction of all " + total + " frames of " + segmented + " segmented tracks in each predicted "
                            + "state.", SvgPlots.barChart("fraction of frames per state", names, frac, colours, true),
                    table.toString());
        }

        private static int lengthBin(int n) {
            int b = 0;
            while (b < LENGTH_EDGES.length && n >= LENGTH_EDGES[b]) {
                b++;
            }
            return b;
        }

        private static String accuracy(double a) {
            return Double.isNaN(a) ? "—" : String.format(Locale.ROOT, "%.3f", a);
        }

        private static String lengthLabel(int bin) {
            if (bin == 0) {
                return "< " + LENGTH_EDGES[0];
            }
            if (bin == LENGTH_EDGES.length) {
                return LENGTH_EDGES[bin - 1] + "+";
            }
            return LENGTH_EDGES[bin - 1] + "–" + (LENGTH_EDGES[bin] - 1);
        }

        private void lengths(StringBuilder sb) {
            List<String> names = new ArrayList<>();
            List<String> colours = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            int minLength = thresholds == null ? 0 : thresholds.minLength();
            StringBuilder table = new StringBuilder("<table><tr><th>points</th><th>tracks</th>"
                    + "<th>model's test accuracy (4-class) at these lengths</th></tr>\n");
            for (int b = 0; b <= LENGTH_EDGES.length; b++) {
                if (lengthCounts[b] == 0 && (b == 0 || b == LENGTH_EDGES.length)) {
                    continue;
                }
                names.add(lengthLabel(b));
                counts.add((double) lengthCounts[b]);
                int upper = b == LENGTH_EDGES.length ? Integer.MAX_VALUE : LENGTH_EDGES[b];
                colours.add(upper <= minLength ? "#bbbbbb" : "#4a6fa5");
                int lower = b == 0 ? 0 : LENGTH_EDGES[b - 1];
                StringBuilder acc = new StringBuilder();
                for (ModelManifest.LengthMetric m : modelAccuracy) {
                    if (m.length() >= lower && m.length() < upper) {
                        acc.append(acc.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f at N = %d",
                                m.accuracy(), m.length()));
                    }
                }
                table.append("<tr><td>").append(Xml.escape(lengthLabel(b))).append("</td><td>").append(lengthCounts[b])
                        .append("</td><td>").append(acc.length() == 0 ? "not recorded" : Xml.escape(acc.toString()))
                        .append("</td></tr>\n");
            }
            table.append("</table>\n");
            double[] values = counts.stream().mapToDouble(Double::doubleValue).toArray();
            String note = "Track-length histogram of the " + results + " analysed tracks (points per track)"
                    + (thresholds == null ? "." : "; grey bins lie below the model's minimum reliable length of "
                            + minLength + " points.")
                    + " The table puts the model's recorded test accuracy at each length next to the data.";
            section(sb, "lengths", "Track lengths", note, SvgPlots.barChart("tracks per length (points)", names,
                    values, colours, false), table.toString());
        }

        private void modelAccuracy(StringBuilder sb) {
            List<String> names = new ArrayList<>();
            List<String> colours = new ArrayList<>();
            double[] acc = new double[modelAccuracy.size()];
            StringBuilder table = new StringBuilder("<table><tr><th>track length N (points)</th><th>4-class "
                    + "accuracy</th><th>ECE</th><th>test tracks</th></tr>\n");
            for (int i = 0; i < acc.length; i++) {
                ModelManifest.LengthMetric m = modelAccuracy.get(i);
                names.add("N = " + m.length());
                acc[i] = m.accuracy();
                colours.add(m.accuracy() < 0.7 ? "#c0504d" : "#4a6fa5");
                table.append("<tr><td>").append(m.length()).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.3f", m.accuracy())).append("</td><td>")
                        .append(Double.isNaN(m.ece()) ? "—" : String.format(Locale.ROOT, "%.3f", m.ece()))
                        .append("</td><td>").append(m.tracks() == 0 ? "—" : Long.toString(m.tracks()))
                        .append("</td></tr>\n");
            }
            table.append("</table>\n");
            section(sb, "model-accuracy", "Model accuracy against track length", "Per-frame 4-class accuracy of the "
                    + "segmentation model on simulated test tracks of N points each, as recorded in its manifest "
                    + "(test_metrics); red: below 0.7.", SvgPlots.barChart("test accuracy by track length", names, acc,
                            colours, true), table.toString());
        }

        private void predictions(StringBuilder sb) {
            List<String> names = new ArrayList<>(predicted.keySet());
            names.sort(Comparator.comparing((String s) -> s.equals(Prediction.UNCERTAIN)).thenComparing(s -> s));
            double[] counts = new double[names.size()];
            List<String> colours = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                counts[i] = predicted.get(names.get(i));
                colours.add(names.get(i).equals(Prediction.UNCERTAIN) ? "#bbbbbb"
                        : CLASS_COLOURS[i % CLASS_COLOURS.length]);
            }
            section(sb, "predictions", "Predicted classes", "Number of tracks per class predicted by the "
                    + "classifier (\"" + Prediction.UNCERTAIN + "\": abstained).",
                    SvgPlots.barChart("tracks per predicted class", names, counts, colours, false), "");
        }

        /** @return tracks whose D (diffusion = true) or α ended on a bound */
        private long boundCount(boolean diffusion) {
            long n = msdBounds[MsdFitBound.D_AND_ALPHA.ordinal()];
            return n + msdBounds[(diffusion ? MsdFitBound.D : MsdFitBound.ALPHA).ordinal()];
        }

        /**
         * @return why tracks were left out of the α and D histograms: the reason alone when there is one
         *     ({@code fit at bound}), else each with its count ({@code 3 fit at bound, 12 α undetermined})
         */
        private String leftOutReasons() {
            if (fitsLeftOut.size() == 1) {
                return fitsLeftOut.keySet().iterator().next();
            }
            StringBuilder sb = new StringBuilder();
            fitsLeftOut.forEach((k, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(k));
            return sb.toString();
        }

        /** @return the words of a status that is no estimate, in a histogram title ({@code α undetermined}) */
        private static String leftOutReason(FitStatus status) {
            return status == FitStatus.UNDETERMINED ? "α undetermined" : status.label().replace('_', ' ');
        }

        /** Orders the reasons as the fit at bound first, then α undetermined, then the other statuses by name. */
        private static int leftOutOrder(String a, String b) {
            return Integer.compare(leftOutRank(a), leftOutRank(b)) != 0
                    ? Integer.compare(leftOutRank(a), leftOutRank(b)) : a.compareTo(b);
        }

        private static int leftOutRank(String reason) {
            return reason.equals(LEFT_OUT_AT_BOUND) ? 0 : reason.equals("α undetermined") ? 1 : 2;
        }

        private void fingerprints(StringBuilder sb) {
            List<Histogram> hs = new ArrayList<>();
            for (String[] f : KEY_FEATURES) {
                Values v = features.get(f[0]);
                boolean fit = f[0].equals(ALPHA) || f[0].equals(DIFFUSION);
                long leftOut = fit ? fitsLeftOut.values().stream().mapToLong(Long::longValue).sum() : 0;
                if (v != null || leftOut > 0) {
                    String label = f[0].equals(DIFFUSION) ? f[1].replace("µm", lengthUnit) : f[1];
                    String title = label + (leftOut == 0 ? "" : ", " + leftOut + " left out (" + leftOutReasons() + ")");
                    hs.add(Histogram.robust(title, v == null ? new double[0] : v.toArray(), bins, 0.005));
                }
            }
            StringBuilder table = new StringBuilder();
            if (!boundExamples.isEmpty()) {
                table.append("<table><tr><th>MSD fit</th><th>tracks</th><th>D</th><th>α</th>")
                        .append("<th>examples</th></tr>\n");
                for (MsdFitBound b : List.of(MsdFitBound.D, MsdFitBound.ALPHA, MsdFitBound.D_AND_ALPHA)) {
                    List<String> ex = boundExamples.get(b);
                    if (ex == null) {
                        continue;
                    }
                    long n = msdBounds[b.ordinal()];
                    table.append("<tr><td>").append(Xml.escape(b.label())).append(" on a bound</td><td>").append(n)
                            .append("</td><td>").append(b.diffusion() ? "at bound" : "not an estimate").append("</td><td>")
                            .append(b.alpha() ? "at bound" : "not an estimate").append("</td><td>")
                            .append(Xml.escape(String.join(", ", ex) + (n > ex.size() ? ", …" : "")))
                            .append("</td></tr>\n");
                }
                table.append("</table>\n");
            }
            section(sb, "fingerprints", "Fingerprint distributions", "Histograms of key fingerprint features over "
                    + "all analysed tracks (" + bins + " bins from the 0.5th to the 99.5th percentile; values beyond "
                    + "are counted in the end bins (\"clipped\"); undefined values, e.g. the MSD fit of very short "
                    + "tracks, are counted separately). An α or D on a bound of the MSD fit is where the fit stopped, "
                    + "not an estimate, and the other value of that fit is not one either (the unit of D depends on "
                    + "the α the fit stopped at): both are left out of their histograms and counted \"left out\" in the title, "
                    + "as are α and D of every other fit whose msd_fit_status says they are no estimates (undetermined: "
                    + "the MSD curve does not determine α; not_converged; no_motion; too_few_lags).",
                    SvgPlots.histograms(hs, 4), table.toString());
        }

        private void rejected(StringBuilder sb) {
            // Group reasons by their text with the track id and numbers blanked out.
            Map<String, Reason> reasons = new LinkedHashMap<>();
            for (TrackIssue i : issues) {
                String key = i.kind().name().toLowerCase(Locale.ROOT) + ": " + normalise(i.detail(), i.trackId());
                Reason r = reasons.computeIfAbsent(key, k -> new Reason(k, new long[1], new ArrayList<>()));
                r.count()[0]++;
                if (r.examples().size() < 3) {
                    r.examples().add(i.trackId());
                }
            }
            List<Reason> sorted = new ArrayList<>(reasons.values());
            sorted.sort(Comparator.comparingLong((Reason r) -> -r.count()[0]));
            List<Reason> top = sorted.subList(0, Math.min(20, sorted.size()));
            long[] counts = top.stream().mapToLong(r -> r.count()[0]).toArray();
            StringBuilder table = new StringBuilder();
            if (!top.isEmpty()) {
                table.append("<table><tr><th>reason (# = a number)</th><th>tracks</th><th>examples</th></tr>\n");
                for (Reason r : top) {
                    table.append("<tr><td>").append(Xml.escape(r.key())).append("</td><td>").append(r.count()[0])
                            .append("</td><td>").append(Xml.escape(String.join(", ", r.examples())))
                            .append("</td></tr>\n");
                }
                table.append("</table>\n");
            }
            section(sb, "rejected", "Rejected and modified tracks", issues.size() + " issue(s) in "
                    + reasons.size() + " kind(s)" + (sorted.size() > top.size() ? ", the 20 most frequent shown" : "")
                    + ".", SvgPlots.horizontalBars("tracks per reason", top.stream().map(Reason::key).toList(),
                            counts, "#c0504d"), table.toString());
        }

        /**
         * The kind of an issue: its detail with the track's quoted id ({@code 'id'}, and pieces {@code 'id.1'})
         * replaced by {@code <track>} and numbers by {@code #}. Only the quoted id is replaced: a short or numeric id
         * also occurs inside numbers and words ("needs at least 5", "deepspt-unet-2d-int8").
         */
        static String normalise(String detail, String trackId) {
            String s = trackId.isEmpty() ? detail
                    : detail.replace("'" + trackId + "'", "'<track>'").replace("'" + trackId + ".", "'<track>.");
            return s.replaceAll("[0-9]+(\\.[0-9]+)?", "#");
        }

        private void confusion(StringBuilder sb) {
            List<String> rows = new ArrayList<>(confusion.keySet());
            TreeSet<String> extra = new TreeSet<>();
            confusion.values().forEach(m -> extra.addAll(m.keySet()));
            List<String> cols = new ArrayList<>(rows);
            extra.stream().filter(c -> !rows.contains(c)).forEach(cols::add);
            long[][] counts = new long[rows.size()][cols.size()];
            long correct = 0;
            for (int i = 0; i < rows.size(); i++) {
                for (Map.Entry<String, Long> e : confusion.get(rows.get(i)).entrySet()) {
                    counts[i][cols.indexOf(e.getKey())] = e.getValue();
                    if (e.getKey().equals(rows.get(i))) {
                        correct += e.getValue();
                    }
                }
            }
            String note = labelledMatched + " analysed tracks have a label; accuracy "
                    + (labelledMatched > 0 ? String.format(Locale.ROOT, "%.1f %%", 100.0 * correct / labelledMatched)
                            : "n/a") + ". Rows: true label; columns: predicted (classifier label, else the dominant "
                    + "diffusion state); cells: count and fraction of the row.";
            section(sb, "confusion", "Predictions vs labels", note, SvgPlots.confusionMatrix(rows, cols, counts), "");
        }
    }
}
