package org.deepspt.fiji;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.io.OpenDialog;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Segmenters;
import org.deepspt.io.BranchPolicy;
import org.deepspt.io.Calibration;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackReaders;
import org.deepspt.model.SegmentationModels;
import org.deepspt.neural.InferenceBackends;
import org.jspecify.annotations.Nullable;

/**
 * Plugins › DeepSPT › DeepSPT Analyze Tracks: a track file (TrackMate XML as TrackMate exports it, or any format
 * {@code deepspt} reads) is segmented into diffusion states, fingerprinted and, with a classifier, classified.
 * The dialog is pre-filled from the file (its frame interval and units); the analysis runs on a background
 * thread with ImageJ's progress bar (Esc cancels, writing nothing); then a results table per track
 * ("DeepSPT tracks") and per segment ("DeepSPT segments") are shown, the report is opened in the browser, and
 * the tracks are drawn coloured by state over the current image when its calibration matches the file's.
 *
 * <p>Macro: {@code run("DeepSPT Analyze Tracks", "input=[/data/tracks.xml] output=[/data/deepspt]");} (also in
 * {@code ImageJ -batch}, where no table, browser or overlay is shown); the other keys are {@code model},
 * {@code backend}, {@code frame_interval}, {@code pixel_size}, {@code branches}, {@code classifier},
 * {@code open_report} and {@code overlay}. The recorder records them.
 *
 * <p>Errors (a file that cannot be read, a model that cannot be opened, a macro call without {@code input=}) are
 * logged, no results are written (only {@code errors.csv} when no track could be read), and a macro that made the
 * call stops there, its later lines not run, as with ImageJ's own commands. With ImageJ's window on screen the
 * error is ImageJ's dialog (from a macro, its "Macro Error" dialog). Without a window the error is one line
 * {@code DeepSPT: error: MESSAGE} on stderr, and under {@code ImageJ -batch} the JVM then exits with status 1.
 *
 * <p>Why the plugin calls {@code System.exit(1)}, and only there: ImageJ 1.54p's {@code ImageJ.main} ends every
 * {@code -batch} run with {@code System.exit(0)}, also after an aborted macro (it drops what
 * {@code IJ.runMacroFile} returns), so aborting alone leaves a shell script or pipeline with status 0. In that run
 * the JVM is ImageJ's and ends as soon as the macro returns (ImageJ itself exits there, with 0, when a command
 * finds no image), so exiting early cuts no one else's work short. The plugin exits only when {@code ij.ImageJ.main}
 * got a {@code -batch} argument and ImageJ has no window: never in an ImageJ or Fiji session with a window, nor in an
 * application or script that embeds ImageJ or a launcher that runs macros without {@code ij.ImageJ.main}; there the
 * macro is aborted and the process goes on.
 */
public final class AnalyzeTracksPlugin implements PlugIn {
    /** The menu command. */
    public static final String COMMAND = "DeepSPT Analyze Tracks";

    /** The prefix of the error line, on stderr without ImageJ's window (scripts may look for it). */
    static final String ERROR = "DeepSPT: error: ";

    /** Creates the plugin (ImageJ does, once per run). */
    public AnalyzeTracksPlugin() {
    }

    @Override
    public void run(String arg) {
        String options = Macro.getOptions();
        String input = options == null ? null : Macro.getValue(options, "input", null);
        if (input == null && (options != null || java.awt.GraphicsEnvironment.isHeadless()
                || Interpreter.isBatchMode())) {
            // a macro (or a headless run) cannot answer a file dialog: say what is missing instead of waiting
            fail("the macro options have no input=[track file] (TrackMate XML or CSV)");
            return;
        }
        if (input == null) {
            OpenDialog od = new OpenDialog("DeepSPT: open a track file (TrackMate XML, CSV)");
            if (od.getPath() == null) {
                return;
            }
            input = od.getPath();
        }
        dialogAndRun(Path.of(input));
    }

