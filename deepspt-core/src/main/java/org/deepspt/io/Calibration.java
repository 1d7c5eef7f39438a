package org.deepspt.io;

import java.util.Locale;
import java.util.Objects;

/**
 * The units a reader applied, and where each came from, so that no unit is ever silent: the spatial unit of
 * the file and its conversion to µm, and the frame interval.
 *
 * @param spatial how coordinates were converted to µm, e.g. {@code pixels × 0.108 µm/px}
 * @param spatialSource where that came from: {@code file}, {@code option}, {@code default}, {@code file calibration}
 * @param frameInterval the frame interval applied, s
 * @param frameIntervalSource where it came from: {@code option}, {@code file}, {@code file times}, {@code default}
 */
public record Calibration(String spatial, String spatialSource, double frameInterval, String frameIntervalSource) {

    /** What a reader that does not record its calibration reports. */
    public static final Calibration UNKNOWN = new Calibration("not recorded", "unknown", Double.NaN, "unknown");

    /** Checks for null. */
    public Calibration {
        Objects.requireNonNull(spatial, "spatial");
        Objects.requireNonNull(spatialSource, "spatialSource");
        Objects.requireNonNull(frameIntervalSource, "frameIntervalSource");
    }

    /** @return one line, e.g. {@code coordinates: pixels × 0.108 µm/px (option); frame interval 0.03 s (file)} */
    public String describe() {
        return "coordinates: " + spatial + " (" + spatialSource + "); frame interval "
                + String.format(Locale.ROOT, "%.6g", frameInterval) + " s (" + frameIntervalSource + ")";
    }
}
