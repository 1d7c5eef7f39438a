package org.deepspt.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepspt.api.InputFormatException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Conversion of the unit names TrackMate writes to µm and s. */
final class Units {
    private static final Logger LOG = LoggerFactory.getLogger(Units.class);

    private Units() {
    }

    /**
     * How coordinates of a file are converted to µm, and why.
     *
     * @param factor µm per file unit
     * @param how the conversion in words, e.g. {@code pixels × 0.1 µm/px}
     * @param source where it came from, e.g. {@code file calibration}, {@code ReadOptions.pixelSize}
     *     ({@link ReadTerm#PIXEL_SIZE}: the option)
     * @param uncalibrated the file is in pixels of unknown size (TrackMate's pixel width 1 with unit pixel) and
     *     no pixel size was given: coordinates stay in px ({@code factor} 1)
     * @param conflict how the given pixel size and the file's declared unit, or the pixel width of a file in pixels,
     *     disagree, and which is used; empty when they do not
     */
    record SpaceConversion(double factor, String how, String source, boolean uncalibrated, String conflict) {
        SpaceConversion(double factor, String how, String source) {
            this(factor, how, source, false, "");
        }

        SpaceConversion withConflict(String text) {
            return new SpaceConversion(factor, how, source, uncalibrated, text);
        }

        /** @return the calibration of these coordinates and the given frame interval */
        Calibration calibration(FrameInterval interval) {
            List<String> conflicts = new ArrayList<>(2);
            if (!conflict.isEmpty()) {
                conflicts.add(conflict);
            }
            if (!interval.conflict().isEmpty()) {
                conflicts.add(interval.conflict());
            }
            return new Calibration(how, source, interval.seconds(), interval.source(),
                    uncalibrated ? Calibration.PIXEL : Calibration.MICROMETRE, conflicts);
        }
    }

    /**
     * The frame interval a reader applies, and where it came from.
     *
     * @param seconds s
     * @param source {@code ReadOptions.frameInterval} (the option, {@link ReadTerm#FRAME_INTERVAL}), {@code file …},
     *     or {@code default; …}
     * @param conflict how the given frame interval and the file's own disagree, and which is used; empty when they
     *     do not
     */
    record FrameInterval(double seconds, String source, String conflict) {
        /** 1 s, when neither the options nor the file give one. */
        static final FrameInterval DEFAULT = new FrameInterval(1.0, "default; none in the file");

        FrameInterval(double seconds, String source) {
            this(seconds, source, "");
        }

        /**
         * The frame interval given as an option, which wins over the file's own; when the file gives another
         * (not a default), the conflict is recorded and logged, worded as that of the pixel size against a file's
         * declared unit.
         *
         * @param seconds the option's value, s
         * @param file what the file alone gives (its source starts with {@code default} when it gives none)
         * @param name the input, for the log
         * @return the option's frame interval
         */
        static FrameInterval option(double seconds, FrameInterval file, String name) {
            String conflict = "";
            if (!file.source().startsWith("default")
                    && differ(file.seconds(), seconds)) {
                conflict = ReadTerm.FRAME_INTERVAL + " " + Calibration.number(seconds) + " s conflicts with the "
                        + "file's frame interval " + Calibration.number(file.seconds()) + " s (" + file.source()
                        + "); " + ReadTerm.FRAME_INTERVAL + " is used";
                LOG.info("{}: {}", name, conflict);
            }
            return new FrameInterval(seconds, ReadTerm.FRAME_INTERVAL.library(), conflict);
        }
    }

