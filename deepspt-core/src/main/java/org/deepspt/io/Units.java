package org.deepspt.io;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Conversion of the unit names TrackMate writes to µm and s. */
final class Units {
    private static final Logger LOG = LoggerFactory.getLogger(Units.class);

    private Units() {
    }

    /**
     * @param unit unit name as written in the file (may be wrapped in parentheses), or null when undeclared
     * @param pixelSize µm/px from the options
     * @param source input name for log messages
     * @return factor from file units to µm: pixel (or undeclared) → pixelSize; micron/µm/um → 1; nm → 1e-3;
     *     mm → 1e3; m → 1e6; unknown → 1 with a warning
     */
    static double spaceFactor(String unit, double pixelSize, String source) {
        if (unit == null || strip(unit).isEmpty()) {
            return pixelSize;
        }
        String u = strip(unit);
        double f = switch (u) {
            case "pixel", "pixels", "px" -> pixelSize;
            case "micron", "microns", "µm", "μm", "um", "micrometer", "micrometre", "micrometers" -> 1.0;
            case "nm", "nanometer", "nanometre", "nanometers" -> 1e-3;
            case "mm", "millimeter", "millimetre" -> 1e3;
            case "m", "meter", "metre" -> 1e6;
            default -> {
                LOG.warn("{}: unknown spatial unit '{}'; coordinates taken as µm", source, unit);
                yield 1.0;
            }
        };
        if (f != pixelSize && pixelSize != 1.0) {
            LOG.warn("{}: file declares spatial unit '{}'; pixel size {} µm/px ignored", source, unit, pixelSize);
        }
        return f;
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
