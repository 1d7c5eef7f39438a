package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;

/**
 * Streams the segments of segmentations as CSV, one row per segment:
 * <pre>
 * particle,segment,first_frame,last_frame,points,state,mean_probability,D,D_se,alpha,alpha_se,lags,fit_status
 * </pre>
 * {@code segment} is the 0-based index within the track (a new segment at every change of state and at every
 * {@link Segmentation#splitIndices() split}, e.g. a change of D within one state, so two consecutive rows may have
 * the same state), {@code state} the predicted state index 0..3
 * ({@link org.deepspt.api.DiffusionState#index()}, as in the per-point segmentation CSV),
 * {@code mean_probability} the mean probability of that state over the segment's points. {@code D}
 * (µm²/s<sup>α</sup>, the anomalous diffusion coefficient: µm²/s only when α = 1) and {@code alpha}, with their
 * standard errors {@code D_se} and {@code alpha_se}, are the segment's {@link MotionEstimate} (by default the
 * two-lag estimate, {@code lags} = 2; an MSD fit gives its number of lags); {@code fit_status}
 * ({@link org.deepspt.api.FitStatus#label()}: {@code ok}, {@code at_bound}, {@code undetermined},
 * {@code not_converged}, {@code no_motion}, {@code too_few_lags}, {@code two_lags}, {@code alpha_from_state},
 * {@code cage_saturated}, {@code not_estimated}) says whether they are estimates and, if not, why:
 * {@code alpha_from_state} writes an α set by the segment's state (1, alpha_se NaN) with a measured D (an estimate at
 * that α); {@code cage_saturated} (a confined segment that fills its cage within a frame) writes the two-lag α and D,
 * which describe the walls, not the motion inside the cage (no standard error of α);
 * {@code too_few_lags} and {@code not_estimated} write NaN, {@code no_motion} writes D = 0 (α NaN), {@code at_bound}
 * writes the bound the fit stopped at (e.g. α = 0 or 2) without its standard error. Values with round-trip precision;
 * UTF-8,
 * {@code '\n'}. Not thread-safe.
 */
public final class SegmentsCsvWriter extends TableCsvWriter {
    /** The header columns, in order. */
    public static final List<String> HEADER = List.of("particle", "segment", "first_frame", "last_frame", "points",
            "state", "mean_probability", "D", "D_se", "alpha", "alpha_se", "lags", "fit_status");

    private final Object[] row = new Object[HEADER.size()];

    private SegmentsCsvWriter(Writer out) {
        super(out, HEADER, "segments");
    }

    /**
     * @param file created or truncated
     * @return the writer (close it)
     */
    public static SegmentsCsvWriter open(Path file) {
        return new SegmentsCsvWriter(CsvOut.open(file));
    }

    /**
     * @param out destination, closed by {@link #close()}
     * @return the writer
     */
    public static SegmentsCsvWriter open(Writer out) {
        return new SegmentsCsvWriter(Objects.requireNonNull(out, "out"));
    }

    /**
     * Appends one row per segment of {@code s} (its motion estimates, or {@code not_estimated} without).
     *
     * @param s the segmentation
     * @throws DeepSptException on write failure
     */
    public void write(Segmentation s) {
        String id = s.trackId();
        List<Segment> segments = s.segments();
        for (int k = 0; k < segments.size(); k++) {
            Segment seg = segments.get(k);
            MotionEstimate m = seg.motion();
            row[0] = CsvOut.text(id);
            row[1] = Integer.toString(k);
            row[2] = Integer.toString(seg.startFrame());
            row[3] = Integer.toString(seg.endFrame());
            row[4] = Integer.toString(seg.length());
            row[5] = Integer.toString(seg.state().index());
            row[6] = CsvOut.number(seg.meanProbability());
            row[7] = CsvOut.number(m.diffusionCoefficient());
            row[8] = CsvOut.number(m.diffusionCoefficientError());
            row[9] = CsvOut.number(m.alpha());
            row[10] = CsvOut.number(m.alphaError());
            row[11] = Integer.toString(m.lags());
            row[12] = m.status().label();
            print(row, id);
        }
    }
}