    /**
     * Shows the dialog for a track file (in a macro: reads the macro's options instead) and runs the analysis.
     *
     * @param in the track file the dialog is pre-filled from
     */
    void dialogAndRun(Path in) {
        Prefill pre = Prefill.of(in);
        GenericDialog gd = new GenericDialog(COMMAND);
        gd.addFileField("Input", in.toString(), 40);
        gd.addDirectoryField("Output", defaultOutput(in).toString(), 40);
        gd.addMessage("Units in the file: " + pre.units);
        gd.addChoice("Model", models(), "unet");
        gd.addChoice("Backend", backends(), "auto");
        gd.addNumericField("Frame_interval", pre.frameInterval, 6, 10, "s");
        gd.addNumericField("Pixel_size", 0, 6, 10, "µm/px (0: the file's units)");
        gd.addChoice("Branches", new String[] {"PATHS", "LONGEST", "SPLIT"}, "PATHS");
        gd.addFileField("Classifier", "", 40);
        gd.addCheckbox("Open_report", true);
        gd.addCheckbox("Overlay", true);
        gd.addHelp("https://github.com/deepspt/deepspt-java#fiji-and-imagej");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        Path input2 = Path.of(gd.getNextString());
        Path output = Path.of(gd.getNextString());
        String model = gd.getNextChoice();
        String backend = gd.getNextChoice();
        double dt = gd.getNextNumber();
        double px = gd.getNextNumber();
        BranchPolicy branches = BranchPolicy.valueOf(gd.getNextChoice());
        String classifier = gd.getNextString().strip();
        boolean openReport = gd.getNextBoolean();
        boolean overlay = gd.getNextBoolean();
        TrackAnalysis.Settings s = new TrackAnalysis.Settings(input2, output, model, backend,
                dt == pre.frameInterval ? Double.NaN : dt, px > 0 ? px : Double.NaN, branches,
                classifier.isEmpty() ? null : Path.of(classifier));
        analyse(s, openReport, overlay);
    }

