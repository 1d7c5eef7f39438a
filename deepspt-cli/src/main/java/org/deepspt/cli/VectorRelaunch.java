package org.deepspt.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deepspt.neural.InferenceBackends;

/**
 * Runs the pure-JVM backend's Vector API kernels from {@code java -jar deepspt.jar} without a JVM flag: when a
 * command will run a neural model on the {@code jvm} backend ({@code --backend jvm}, or {@code auto} where ONNX
 * Runtime does not load) and the JVM was started without {@code jdk.incubator.vector} (a module that only a
 * command-line flag can add: the JDK honours no manifest attribute for it), the command is run once more in a
 * child JVM started with the same JVM options plus {@code --add-modules jdk.incubator.vector}, whose standard
 * streams are this JVM's and whose exit status is this JVM's. The JDK's start-up line "WARNING: Using incubator
 * modules" of the child is left out.
 *
 * <p>Not relaunched: when the module is already there, when this JDK has no such module (a trimmed runtime),
 * in the child itself (system property {@value #GUARD}, so it never loops), for the model-free
 * {@code rolling-msd}, for {@code stream}'s streaming model (its step is dense layers, no convolution), for
 * {@code --help} / {@code --version}, and when {@code -Ddeepspt.relaunch=false} or
 * the environment variable {@code DEEPSPT_NO_RELAUNCH} is set.
 */
final class VectorRelaunch {
    /** The module the Vector API kernels need. */
    static final String MODULE = "jdk.incubator.vector";
    /** System property set in the child JVM. */
    static final String GUARD = "deepspt.relaunched";
    /** The line the JDK prints on stderr when an incubator module is resolved. */
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + MODULE;
    /** Commands that run a segmentation model. */
    private static final Set<String> SEGMENTING = Set.of("segment", "analyze", "fingerprint", "classify",
            "train-classifier", "stream");

    private VectorRelaunch() {
    }

    /**
     * @param args the command line
     * @return the child's exit status, or −1 when this JVM runs the command itself
     */
    static int runIfNeeded(String[] args) {
        if (System.getProperty(GUARD) != null || "false".equalsIgnoreCase(System.getProperty("deepspt.relaunch"))
                || System.getenv("DEEPSPT_NO_RELAUNCH") != null) {
            return -1;
        }
        if (ModuleLayer.boot().findModule(MODULE).isPresent() || ModuleFinder.ofSystem().find(MODULE).isEmpty()) {
            return -1;
        }
        if (!wantsJvmBackend(args, VectorRelaunch::autoIsJvm)) {
            return -1;
        }
        try {
            return run(command(args));
        } catch (IOException e) {
            return -1;   // cannot start a JVM here: run in this one, on the scalar kernels
        }
    }

    /** @return whether {@code --backend auto} picks the pure-JVM backend here */
    private static boolean autoIsJvm() {
        try {
            return InferenceBackends.select("auto").name().equals("jvm");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What picks the backend of {@code auto}: a supplier, so that tests need no native library. */
    interface AutoBackend {
        boolean isJvm();
    }

    /**
     * @param args the command line
     * @param auto whether {@code --backend auto} means jvm here
     * @return whether the command runs a neural model on the jvm backend
     */
    static boolean wantsJvmBackend(String[] args, AutoBackend auto) {
        String command = null;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
            if (command == null && !a.startsWith("-")) {
                command = a;
            }
        }
        if (command == null || !SEGMENTING.contains(command)) {
            return false;
        }
        // --model is the segmentation model, except in the deprecated classify --model MODEL.json (no --classifier),
        // where the deprecated --segmenter is.
        boolean oldClassify = command.equals("classify") && value(args, "--classifier", null) == null;
        String model = oldClassify ? value(args, "--segmenter", ModelOptions.DEFAULT)
                : value(args, "--model", value(args, "--segmenter", ModelOptions.DEFAULT));
        if (model.equalsIgnoreCase("rolling-msd")) {
            return false;
        }
        if (command.equals("stream") && value(args, "--model", StreamCommand.STREAM_MODEL)
                .equals(StreamCommand.STREAM_MODEL)) {
            return false;   // the streaming model's step has no convolutions: the Vector API kernels do not run
        }
        String backend = value(args, "--backend", "auto").toLowerCase(Locale.ROOT);
        return backend.equals("jvm") || (backend.equals("auto") && auto.isJvm());
    }

    /** @return the last value of an option ({@code --name v} or {@code --name=v}), else the default */
    private static String value(String[] args, String name, String dflt) {
        String v = dflt;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                v = args[i + 1];
            } else if (args[i].startsWith(name + "=")) {
                v = args[i].substring(name.length() + 1);
            }
        }
        return v;
    }

    /** @return the child's command line: this JVM's executable, options and class path, plus the module */
    static List<String> command(String[] args) {
        List<String> cmd = new ArrayList<>();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        cmd.add(Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString());
        try {
            cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (LinkageError e) {
            // no java.management in this runtime: the child gets the JVM's defaults
        }
        cmd.add("--add-modules");
        cmd.add(MODULE);
        cmd.add("-D" + GUARD + "=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static int run(List<String> cmd) throws IOException {
        Process child = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        Thread err = new Thread(() -> copyWithoutWarning(child.getErrorStream(), System.err),
                "deepspt-relaunch-stderr");
        err.setDaemon(true);
        // SIGINT or SIGTERM: the child gets SIGTERM, and this JVM waits (bounded) for it to finish as a signal lets it
        // (stream finishes its live particles and prints its summary, which this JVM copies to stderr).
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                if (child.waitFor(StreamInterruption.WAIT_SECONDS + 2, java.util.concurrent.TimeUnit.SECONDS)) {
                    err.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deepspt-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        err.start();
        try {
            int code = child.waitFor();
            err.join();
            Runtime.getRuntime().removeShutdownHook(stop);
            return code;
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Copies the child's stderr as it comes (progress bars included), without the JDK's incubator line. */
    static void copyWithoutWarning(InputStream in, OutputStream out) {
        try {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                first.write(b);
            }
            String line = first.toString(StandardCharsets.UTF_8);
            if (!line.strip().equals(INCUBATOR_WARNING)) {
                out.write(first.toByteArray());
                if (b == '\n') {
                    out.write('\n');
                }
                out.flush();
            }
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the child ended or stderr closed: nothing more to copy
        }
    }
}
