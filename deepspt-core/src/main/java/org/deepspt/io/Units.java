package org.deepspt.io;

import java.util.Locale;
import org.deepspt.api.InputFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Conversion of the unit names TrackMate writes to µm and s. */
final class Units {
    private static final Logger LOG = LoggerFactory.getLogger(Units.class);

    private Units() {
    }

    /**
     * @param unit unit name as written in the file (may be wrapped in parentheses), or null when undeclared
     * @param options the pixel size, and whether the user gave it
     * @param fileCalibration µm/px the file itself declares (TrackMate {@code pixelwidth}), or NaN
     * @param source input name for messages
     * @throws InputFormatException for pixel coordinates with neither a given pixel size nor a calibration in
     *     the file, and for an unknown unit without a given pixel size
     * @return factor from file units to µm: pixel → the given pixel size, else the file's calibration;
     *     undeclared → the pixel size (1 by default: µm); micron/µm/um → 1; nm → 1e-3;
     *     mm → 1e3; m → 1e6; unknown → 1 with a warning
     */
    static double spaceFactor(String unit, ReadOptions options, double fileCalibration, String source) {
        double pixelSize = options.pixelSize();
        if (unit == null || strip(unit).isEmpty()) {
            return pixelSize;
        }
        String u = strip(unit);
        double f = switch (u) {
            case "pixel", "pixels", "px" -> pixelFactor(options, fileCalibration, unit, source);
            case "micron", "microns", "µm", "μm", "um", "micrometer", "micrometre", "micrometers" -> 1.0;
            case "nm", "nanometer", "nanometre", "nanometers" -> 1e-3;
            case "mm", "millimeter", "millimetre" -> 1e3;
            case "m", "meter", "metre" -> 1e6;
            default -> {
                if (options.pixelSizeSet()) {
                    LOG.warn("{}: unknown spatial unit '{}'; taken as pixels of {} µm as the pixel size says",
                            source, unit, pixelSize);
                    yield pixelSize;
                }
                throw new InputFormatException(source, 0, "spatial unit", "unknown spatial unit "
                        + org.deepspt.api.Messages.quote(unit) + "; give the pixel size in µm (--pixel-size UM) "
                        + "to read the coordinates as pixels");
            }
        };
        if (options.pixelSizeSet() && f != pixelSize) {
            LOG.warn("{}: file declares spatial unit '{}'; pixel size {} µm/px ignored", source, unit, pixelSize);
        }
        return f;
    }

    /**
     * Describes what {@link #spaceFactor} does for the same arguments.
     *
     * @return {how, source}, e.g. {@code {"pixels × 0.1 µm/px", "file calibration"}}
     */
    static String[] spaceDescription(String unit, ReadOptions options, double fileCalibration) {
        String px = options.pixelSize() + " µm/px";
        if (unit == null || strip(unit).isEmpty()) {
            return options.pixelSizeSet() ? new String[] {"× " + px, "option --pixel-size; the file declares no unit"}
                    : new String[] {"µm", "default; the file declares no unit"};
        }
        String u = strip(unit);
        switch (u) {
            case "pixel", "pixels", "px" -> {
                return options.pixelSizeSet() ? new String[] {"pixels × " + px, "option --pixel-size"}
                        : new String[] {"pixels × " + fileCalibration + " µm/px", "file calibration"};
            }
            case "micron", "microns", "µm", "μm", "um", "micrometer", "micrometre", "micrometers" -> {
                return new String[] {"µm", "file unit '" + unit + "'"};
            }
            case "nm", "nanometer", "nanometre", "nanometers", "mm", "millimeter", "millimetre", "m", "meter",
                    "metre" -> {
                return new String[] {unit + " → µm", "file unit"};
            }
            default -> {
                return new String[] {"'" + unit + "' taken as pixels × " + px, "option --pixel-size"};
            }
        }
    }

    private static double pixelFactor(ReadOptions options, double fileCalibration, String unit, String source) {
        if (options.pixelSizeSet()) {
            return options.pixelSize();
        }
        if (fileCalibration > 0 && Double.isFinite(fileCalibration)) {
            LOG.info("{}: coordinates in {}; pixel size {} µm/px from the file's calibration", source, unit,
                    fileCalibration);
            return fileCalibration;
        }
        throw new InputFormatException(source, 0, "spatial unit", "coordinates are in " + unit + " and the file "
                + "carries no calibration; give the pixel size in µm (--pixel-size UM)");
    }

    /**
     * @param unit time unit as written, or null
     * @return factor from file time units to s: sec/s → 1; ms → 1e-3; min → 60; frame or unknown → NaN
     */
    static double timeFactor(String unit) {
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
}
