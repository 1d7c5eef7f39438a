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
 * @param lengthUnit the unit of the coordinates handed out: {@link #MICROMETRE} normally, {@link #PIXEL} when
 *     the file is uncalibrated (TrackMate {@code spatialunits="pixel"} with pixel width 1) and no pixel size
 *     was given: positions are then in px and diffusion coefficients in px²/s, never µm
 */
public record Calibration(String spatial, String spatialSource, double frameInterval, String frameIntervalSource,
        String lengthUnit) {

    /** {@link #lengthUnit()} of calibrated coordinates. */
    public static final String MICROMETRE = "µm";
    /** {@link #lengthUnit()} of an uncalibrated file's coordinates. */
    public static final String PIXEL = "px";

    /** What a reader that does not record its calibration reports. */
    public static final Calibration UNKNOWN = new Calibration("not recorded", "unknown", Double.NaN, "unknown");

    /** Checks for null and for a known length unit. */
    public Calibration {
        Objects.requireNonNull(spatial, "spatial");
        Objects.requireNonNull(spatialSource, "spatialSource");
        Objects.requireNonNull(frameIntervalSource, "frameIntervalSource");
        if (!MICROMETRE.equals(lengthUnit) && !PIXEL.equals(lengthUnit)) {
            throw new IllegalArgumentException("length unit must be µm or px, got " + lengthUnit);
        }
    }

    /**
     * Coordinates in µm.
     *
     * @param spatial how coordinates were converted to µm
     * @param spatialSource where that came from
     * @param frameInterval s
     * @param frameIntervalSource where it came from
     */
    public Calibration(String spatial, String spatialSource, double frameInterval, String frameIntervalSource) {
        this(spatial, spatialSource, frameInterval, frameIntervalSource, MICROMETRE);
    }

    /** @return whether the coordinates are in pixels of unknown size (see {@link #lengthUnit()}) */
    public boolean uncalibrated() {
        return PIXEL.equals(lengthUnit);
    }

    /**
     * @return the unit of diffusion coefficients of Brownian fits: {@code µm²/s}, or {@code px²/s} for an
     *     uncalibrated file
     */
    public String diffusionUnit() {
        return lengthUnit + "²/s";
    }

    /** @return one line, e.g. {@code coordinates: pixels × 0.108 µm/px (option); frame interval 0.03 s (file)} */
    public String describe() {
        String interval = Double.isNaN(frameInterval) && frameIntervalSource.startsWith("per file")
                ? frameIntervalSource
                : String.format(Locale.ROOT, "%.6g", frameInterval) + " s (" + frameIntervalSource + ")";
        return "coordinates: " + spatial + " (" + spatialSource + "); frame interval " + interval;
    }
}
