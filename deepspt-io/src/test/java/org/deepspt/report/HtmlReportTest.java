package org.deepspt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.deepspt.TestTracks;
import org.deepspt.api.Classifier;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.api.Trajectory;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.msd.MsdFitBound;
import org.deepspt.msd.MsdFitter;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PipelineResult;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    static final String HOSTILE = "<script>alert(1)</script>&\"'";
    private static PipelineResult result;

    /** Directed motion has α > 1: "fast" when α ≥ 1.3, "slow" otherwise, abstains near the border. */
    static final class AlphaClassifier implements Classifier {
        @Override
        public Prediction predict(Fingerprint f) {
            double a = f.value("alpha");
            double p = 1 / (1 + Math.exp(-6 * (a - 1.3)));
            double top = Math.max(p, 1 - p);
            String label = top < 0.6 ? Prediction.UNCERTAIN : p >= 0.5 ? "fast" : "slow";
            return new Prediction(f.trackId(), label, top, Map.of("slow", 1 - p, "fast", p));
        }

        @Override
        public List<String> labels() {
            return List.of("slow", "fast");
        }

        @Override
        public List<String> featureNames() {
            return List.of("alpha");
        }

        @Override
        public double abstentionThreshold() {
            return 0.6;
        }
    }

    @BeforeAll
    static void analyse() {
        List<Trajectory> tracks = new ArrayList<>(Simulator.of(SimulationConfig.builder(2).lengthRange(20, 200)
                .build()).simulate(40, 5));
        tracks.set(3, tracks.get(3).withId(HOSTILE));
        tracks.add(Trajectory.ofAxes("tiny", 1, new double[] {0, 1}, new double[] {0, 1}));
        tracks.add(Trajectory.ofAxes("tiny2", 1, new double[] {0, 1, 2}, new double[] {0, 1, 0}));
        result = Pipeline.builder().segmenter(RollingMsdSegmenter.defaults()).classifier(new AlphaClassifier())
                .threads(2).build().run(tracks);
    }

    private static HtmlReport report(long seed, Map<String, String> labels) {
        HtmlReport.Builder b = HtmlReport.builder().title("Report of " + HOSTILE).meta("input", "a&b <c>.csv")
                .seed(seed).sampleSize(24);
        if (labels != null) {
            b.labels(labels);
        }
        result.results().forEach(b::add);
        b.addIssues(result.issues());
        return b.build();
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Element> sections(Document doc) {
        Map<String, Element> out = new HashMap<>();
        NodeList list = doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "section");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            out.put(e.getAttribute("id"), e);
        }
        return out;
    }

    @Test
    void wellFormedWithOneSvgPerSectionAndNoExternalResources() throws Exception {
        Map<String, String> labels = new HashMap<>();
        for (TrackResult r : result.results()) {
            labels.put(r.trackId(), r.fingerprint().orElseThrow().value("alpha") >= 1.3 ? "fast" : "slow");
        }
        String html = report(1, labels).html();
        Document doc = parse(html);
        Map<String, Element> sections = sections(doc);
        assertEquals(java.util.Set.of("tracks", "timelines", "states", "lengths", "predictions", "fingerprints",
                "rejected", "confusion"), sections.keySet());
        for (Map.Entry<String, Element> e : sections.entrySet()) {
            assertEquals(1, e.getValue().getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength(),
                    e.getKey());
        }
        // 24 sampled track panels, each with one black start dot.
        assertEquals(24, sections.get("tracks").getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle")
                .getLength());
        // 8 key-feature histograms.
        assertEquals(8, sections.get("fingerprints").getElementsByTagNameNS("http://www.w3.org/2000/svg", "g")
                .getLength());
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link") || html.contains("src=") || html.contains("@import")
                || html.contains("url("));
        // The only URLs are the two namespace names.
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").replace("http://www.w3.org/1999/xhtml", "")
                .contains("http"));
    }

    @Test
    void msdFitsOnABoundAreCountedAndNotDrawnAsValues() throws Exception {
        TestTracks gen = TestTracks.seeded(1);
        List<Trajectory> tracks = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            tracks.add(gen.brownian("b" + k, 200, 0.1, 0.1, 2, 0));
        }
        tracks.add(gen.jitter("still", 100, 1e-6, 0.1, 2));
        for (int k = 0; k < 30; k++) {
            tracks.add(gen.confined("c" + k, 100, 0.1, 0.05, 0.1, 2));
        }
        PipelineResult res = Pipeline.builder().segmenter(RollingMsdSegmenter.defaults()).build().run(tracks);
        assertEquals(tracks.size(), res.results().size());
        // what the fitter itself says about each track
        MsdFitter fitter = MsdFitter.defaults();
        long onD = 0;
        long onAlpha = 0;
        long any = 0;
        long undetermined = 0;
        for (TrackResult r : res.results()) {
            undetermined += fitter.fit(r.trajectory()).status() == org.deepspt.api.FitStatus.UNDETERMINED ? 1 : 0;
            MsdFitBound b = fitter.fit(r.trajectory()).atBound();
            if (r.trackId().startsWith("b")) {
                assertEquals(MsdFitBound.NONE, b, r.trackId());
            }
            onD += b.diffusion() ? 1 : 0;
            onAlpha += b.alpha() ? 1 : 0;
            any += b.any() ? 1 : 0;
        }
        assertTrue(onD >= 1 && onAlpha >= 1, "test data should have both kinds: D " + onD + ", α " + onAlpha);
        HtmlReport.Builder rb = HtmlReport.builder().msdFitter(fitter);
        res.results().forEach(rb::add);
        Document doc = parse(rb.build().html());
        String all = doc.getDocumentElement().getTextContent();
        assertTrue(all.contains("MSD fits on a bound" + any + " of " + tracks.size() + " tracks (D: " + onD + ", α: "
                + onAlpha + ")"), all);
        Element fingerprints = sections(doc).get("fingerprints");
        NodeList panels = fingerprints.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        String alphaPanel = panels.item(0).getTextContent();
        String dPanel = panels.item(1).getTextContent();
        // a fit on any bound is not an estimate: neither its α nor its D (µm²/s^α of the α it stopped at) is drawn,
        // also where only α is on its bound (review: α = 10 tracks put D = 5e-8 on the log10 D axis)
        assertTrue(any > onD, "test data should have fits with only α on a bound: " + any + " vs D " + onD);
        // (some confined fits inside the bounds have an undetermined α, as msd says: left out too, counted apart)
        String left = undetermined == 0 ? any + " left out (fit at bound)"
                : (any + undetermined) + " left out (" + any + " fit at bound, " + undetermined + " α undetermined)";
        assertTrue(alphaPanel.startsWith("α (MSD exponent), " + left), alphaPanel);
        assertTrue(alphaPanel.contains("n = " + (tracks.size() - any - undetermined) + ","), alphaPanel);
        assertTrue(dPanel.startsWith("log10 D (µm²/s^α), " + left), dPanel);
        assertTrue(dPanel.contains("n = " + (tracks.size() - any - undetermined) + ","), dPanel);
        String table = fingerprints.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "table").item(0)
                .getTextContent();
        assertTrue(table.contains("still") && table.contains("at bound"), table);
        assertFalse(table.contains("b0"), table);
        // without any bound: a plain count, no table
        HtmlReport.Builder plain = HtmlReport.builder();
        res.results().stream().filter(r -> r.trackId().startsWith("b")).forEach(plain::add);
        Document p = parse(plain.build().html());
        assertTrue(p.getDocumentElement().getTextContent().contains("MSD fits on a boundnone of 20 tracks"));
        assertEquals(0, sections(p).get("fingerprints").getElementsByTagNameNS("http://www.w3.org/1999/xhtml",
                "table").getLength());
    }

    /**
     * Short noisy Brownian tracks (20 points, σ²/(D·Δt) = 3.2): the report counts the undetermined fits as msd and the
     * fingerprint table report them, and draws neither their α nor their D.
     */
    @Test
    void undeterminedMsdFitsAreCountedAndNotDrawnAsValues() throws Exception {
        List<Trajectory> tracks = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            tracks.add(TestTracks.seeded(k).brownian("s" + k, 20, 0.05, 0.01, 2, 0.04));
        }
        PipelineResult res = Pipeline.builder().segmenter(RollingMsdSegmenter.defaults()).build().run(tracks);
        assertEquals(tracks.size(), res.results().size());
        MsdFitter fitter = MsdFitter.defaults();
        long undetermined = 0;
        long atBound = 0;
        for (TrackResult r : res.results()) {
            org.deepspt.msd.MsdFit f = fitter.fit(r.trajectory());
            undetermined += f.status() == org.deepspt.api.FitStatus.UNDETERMINED ? 1 : 0;
            atBound += f.atBound().any() ? 1 : 0;
        }
        assertTrue(undetermined >= 10 && atBound >= 1, "test data: " + undetermined + " undetermined, " + atBound
                + " at bound");
        HtmlReport.Builder rb = HtmlReport.builder().msdFitter(fitter);
        res.results().forEach(rb::add);
        Document doc = parse(rb.build().html());
        String all = doc.getDocumentElement().getTextContent();
        assertTrue(all.contains("MSD fits with α undetermined" + undetermined + " of " + tracks.size() + " tracks"),
                all);
        NodeList panels = sections(doc).get("fingerprints").getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        String left = (atBound + undetermined) + " left out (" + atBound + " fit at bound, " + undetermined
                + " α undetermined)";
        String alphaPanel = panels.item(0).getTextContent();
        String dPanel = panels.item(1).getTextContent();
        assertTrue(alphaPanel.startsWith("α (MSD exponent), " + left), alphaPanel);
        assertTrue(alphaPanel.contains("n = " + (tracks.size() - atBound - undetermined) + ","), alphaPanel);
        assertTrue(dPanel.startsWith("log10 D (µm²/s^α), " + left), dPanel);
    }

    /**
     * A fit whose status is no estimate but neither on a bound nor undetermined (not_converged here, given as the
     * caller computed it) is left out of the α and D histograms and counted by status in their titles (before: only
     * at-bound and undetermined fits were left out; a not-converged fit's α and D were drawn as values).
     */
    @Test
    void fitsThatAreNoEstimateAreLeftOutByStatus() throws Exception {
        MsdFitter fitter = MsdFitter.defaults();
        List<TrackResult> ok = result.results().stream()
                .filter(r -> fitter.fit(r.trajectory()).status() == org.deepspt.api.FitStatus.OK).limit(5).toList();
        assertEquals(5, ok.size(), "test data: tracks whose MSD fit is ok");
        HtmlReport.Builder rb = HtmlReport.builder().msdFitter(fitter);
        rb.add(ok.get(0), org.deepspt.api.FitStatus.NOT_CONVERGED);
        rb.add(ok.get(1), org.deepspt.api.FitStatus.NOT_CONVERGED);
        rb.add(ok.get(2), org.deepspt.api.FitStatus.UNDETERMINED);
        ok.subList(3, 5).forEach(rb::add);
        NodeList panels = sections(parse(rb.build().html())).get("fingerprints")
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        String alphaPanel = panels.item(0).getTextContent();
        String dPanel = panels.item(1).getTextContent();
        String left = "3 left out (1 α undetermined, 2 not converged)";
        assertTrue(alphaPanel.startsWith("α (MSD exponent), " + left), alphaPanel);
        assertTrue(alphaPanel.contains("n = 2,"), alphaPanel);
        assertTrue(dPanel.startsWith("log10 D (µm²/s^α), " + left), dPanel);
        assertTrue(dPanel.contains("n = 2,"), dPanel);
        // one reason alone is named without its count, as before
        HtmlReport.Builder one = HtmlReport.builder().msdFitter(fitter);
        one.add(ok.get(0), org.deepspt.api.FitStatus.NOT_CONVERGED);
        ok.subList(1, 5).forEach(one::add);
        String alphaOne = sections(parse(one.build().html())).get("fingerprints")
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "g").item(0).getTextContent();
        assertTrue(alphaOne.startsWith("α (MSD exponent), 1 left out (not converged)"), alphaOne);
        assertTrue(alphaOne.contains("n = 4,"), alphaOne);
    }

    @Test
    void hostileTrackIdIsEscapedEverywhere() throws Exception {
        // Make sure the hostile track is drawn: sample every track.
        HtmlReport.Builder b = HtmlReport.builder().sampleSize(100).labels(Map.of(HOSTILE, "slow"));
        result.results().forEach(b::add);
        b.addIssue(org.deepspt.api.TrackIssue.rejected(HOSTILE + "2", "track '" + HOSTILE + "2' is bad"));
        String html = b.build().html();
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"));
        Document doc = parse(html);
        assertTrue(doc.getDocumentElement().getTextContent().contains("<script>alert(1)</script>"));
        assertEquals("a\\u0000b\uFFFD", Xml.escape("a\u0000b\uD800"));
        // Bidi overrides and line breaks in an id are shown, not obeyed.
        assertEquals("evil\\u202egnp.exe\\nline2 &lt;b&gt;", Xml.escape("evil\u202Egnp.exe\nline2 <b>"));
        assertEquals("x\uD83D\uDE00", Xml.escape("x\uD83D\uDE00"));
    }

    @Test
    void confusionMatrixCountsMatchTheLabels() throws Exception {
        Map<String, String> labels = new HashMap<>();
        long fast = 0;
        long slow = 0;
        for (TrackResult r : result.results()) {
            String p = r.prediction().orElseThrow().label();
            labels.put(r.trackId(), "slow");
            if (p.equals("fast")) {
                fast++;
            } else if (p.equals("slow")) {
                slow++;
            }
        }
        Document doc = parse(report(1, labels).html());
        String text = sections(doc).get("confusion").getTextContent();
        assertTrue(text.contains(result.results().size() + " analysed tracks have a label"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "accuracy %.1f %%",
                100.0 * slow / result.results().size())), text);
        assertTrue(fast > 0 && slow > 0, "test data should have both classes");
    }

    @Test
    void sameSeedSamePageOtherSeedOtherSample() {
        long t0 = System.nanoTime();
        report(7, null);
        System.err.println("report: " + (System.nanoTime() - t0) / 1e6 + " ms");
        assertEquals(report(7, null).html(), report(7, null).html());
        assertNotEquals(report(7, null).html(), report(8, null).html());
        assertFalse(report(7, null).html().contains("id=\"confusion\""));
    }

    @Test
    void rejectedTracksAreCountedByReason() throws Exception {
        Document doc = parse(report(1, null).html());
        String text = sections(doc).get("rejected").getTextContent();
        assertTrue(text.contains("2 issue(s) in 1 kind(s)"), text);
        assertTrue(text.contains("tiny, tiny2"), text);
        assertEquals("segmentation: track '<track>' has # points", HtmlReport.Builder.normalise(
                "segmentation: track 'a7' has 3 points", "a7"));
        // a numeric or one-letter id is replaced where it is quoted only, not inside numbers and words (found by
        // review: "needs at least <track>", "deepspt-unet-<track>d-int#", "segment<track>tion")
        assertEquals("segmentation: track '<track>' has # points; model 'deepspt-unet-#d-int#' needs at least #",
                HtmlReport.Builder.normalise("segmentation: track '5' has 3 points; model 'deepspt-unet-2d-int8' "
                        + "needs at least 5", "5"));
        assertEquals("segmentation of track '<track>' failed", HtmlReport.Builder.normalise(
                "segmentation of track 'a' failed", "a"));
        assertEquals("split at gaps into piece '<track>.#' (frames #..#)", HtmlReport.Builder.normalise(
                "split at gaps into piece '2.1' (frames 0..49)", "2"));
    }

    @Test
    void writesUtf8File(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.html");
        report(1, null).write(f);
        assertEquals(report(1, null).html(), Files.readString(f, StandardCharsets.UTF_8));
        // Written for inspection in a browser when asked: -Dreport.out=/tmp/report-test.html
        String out = System.getProperty("report.out");
        if (out != null) {
            Files.copy(f, Path.of(out), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void histogramEdgesAndEdgeCases() {
        Histogram h = Histogram.of("x", new double[] {0, 1, 2, 3, 4, Double.NaN, Double.POSITIVE_INFINITY}, 4);
        assertEquals(0, h.min());
        assertEquals(4, h.max());
        assertEquals(List.of(1L, 1L, 1L, 2L), java.util.Arrays.stream(h.counts()).boxed().toList());
        assertEquals(2, h.nonFinite());
        Histogram same = Histogram.of("y", new double[] {2, 2}, 3);
        assertEquals(1.5, same.min());
        assertEquals(2, same.counts()[1]);
        assertEquals(0, Histogram.of("z", new double[0], 2).total());
        assertEquals(0, h.clipped());
        // 0.1 tail of 11 values: range from the 2nd smallest to the 2nd largest; the outliers go to the end bins.
        double[] v = {-100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1000};
        Histogram r = Histogram.robust("r", v, 4, 0.1);
        assertEquals(1, r.min());
        assertEquals(9, r.max());
        assertEquals(2, r.clipped());
        assertEquals(List.of(3L, 2L, 2L, 4L), java.util.Arrays.stream(r.counts()).boxed().toList());
        assertEquals(0.5, SvgPlots.niceLength(2.3));
        assertEquals(2e-3, SvgPlots.niceLength(0.01), 1e-15);
        assertEquals("-0.3", SvgPlots.f(-0.26));
        assertEquals("12.0", SvgPlots.f(11.96));
        assertEquals("0.0", SvgPlots.f(0.04));
    }
    @Test
    void lengthHistogramModelAccuracyAndUnreliableCountSitNextToTheResults() throws Exception {
        org.deepspt.api.Reliability shortVerdict = org.deepspt.api.Reliability.of(List.of(
                new org.deepspt.api.ReliabilityFinding(org.deepspt.api.UnreliableReason.TOO_SHORT, 20, 75)));
        HtmlReport.Builder b = HtmlReport.builder()
                .reliabilityThresholds(new org.deepspt.api.ReliabilityThresholds(75, 1, 0.7))
                .modelAccuracyByLength(List.of(new org.deepspt.model.ModelManifest.LengthMetric(20, 0.47, 0.049, 1000),
                        new org.deepspt.model.ModelManifest.LengthMetric(200, 0.82, 0.014, 1000)));
        long[] expected = new long[9];
        int unreliable = 0;
        for (TrackResult r : result.results()) {
            var seg = r.segmentation().orElseThrow();
            boolean tooShort = seg.size() < 75;
            unreliable += tooShort ? 1 : 0;
            b.add(new TrackResult(r.trajectory(), java.util.Optional.of(seg.withReliability(tooShort ? shortVerdict
                    : org.deepspt.api.Reliability.passed())), r.fingerprint(), r.prediction(), r.timeResolved()));
            int n = seg.size();
            int[] edges = {5, 10, 20, 50, 100, 200, 400, 600};
            int bin = 0;
            while (bin < edges.length && n >= edges[bin]) {
                bin++;
            }
            expected[bin]++;
        }
        String html = b.build().html();
        Map<String, Element> sections = sections(parse(html));
        Element lengths = sections.get("lengths");
        Element accuracy = sections.get("model-accuracy");
        assertTrue(lengths != null && accuracy != null, sections.keySet().toString());
        // One bar per non-empty end bin and every inner bin; the tooltips carry the counts.
        NodeList bars = lengths.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < bars.getLength(); i++) {
            titles.add(bars.item(i).getTextContent());
        }
        assertTrue(titles.contains("20–49: " + expected[3]), titles.toString());
        assertTrue(expected[0] == 0 || titles.contains("< 5: " + expected[0]), titles.toString());
        assertTrue(html.contains("0.470 at N = 20"), "accuracy next to the length bin");
        assertEquals(2, accuracy.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength());
        assertTrue(html.contains("<th>tracks outside the model&#39;s reliable range</th><td>" + unreliable + " of "
                + result.results().size()) || html.contains("<th>tracks outside the model's reliable range</th><td>"
                + unreliable + " of " + result.results().size()), "summary row");
        assertTrue(unreliable > 0 && unreliable < result.results().size(), "both kinds in the sample: " + unreliable);
    }

    @Test
    void summarySaysWhatTheVerdictIsWorthOnTheModelsTestSet() throws Exception {
        List<org.deepspt.model.ModelManifest.VerdictMetric> v = List.of(
                new org.deepspt.model.ModelManifest.VerdictMetric("N=7", "", 0.0, Double.NaN, 0.46),
                new org.deepspt.model.ModelManifest.VerdictMetric("main", "protocol, seed 20301", 0.7649, 0.9142,
                        0.7472));
        HtmlReport.Builder b = HtmlReport.builder().modelAccuracyByVerdict(v);
        result.results().forEach(b::add);
        String html = b.build().html();
        assertTrue(html.contains("4-class accuracy 0.914 on frames of tracks judged reliable, 0.747 on the others "
                + "(76 % of the frames judged reliable; test set main: protocol, seed 20301)"), html);
        // without main: the first set; NaN shown as a dash
        HtmlReport.Builder c = HtmlReport.builder().modelAccuracyByVerdict(v.subList(0, 1));
        result.results().forEach(c::add);
        assertTrue(c.build().html().contains("4-class accuracy — on frames of tracks judged reliable, 0.460 on the "
                + "others (0 % of the frames judged reliable; test set N=7)"));
        HtmlReport.Builder d = HtmlReport.builder();
        result.results().forEach(d::add);
        assertTrue(!d.build().html().contains("what the verdict is worth"));
    }
}
