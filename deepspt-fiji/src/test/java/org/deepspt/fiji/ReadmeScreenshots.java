package org.deepspt.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deepspt.api.Trajectory;
import org.deepspt.io.BranchPolicy;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.TrackReaders;
import org.deepspt.io.TrajectoryCsvWriter;

/**
 * Makes the README's pictures of the plugin (not a test): {@code docs/fiji-dialog.png}, the dialog as it opens
 * for a TrackMate export, and {@code docs/fiji-overlay.png}, tracks coloured by state over an image. Run under a
 * display, e.g. {@code xvfb-run -a java -cp <test class path> org.deepspt.fiji.ReadmeScreenshots <repo root>}.
 */
public final class ReadmeScreenshots {
    private ReadmeScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "..");
        Path docs = Files.createDirectories(root.resolve("docs"));
        Path xml = Files.createTempFile("trackmate-export", ".xml");
        try (var in = ReadmeScreenshots.class.getResourceAsStream("/trackmate_lineage.xml")) {
            Files.copy(in, xml, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        dialog(xml, docs.resolve("fiji-dialog.png"));
        overlay(root.resolve("examples/tracks-2d.csv"), docs.resolve("fiji-overlay.png"));
        System.exit(0);
    }

    /** Opens the plugin's dialog, takes its picture from the screen, then presses Cancel. */
    private static void dialog(Path xml, Path png) throws Exception {
        new ij.ImageJ(ij.ImageJ.NO_SHOW);
        Thread t = new Thread(() -> new AnalyzeTracksPlugin().dialogAndRun(xml));
        t.start();
        Dialog d = null;
        for (int i = 0; i < 100 && d == null; i++) {
            Thread.sleep(100);
            for (Window w : Window.getWindows()) {
                if (w instanceof Dialog dd && w.isShowing() && AnalyzeTracksPlugin.COMMAND.equals(dd.getTitle())) {
                    d = dd;
                }
            }
        }
        if (d == null) {
            throw new IllegalStateException("the dialog did not open");
        }
        Thread.sleep(1500);
        Rectangle r = d.getBounds();
        BufferedImage shot = new Robot().createScreenCapture(r);
        ImageIO.write(shot, "png", png.toFile());
        Button cancel = find(d, "Cancel");
        cancel.dispatchEvent(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED, "Cancel"));
        t.join(5000);
        System.out.println("wrote " + png + " (" + r.width + "x" + r.height + ")");
    }

    private static Button find(Container c, String label) {
        for (Component k : c.getComponents()) {
            if (k instanceof Button b && label.equals(b.getLabel())) {
                return b;
            }
            if (k instanceof Container cc) {
                Button b = find(cc, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    /**
     * Nine example tracks (their first 150 points, unscaled) laid out on a grid over a 12 µm field at 0.02 µm/px,
     * drawn as
     * a faint maximum projection; analysed by the plugin's analysis and overlaid, then flattened to a PNG.
     */
    private static void overlay(Path examples, Path png) throws Exception {
        List<Trajectory> all = TrackReaders.read(examples, ReadOptions.defaults()).trajectories();
        List<Trajectory> laid = new ArrayList<>();
        double px = 0.02;
        int w = 600;
        int k = 0;
        for (Trajectory t : all) {
            int n = Math.min(150, t.size());
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                minX = Math.min(minX, t.x(i));
                maxX = Math.max(maxX, t.x(i));
                minY = Math.min(minY, t.y(i));
                maxY = Math.max(maxY, t.y(i));
            }
            if (n < 50 || maxX - minX > 3.5 || maxY - minY > 3.5 || maxX - minX < 0.5) {
                continue;   // tracks that fit a 4 µm cell of the 12 µm field, unscaled
            }
            double cx = 2 + 4 * (k % 3) - (minX + maxX) / 2;
            double cy = 2 + 4 * (k / 3) - (minY + maxY) / 2;
            double[] x = new double[n];
            double[] y = new double[n];
            int[] f = new int[n];
            for (int i = 0; i < n; i++) {
                f[i] = t.frame(i);
                x[i] = cx + t.x(i);
                y[i] = cy + t.y(i);
            }
            laid.add(Trajectory.of("track " + t.id(), 0.05, f, x, y));
            if (++k == 9) {
                break;
            }
        }
        Path csv = Files.createTempFile("tracks", ".csv");
        try (TrajectoryCsvWriter wr = TrajectoryCsvWriter.open(csv, 2, false)) {
            laid.forEach(wr::write);
        }
        TrackAnalysis.Outcome o = TrackAnalysis.run(new TrackAnalysis.Settings(csv, Files.createTempDirectory("o"),
                "unet", "auto", 0.05, Double.NaN, BranchPolicy.PATHS, null), n -> { }, () -> false);
        FloatProcessor fp = new FloatProcessor(w, w);
        Random rnd = new Random(1);
        for (int i = 0; i < w * w; i++) {
            fp.setf(i, (float) (20 + 6 * rnd.nextGaussian()));
        }
        for (Trajectory t : laid) {
            for (int i = 0; i < t.size(); i++) {
                int x0 = (int) Math.round(t.x(i) / px);
                int y0 = (int) Math.round(t.y(i) / px);
                for (int dy = -6; dy <= 6; dy++) {
                    for (int dx = -6; dx <= 6; dx++) {
                        int xx = x0 + dx;
                        int yy = y0 + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < w) {
                            float v = (float) (60 * Math.exp(-(dx * dx + dy * dy) / 12.0));
                            fp.setf(xx, yy, Math.max(fp.getf(xx, yy), 20 + v));
                        }
                    }
                }
            }
        }
        ImagePlus imp = new ImagePlus("max projection (0.02 µm/px)", fp);
        imp.getCalibration().pixelWidth = px;
        imp.getCalibration().pixelHeight = px;
        imp.getCalibration().setUnit("micron");
        imp.resetDisplayRange();
        String why = TrackOverlay.mismatch(imp, o.read());
        if (why != null) {
            throw new IllegalStateException(why);
        }
        imp.setOverlay(TrackOverlay.of(imp, o.read(), o.results()));
        ImagePlus flat = imp.flatten();
        IJ.saveAs(flat, "png", png.toString());
        System.out.println("wrote " + png);
    }
}