    /** Runs the analysis on a background thread, with ImageJ's progress bar; Esc cancels. */
    private static void analyse(TrackAnalysis.Settings s, boolean openReport, boolean overlay) {
        AtomicReference<TrackAnalysis.@Nullable Outcome> done = new AtomicReference<>();
        AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
        AtomicBoolean cancel = new AtomicBoolean();
        IJ.resetEscape();
        IJ.showStatus("DeepSPT: reading " + s.input().getFileName() + " …");
        Thread worker = new Thread(() -> {
            try {
                int[] total = {0};
                done.set(TrackAnalysis.run(s, n -> {
                    if (total[0] == 0) {
                        total[0] = Math.max(n, 1);
                    }
                    IJ.showStatus("DeepSPT: " + n + " tracks analysed (Esc cancels)");
                    IJ.showProgress(n % 100, 100);
                }, () -> cancel.get() || IJ.escapePressed()));
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "DeepSPT analysis");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            cancel.set(true);
            Thread.currentThread().interrupt();
            return;
        }
        IJ.showProgress(1.0);
        Throwable e = failed.get();
        if (e != null) {
            fail(e instanceof DeepSptException || e instanceof IllegalArgumentException
                    ? DialogTerms.of(String.valueOf(e.getMessage())) : e.toString());
            return;
        }
        TrackAnalysis.Outcome o = done.get();
        if (o == null) {
            IJ.showStatus("DeepSPT: cancelled; nothing written");
            IJ.log("DeepSPT: cancelled; nothing written to " + s.output());
            return;
        }
        o.warnings().forEach(w -> IJ.log("DeepSPT: warning: " + w));
        String summary = String.format(Locale.ROOT, "DeepSPT: analysed %d tracks of %s in %.1f s -> %s (%s)",
                o.results().size(), s.input().getFileName(), o.seconds(), s.output(),
                o.read().calibration().describe());
        IJ.log(summary);
        IJ.showStatus(summary);
        if (batch()) {
            return;   // IJ.log writes to stdout in batch mode
        }
        ResultsTable tracks = Tables.tracks(o);
        tracks.show("DeepSPT tracks");
        Tables.segments(o).show("DeepSPT segments");
        if (overlay) {
            ImagePlus imp = WindowManager.getCurrentImage();
            if (imp != null) {
                String why = TrackOverlay.mismatch(imp, o.read());
                if (why == null) {
                    imp.setOverlay(TrackOverlay.of(imp, o.read(), o.results()));
                } else {
                    IJ.log("DeepSPT: no overlay on " + imp.getTitle() + ": " + why);
                }
            }
        }
        if (openReport) {
            try {
                IJ.runPlugIn("ij.plugin.BrowserLauncher", s.output().resolve("report.html").toUri().toString());
            } catch (RuntimeException ex) {
                IJ.log("DeepSPT: open " + s.output().resolve("report.html") + " in a browser");
            }
        }
    }

    /**
     * Reports an error and stops the macro that ran the command, if any. With ImageJ's window on screen: the
     * error dialog (in a macro, ImageJ's "Macro Error" dialog, and the macro is aborted). Without one: the line
     * {@code DeepSPT: error: MESSAGE} on stderr; then, when {@code ImageJ -batch} started this JVM, exit status 1,
     * else the running macro is aborted (ImageJ waits up to 2 s for it to end).
     *
     * @param msg the error, without the "DeepSPT: error:" prefix
     */
    private static void fail(String msg) {
        IJ.log(ERROR + msg);
        ImageJ ij = IJ.getInstance();
        if (ij != null && ij.isVisible() && !java.awt.GraphicsEnvironment.isHeadless()) {
            IJ.error(COMMAND, msg);   // in a macro: Interpreter.abort(msg), the macro ends after the dialog
            return;
        }
        // batch or headless: no one to close a dialog (IJ.getInstance() is null under -batch, and ImageJ's
        // Macro Error dialog would wait for a click there)
        System.err.println(ERROR + msg);
        if (imageJBatch()) {
            System.out.flush();
            System.exit(1);
        }
        Interpreter.abort();   // no-op when no macro is running
    }

    /**
     * @return whether this JVM was started as {@code ImageJ -batch} (ij.ImageJ.main with an argument starting
     *     with "-batch", as ImageJ tests it) and ImageJ has no window: then ImageJ ends the JVM itself when the
     *     macro returns
     */
    static boolean imageJBatch() {
        String[] args = ImageJ.getArgs();
        return IJ.getInstance() == null && args != null
                && Arrays.stream(args).anyMatch(a -> a != null && a.startsWith("-batch"));
    }

    /** @return whether ImageJ runs a batch macro (no tables, browser or overlay) */
    static boolean batch() {
        return Interpreter.isBatchMode() && (IJ.getInstance() == null || !IJ.getInstance().isVisible());
    }

    private static Path defaultOutput(Path in) {
        String name = in.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path parent = in.toAbsolutePath().getParent();
        return parent.resolve((dot > 0 ? name.substring(0, dot) : name) + "-deepspt");
    }

    private static String[] backends() {
        return InferenceBackends.choices().toArray(new String[0]);
    }

    /**
     * @return the dialog's model choices: the registry's names ({@link Segmenters#names()}) less the bundled
     *     models' file names, which the aliases ({@code unet} and its variants) already cover
     */
    static String[] models() {
        return Segmenters.names().stream().filter(n -> !SegmentationModels.isBundled(n)).toArray(String[]::new);
    }

    /** What the dialog shows before the analysis: the file's frame interval and units. */
    private record Prefill(double frameInterval, String units) {
        static Prefill of(Path in) {
            if (!Files.isRegularFile(in)) {
                return new Prefill(1.0, "(file not found)");
            }
            try {
                ReadResult r = TrackReaders.read(in, ReadOptions.defaults());
                Calibration c = r.calibration();
                return new Prefill(c.frameInterval(), DialogTerms.of(c.describe()));
            } catch (RuntimeException e) {
                return new Prefill(1.0, "not read yet (" + DialogTerms.of(String.valueOf(e.getMessage())) + ")");
            }
        }
    }
}
