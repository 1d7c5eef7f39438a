package org.deepspt.io;

import java.util.List;
import java.util.OptionalDouble;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.deepspt.api.InputFormatException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming reader of TrackMate "simple" XML ({@code <Tracks><particle><detection t x y z/>}). Particles are
 * not nested: a {@code <particle>} inside another, or a {@code <detection>} outside every particle, is an
 * {@link InputFormatException} naming its line.
 */
final class SimpleXmlReader {
    private static final Logger LOG = LoggerFactory.getLogger(SimpleXmlReader.class);

    private SimpleXmlReader() {
    }

    static ReadResult read(XMLStreamReader r, String source, ReadOptions options) {
        try {
            return parse(r, source, options);
        } finally {
            SecureXml.close(r);
        }
    }

    private static ReadResult parse(XMLStreamReader r, String source, ReadOptions options) {
        String root = SecureXml.rootElement(r, source);
        if (!"Tracks".equals(root)) {
            throw new InputFormatException(source, SecureXml.line(r), null, "root element is <" + root
                    + ">, expected <Tracks>");
        }
        String spaceUnits = SecureXml.attr(r, "spaceUnits");
        String timeUnits = SecureXml.attr(r, "timeUnits");
        String frameIntervalText = SecureXml.attr(r, "frameInterval");
        boolean error = options.nonFinitePolicy() == NonFinitePolicy.ERROR;
        TrackAccumulator acc = new TrackAccumulator(options, true, false);
        Boolean zPresent = null;
        int particles = 0;
        TrackBuffer current = null;
        long particleLine = 0;
        while (true) {
            int ev = SecureXml.next(r, source);
            if (ev == XMLStreamConstants.END_DOCUMENT) {
                break;
            }
            if (ev == XMLStreamConstants.END_ELEMENT && "particle".equals(r.getLocalName())) {
                current = null;
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            long line = SecureXml.line(r);
            String name = r.getLocalName();
            if ("particle".equals(name)) {
                if (current != null) {
                    throw new InputFormatException(source, line, null, "<particle> inside the <particle> of line "
                            + particleLine + "; the particles of a simple XML file are not nested (close each "
                            + "with </particle> before the next)");
                }
                particleLine = line;
                current = acc.track(Integer.toString(particles++));
            } else if ("detection".equals(name)) {
                if (current == null) {
                    throw new InputFormatException(source, line, null, "<detection> outside <particle>");
                }
                int frame = Numbers.parseInt(required(r, "t", line, source), source, line, "t");
                double x = Numbers.parseDouble(required(r, "x", line, source), source, line, "x");
                double y = Numbers.parseDouble(required(r, "y", line, source), source, line, "y");
                String zs = SecureXml.attr(r, "z");
                boolean has = zs != null && !zs.isBlank();
                if (zPresent == null) {
                    zPresent = has;
                } else if (has != zPresent) {
                    throw new InputFormatException(source, line, "z", "mixed 2D and 3D detections in particle "
                            + current.id);
                }
                double z = has ? Numbers.parseDouble(zs, source, line, "z") : 0;
                if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
                    String bad = !Double.isFinite(x) ? "x" : !Double.isFinite(y) ? "y" : "z";
                    String what = "non-finite " + bad + " = " + SecureXml.attr(r, bad) + " in detection at frame "
                            + frame;
                    if (error) {
                        throw new InputFormatException(source, line, bad, what + " of particle " + current.id
                                + " (use " + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks)");
                    }
                    if (current.rejectReason == null) {
                        current.rejectReason = what + " (line " + line + ")";
                    }
                }
                current.add(frame, x, y, z, 0);
            }
        }
        Units.SpaceConversion space = Units.space(spaceUnits, options, Double.NaN, source);
        Units.FrameInterval interval = frameInterval(options, frameIntervalText, timeUnits, source);
        double scale = space.factor();
        double dt = interval.seconds();
        acc.calibration(space.calibration(interval));
        LOG.debug("{}: {} particles, scale {}, dt {} s", source, particles, scale, dt);
        return acc.finish(scale, dt, List.of());
    }

    private static String required(XMLStreamReader r, String attr, long line, String source) {
        String v = SecureXml.attr(r, attr);
        if (v == null) {
            throw new InputFormatException(source, line, attr, "<detection> lacks attribute " + attr);
        }
        return v;
    }

    private static Units.FrameInterval frameInterval(ReadOptions options, @Nullable String text,
            @Nullable String timeUnits, String source) {
        OptionalDouble forced = options.frameInterval();
        if (forced.isPresent()) {
            Units.FrameInterval file;
            try {
                file = fileFrameInterval(text, timeUnits, source, true);
            } catch (InputFormatException e) {
                file = Units.FrameInterval.DEFAULT;   // an unreadable frameInterval the option replaces: no conflict
            }
            return Units.FrameInterval.option(forced.getAsDouble(), file, source);
        }
        return fileFrameInterval(text, timeUnits, source, false);
    }

    /** @param given whether an option replaces it (then nothing is logged about it) */
    private static Units.FrameInterval fileFrameInterval(@Nullable String text, @Nullable String timeUnits,
            String source, boolean given) {
        if (text != null) {
            double v = Numbers.parseDouble(text, source, 1, "frameInterval");
            double f = Units.timeFactor(timeUnits);
            if (Double.isNaN(f)) {
                if (!given) {
                    LOG.warn("{}: time unit '{}' is not a physical unit; frame interval set to 1 s", source,
                            timeUnits);
                }
                return new Units.FrameInterval(1.0, "default; time unit '" + timeUnits + "' is not physical");
            }
            if (v > 0 && Double.isFinite(v)) {
                return new Units.FrameInterval(v * f, "file frameInterval");
            }
        }
        if (!given) {
            LOG.info("{}: no frame interval in the file or the options; using 1 s", source);
        }
        return Units.FrameInterval.DEFAULT;
    }
}
