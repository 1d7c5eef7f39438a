package org.deepspt.fiji;

import ij.measure.ResultsTable;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.pipeline.TrackResult;

/**
 * The plugin's ResultsTables: one row per track (states, fractions, D, α, reliability, classifier label) and
 * one row per segment (frames, times, state, mean probability).
 */
final class Tables {
    private Tables() {
    }

    /**
     * @param o a finished analysis
     * @return per track: {@code track}, {@code points}, {@code interpolated}, {@code dominant_state},
     *     {@code fraction_<state>} ×4, {@code changes}, {@code D} (diffusion_coefficient, µm²/s^α or px²/s^α),
     *     {@code alpha}, {@code mean_max_probability} (mean over points of the most probable state's probability),
     *     {@code reliable} and {@code reason} (the track's reliability verdict, as in the CLI's segmentation file:
     *     1 or 0, and the failed checks as {@code code:measured<threshold}; empty when the segmenter gives none),
     *     and {@code label} / {@code label_probability} with a classifier
     */
    static ResultsTable tracks(TrackAnalysis.Outcome o) {
        ResultsTable t = new ResultsTable();
        String unit = o.read().calibration().lengthUnit();
        for (TrackResult r : o.results()) {
            Segmentation s = r.segmentation().orElseThrow();
            t.incrementCounter();
            t.addValue("track", r.trackId());
            t.addValue("points", s.size());
            t.addValue("interpolated", r.trajectory().interpolatedCount());
            int[] counts = new int[4];
            double maxProbability = 0;
            for (int i = 0; i < s.size(); i++) {
                counts[s.stateIndices()[i]]++;
                double[] p = s.probabilities(i);
                maxProbability += Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3]));
            }
            int best = 0;
            for (int k = 1; k < 4; k++) {
                best = counts[k] > counts[best] ? k : best;
            }
            t.addValue("dominant_state", DiffusionState.ofIndex(best).label());
            for (DiffusionState st : DiffusionState.values()) {
                t.addValue("fraction_" + st.label(), (double) counts[st.index()] / s.size());
            }
            t.addValue("changes", s.changePointIndices().length);
            Fingerprint fp = r.fingerprint().orElse(null);
            t.addValue("D (" + unit + "²/s^α)", fp == null ? Double.NaN : fp.value("diffusion_coefficient"));
            t.addValue("alpha", fp == null ? Double.NaN : fp.value("alpha"));
            // before: "reliability", a name that read as the verdict (a too-short track showed 0.97)
            t.addValue("mean_max_probability", maxProbability / s.size());
            s.reliability().ifPresentOrElse(v -> {
                t.addValue("reliable", v.reliable() ? 1 : 0);
                t.addValue("reason", SegmentationCsvWriter.reasonText(v));
            }, () -> {
                t.addValue("reliable", Double.NaN);
                t.addValue("reason", "");
            });
            r.prediction().ifPresent(p -> {
                t.addValue("label", p.label());
                t.addValue("label_probability", p.probability());
            });
        }
        return t;
    }

    /**
     * @param o a finished analysis
     * @return per segment: {@code track}, {@code segment} (1, 2, …), {@code state}, {@code start_frame},
     *     {@code end_frame}, {@code points}, {@code start_s}, {@code duration_s} (from the frame interval) and
     *     {@code mean_probability}
     */
    static ResultsTable segments(TrackAnalysis.Outcome o) {
        ResultsTable t = new ResultsTable();
        for (TrackResult r : o.results()) {
            Segmentation s = r.segmentation().orElseThrow();
            double dt = r.trajectory().frameInterval();
            int k = 0;
            for (Segment seg : s.segments()) {
                t.incrementCounter();
                t.addValue("track", r.trackId());
                t.addValue("segment", ++k);
                t.addValue("state", seg.state().label());
                t.addValue("start_frame", seg.startFrame());
                t.addValue("end_frame", seg.endFrame());
                t.addValue("points", seg.length());
                t.addValue("start_s", seg.startFrame() * dt);
                t.addValue("duration_s", (seg.endFrame() - seg.startFrame()) * dt);
                t.addValue("mean_probability", seg.meanProbability());
            }
        }
        return t;
    }
}