    /**
     * @param unit unit name as written in the file (may be wrapped in parentheses), or null when undeclared
     * @param options the pixel size, and whether the user gave it
     * @param fileCalibration µm/px the file itself declares (TrackMate {@code pixelwidth}), or NaN
     * @param source input name for messages
     * @throws InputFormatException for pixel coordinates with neither a given pixel size nor a calibration in
     *     the file, and for an unknown unit without a given pixel size
     * @return the factor from file units to µm — pixel → the given pixel size, else the file's calibration;
     *     undeclared → the pixel size (1 by default: µm); micron/µm/um → 1; nm → 1e-3; mm → 1e3; m → 1e6;
     *     unknown → the given pixel size with a warning — with its description and source
     */
    static SpaceConversion space(@Nullable String unit, ReadOptions options, double fileCalibration, String source) {
        double pixelSize = options.pixelSize();
        String px = pixelSize + " µm/px";
        if (unit == null || strip(unit).isEmpty()) {
            return options.pixelSizeSet()
                    ? new SpaceConversion(pixelSize, "× " + px, ReadTerm.PIXEL_SIZE + "; the file declares no unit")
                    : new SpaceConversion(pixelSize, "µm", "default; the file declares no unit");
        }
        String u = strip(unit);
        SpaceConversion c = switch (u) {
            case "pixel", "pixels", "px" -> {
                if (!options.pixelSizeSet() && fileCalibration == 1.0) {
                    // info, not a warning: the result says it (Calibration.uncalibrated()), and each front end
                    // tells its user in its own words
                    LOG.info("{}: uncalibrated: coordinates in pixels and pixel width 1 in the file; results are "
                            + "in px and px²/s (set {} in µm/px for µm)", source, ReadTerm.PIXEL_SIZE);
                    yield new SpaceConversion(1.0, "pixels, uncalibrated: positions in px, D in px²/s",
                            "file spatialunits '" + unit + "' with pixel width 1; " + ReadTerm.PIXEL_SIZE
                                    + " calibrates", true, "");
                }
                double f = pixelFactor(options, fileCalibration, unit, source);
                SpaceConversion pixels = new SpaceConversion(f, "pixels × " + f + " µm/px", options.pixelSizeSet()
                        ? ReadTerm.PIXEL_SIZE.library() : "file calibration");
                // the file's own pixel width (1: none, uncalibrated) overridden by another pixel size: said as a
                // conflict of the frame interval is said, naming both values
                if (options.pixelSizeSet() && fileCalibration != 1.0 && fileCalibration > 0
                        && Double.isFinite(fileCalibration)
                        && differ(fileCalibration, f)) {
                    String conflict = ReadTerm.PIXEL_SIZE + " " + Calibration.number(f) + " µm/px conflicts with "
                            + "the file's pixel width " + Calibration.number(fileCalibration) + " µm/px (coordinates in "
                            + org.deepspt.api.Messages.quote(unit) + "); " + ReadTerm.PIXEL_SIZE + " is used";
                    LOG.info("{}: {}", source, conflict);
                    pixels = pixels.withConflict(conflict);
                }
                yield pixels;
            }
            case "micron", "microns", "µm", "μm", "um", "micrometer", "micrometre", "micrometers" ->
                    new SpaceConversion(1.0, "µm", "file unit '" + unit + "'");
            case "nm", "nanometer", "nanometre", "nanometers" -> new SpaceConversion(1e-3, unit + " → µm", "file unit");
            case "mm", "millimeter", "millimetre" -> new SpaceConversion(1e3, unit + " → µm", "file unit");
            case "m", "meter", "metre" -> new SpaceConversion(1e6, unit + " → µm", "file unit");
            default -> {
                if (options.pixelSizeSet()) {
                    LOG.warn("{}: unknown spatial unit '{}'; taken as pixels of {} µm as the pixel size says",
                            source, unit, pixelSize);
                    yield new SpaceConversion(pixelSize, "'" + unit + "' taken as pixels × " + px,
                            ReadTerm.PIXEL_SIZE.library());
                }
                throw new InputFormatException(source, 0, "spatial unit", "unknown spatial unit "
                        + org.deepspt.api.Messages.quote(unit) + "; give the pixel size in µm (" + ReadTerm.PIXEL_SIZE
                        + ") to read the coordinates as pixels");
            }
        };
        if (options.pixelSizeSet() && c.factor() != pixelSize) {
            // said as a conflict of the frame interval is said; the caller shows it (the CLI as a warning: line)
            String conflict = ReadTerm.PIXEL_SIZE + " " + Calibration.number(pixelSize) + " µm/px conflicts with "
                    + "the file's spatial unit " + org.deepspt.api.Messages.quote(unit) + "; the file's unit is used ("
                    + ReadTerm.PIXEL_SIZE + " applies to pixel coordinates only)";
            LOG.info("{}: {}", source, conflict);
            return c.withConflict(conflict);
        }
        return c;
    }

    private static double pixelFactor(ReadOptions options, double fileCalibration, @Nullable String unit,
            String source) {
        if (options.pixelSizeSet()) {
            return options.pixelSize();
        }
        if (fileCalibration > 0 && Double.isFinite(fileCalibration)) {
            LOG.info("{}: coordinates in {}; pixel size {} µm/px from the file's calibration", source, unit,
                    fileCalibration);
            return fileCalibration;
        }
        throw new InputFormatException(source, 0, "spatial unit", "coordinates are in " + unit + " and the file "
                + "carries no calibration; give the pixel size in µm (" + ReadTerm.PIXEL_SIZE + ")");
    }

    /**
     * @param unit time unit as written, or null
     * @return factor from file time units to s: sec/s → 1; ms → 1e-3; min → 60; frame or unknown → NaN
     */
    static double timeFactor(@Nullable String unit) {
        if (unit == null) {
            return 1.0;
        }
        return switch (strip(unit)) {
            case "", "s", "sec", "secs", "second", "seconds" -> 1.0;
            case "ms", "msec", "millisecond", "milliseconds" -> 1e-3;
            case "us", "µs", "microsecond", "microseconds" -> 1e-6;
            case "min", "minute", "minutes" -> 60.0;
            case "h", "hour", "hours" -> 3600.0;
            default -> Double.NaN;
        };
    }

    private static String strip(String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.startsWith("(") && u.endsWith(")")) {
            u = u.substring(1, u.length() - 1).trim();
        }
        return u;
    }

    /**
     * @param a a positive value given one way (the file's)
     * @param b the same quantity given another way (an option's)
     * @return whether they differ by more than rounding (relative 1e-9): a conflict to report
     */
    private static boolean differ(double a, double b) {
        return Math.abs(a - b) > 1e-9 * Math.max(a, b);
    }
}
