package org.deepspt.fiji;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.Overlay;
import ij.gui.OvalRoi;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.io.ReadResult;
import org.deepspt.pipeline.TrackResult;
import org.jspecify.annotations.Nullable;

/**
 * The tracks drawn over an image, each step coloured by the state of its end point (the report's colours:
 * normal blue, directed red, confined green, subdiffusive purple), the first point of each track as a dot.
 * Coordinates are turned into pixels with the image's calibration; drawn only when it matches the tracks'
 * units (µm with an image calibrated in µm, px with an uncalibrated image) and the tracks lie on the image.
 */
final class TrackOverlay {
    /** The report's state colours (org.deepspt.report.SvgPlots). */
    static final Color[] STATE_COLOURS = {new Color(0x4a6fa5), new Color(0xc0504d), new Color(0x9bbb59),
        new Color(0x8064a2)};

    private TrackOverlay() {
    }

    /** @return µm (or px) per pixel of the image in the tracks' unit, or NaN when the units do not match */
    static double scale(ImagePlus imp, ReadResult read) {
        ij.measure.Calibration c = imp.getCalibration();
        String unit = c.getUnit() == null ? "" : c.getUnit().toLowerCase(Locale.ROOT);
        boolean imageMicrons = unit.equals("micron") || unit.equals("µm") || unit.equals("um")
                || unit.equals("microns") || unit.equals("μm");
        if (read.calibration().uncalibrated()) {
            return c.scaled() ? Double.NaN : 1.0;
        }
        return imageMicrons && c.pixelWidth > 0 ? c.pixelWidth : Double.NaN;
    }

    /**
     * @param imp the image
     * @param read the tracks
     * @return why the tracks cannot be drawn on the image, or null when they can
     */
    static @Nullable String mismatch(ImagePlus imp, ReadResult read) {
        double s = scale(imp, read);
        if (Double.isNaN(s)) {
            return "its calibration (" + imp.getCalibration().pixelWidth + " " + imp.getCalibration().getUnit()
                    + "/pixel) does not match the tracks' units (" + read.calibration().lengthUnit() + ")";
        }
        int outside = 0;
        for (Trajectory t : read.trajectories()) {
            for (int i = 0; i < t.size(); i++) {
                double x = t.x(i) / s;
                double y = t.y(i) / s;
                if (x < -1 || y < -1 || x > imp.getWidth() + 1 || y > imp.getHeight() + 1) {
                    outside++;
                }
            }
        }
        return outside == 0 ? null : outside + " track points lie outside the image";
    }

    /**
     * @param imp the image (its calibration converts coordinates to pixels)
     * @param read the tracks read
     * @param results the segmented tracks
     * @return the overlay
     */
    static Overlay of(ImagePlus imp, ReadResult read, List<TrackResult> results) {
        double s = scale(imp, read);
        Overlay o = new Overlay();
        for (TrackResult r : results) {
            Trajectory t = r.trajectory();
            Segmentation seg = r.segmentation().orElseThrow();
            int[] states = seg.stateIndices();
            for (int i = 1; i < t.size(); i++) {
                Line l = new Line(t.x(i - 1) / s, t.y(i - 1) / s, t.x(i) / s, t.y(i) / s);
                l.setStrokeColor(STATE_COLOURS[states[i]]);
                l.setStrokeWidth(1.5);
                l.setName(t.id() + " frame " + t.frame(i));
                o.add(l);
            }
            OvalRoi start = new OvalRoi(t.x(0) / s - 1.5, t.y(0) / s - 1.5, 3, 3);
            start.setStrokeColor(Color.WHITE);
            start.setName(t.id() + " start");
            o.add(start);
        }
        return o;
    }
}
