package org.deepspt.io;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The units a reader applied, and where each came from, so that no unit is ever silent: the spatial unit of
 * the file and its conversion to µm, and the frame interval.
 *
 * @param spatial how coordinates were converted to µm, e.g. {@code pixels × 0.108 µm/px}
 * @param spatialSource where that came from: {@code file …}, {@code ReadOptions.pixelSize} (the option,
 *     {@link ReadTerm#PIXEL_SIZE}), {@code default; …}, {@code file calibration}
 * @param frameInterval the frame interval applied, s
 * @param frameIntervalSource where it came from: {@code ReadOptions.frameInterval} (the option,
 *     {@link ReadTerm#FRAME_INTERVAL}), {@code file …}, {@code file times}, {@code default; …}
 * @param lengthUnit the unit of the coordinates handed out: {@link #MICROMETRE} normally, {@link #PIXEL} when
 *     the file is uncalibrated (TrackMate {@code spatialunits="pixel"} with pixel width 1) and no pixel size
 *     was given: positions are then in px and diffusion coefficients in px²/s, never µm
 * @param warnings what the user should be told about how the file was read, one sentence each (a caller such as
 *     the CLI shows them as warnings): where an option and the file disagree, saying which value is used
 *     (the pixel size against a file that declares its unit: the file's unit is used; the frame interval against
 *     a file's own: the option is used), and a 3D file with only a few points off z = 0; empty when none
 *     (unmodifiable). Options are named as the library's API ({@link ReadTerm}), here and in the sources; a front
 *     end shows them in its own words ({@link #reworded})
 */
public record Calibration(String spatial, String spatialSource, double frameInterval, String frameIntervalSource,
        String lengthUnit, List<String> warnings) {

    /** {@link #lengthUnit()} of calibrated coordinates. */
    public static final String MICROMETRE = "µm";
    /** {@link #lengthUnit()} of an uncalibrated file's coordinates. */
    public static final String PIXEL = "px";

    /** What a reader that does not record its calibration reports. */
    public static final Calibration UNKNOWN = new Calibration("not recorded", "unknown", Double.NaN, "unknown");

    /** Checks for null and for a known length unit; copies the conflicts. */
    public Calibration {
        warnings = List.copyOf(warnings);
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

    /**
     * No conflict between the options and the file.
     *
     * @param spatial how coordinates were converted to µm
     * @param spatialSource where that came from
     * @param frameInterval s
     * @param frameIntervalSource where it came from
     * @param lengthUnit {@link #MICROMETRE} or {@link #PIXEL}
     */
    public Calibration(String spatial, String spatialSource, double frameInterval, String frameIntervalSource,
            String lengthUnit) {
        this(spatial, spatialSource, frameInterval, frameIntervalSource, lengthUnit, List.of());
    }

    /**
     * @param warning one more warning
     * @return this calibration with it
     */
    Calibration withWarning(String warning) {
        List<String> w = new java.util.ArrayList<>(warnings);
        w.add(warning);
        return new Calibration(spatial, spatialSource, frameInterval, frameIntervalSource, lengthUnit, w);
    }

    /**
     * @param v a value
     * @return it to 6 significant digits without trailing zeros: {@code 1}, {@code 0.05}, {@code 0.108}
     */
    static String number(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString() : String.valueOf(v);
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

    /**
     * What a reader assumed for want of a unit or a frame interval in the file and in the options: coordinates
     * taken as µm when the file declares no unit and no pixel size was given, and the frame interval of 1 s when the
     * file gives none (or only frame numbers as times) and none was given. The results are as those of a file that
     * declares these values; only the user is told that they were assumed.
     *
     * @return e.g. {@code coordinates taken as µm (the file declares no unit; give ReadOptions.pixelSize in µm/px if
     *     they are pixels) and frame interval 1 s (the file gives none; give ReadOptions.frameInterval in s)}, naming the
     *     options as {@link ReadTerm}s (a front end renders them in its words, as those of {@link #reworded}, which
     *     leaves this text as it is); empty when nothing was assumed
     */
    public String assumed() {
        boolean space = spatialSource.startsWith("default");
        boolean time = frameIntervalSource.startsWith("default");
        String spaceText = "coordinates taken as µm (the file declares no unit; give " + ReadTerm.PIXEL_SIZE
                + " in µm/px if they are pixels)";
        String timeText = String.format(Locale.ROOT, "frame interval %s s (%s; give %s in s)", number(frameInterval),
                frameIntervalSource.startsWith("default; time unit") ? "the file's "
                        + frameIntervalSource.substring("default; ".length()) : "the file gives none",
                ReadTerm.FRAME_INTERVAL);
        return space && time ? spaceText + " and " + timeText : space ? spaceText : time ? timeText : "";
    }

    /**
     * This calibration with its sources and warnings in other words, e.g. a front end's terms for the library's
     * ({@link CommandLineTerms#cli}); the numbers, the conversion and the length unit are unchanged, and so is what
     * {@link #assumed()} finds (a default stays a default).
     *
     * @param words rewords one message
     * @return the calibration in those words
     */
    public Calibration reworded(java.util.function.UnaryOperator<String> words) {
        return new Calibration(spatial, words.apply(spatialSource), frameInterval, words.apply(frameIntervalSource),
                lengthUnit, warnings.stream().map(words).toList());
    }

    /**
     * @return one line, e.g. {@code coordinates: pixels × 0.108 µm/px (ReadOptions.pixelSize); frame interval 0.03 s
     *     (file timeinterval)}
     */
    public String describe() {
        String interval = Double.isNaN(frameInterval) && frameIntervalSource.startsWith("per file")
                ? frameIntervalSource
                : String.format(Locale.ROOT, "%.6g", frameInterval) + " s (" + frameIntervalSource + ")";
        return "coordinates: " + spatial + " (" + spatialSource + "); frame interval " + interval;
    }
}
