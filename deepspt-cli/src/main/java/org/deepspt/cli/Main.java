package org.deepspt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.api.Messages;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.core.IoReason;
import org.deepspt.options.OptionUsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code java -jar deepspt.jar}. */
@Command(name = "deepspt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Single-particle-tracking analysis: simulate, segment into diffusion states, evaluate, "
                + "MSD analysis.",
        subcommands = {SimulateCommand.class, SegmentCommand.class, StreamCommand.class, EvaluateCommand.class,
                MsdCommand.class, ExportTrainingCommand.class, TrainClassifierCommand.class, ClassifyCommand.class,
                FingerprintCommand.class, AnalyzeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    /**
     * Runs the command and exits with its status. A command that runs a neural model on the pure-JVM backend
     * in a JVM started without {@code --add-modules jdk.incubator.vector} is run in a child JVM with it
     * ({@link VectorRelaunch}), so that {@code java -jar deepspt.jar} gets the Vector API kernels unflagged.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        int relaunched = VectorRelaunch.runIfNeeded(args);
        if (relaunched >= 0) {
            System.exit(relaunched);
        }
        PrintWriter err = new PrintWriter(System.err, true);
        // A worker thread that dies of an Error no one waits for says so in one line, not with a trace.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            err.println(commandOf(args) + ": error: " + (e instanceof VirtualMachineError v
                    ? resourceMessage(v) : "thread " + t.getName() + " failed: " + oneLine(String.valueOf(e))));
            err.flush();
        });
        int code = run(args, new PrintWriter(System.out, true), err);
        if (StreamInterruption.signalled()) {
            return;   // a signal stopped the stream: the JVM's shutdown exits with 128 + its number
        }
        System.exit(code);
    }

    /** @return "deepspt" and the subcommand named by {@code args} (its first word that is not an option) */
    private static String commandOf(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return "deepspt " + Messages.abbreviate(a);
            }
        }
        return "deepspt";
    }

    /**
     * @param e an OutOfMemoryError or StackOverflowError that ended a command
     * @return one line saying what ran out, the heap in use, and how to give Java more
     */
    static String resourceMessage(VirtualMachineError e) {
        Runtime rt = Runtime.getRuntime();
        String inUse = OnnxModelRules.describeBytes(rt.totalMemory() - rt.freeMemory());
        String max = OnnxModelRules.describeBytes(rt.maxMemory());
        if (e instanceof StackOverflowError) {
            return "out of stack space (the input nests too deeply or is too large for one thread's stack; heap "
                    + inUse + " in use of " + max + "); raise the stack size with java -Xss16m -jar deepspt.jar ...";
        }
        return "out of memory (" + oneLine(String.valueOf(e.getMessage())) + "; Java heap " + inUse + " in use of "
                + max + " maximum); give Java more memory with java -Xmx" + suggestedHeap(rt.maxMemory())
                + " -jar deepspt.jar ..., or read a smaller input, or use fewer --threads";
    }

    /** @return twice the current maximum heap, rounded up to whole GiB, as an -Xmx value */
    private static String suggestedHeap(long maxBytes) {
        long gib = Math.max(2, (2 * maxBytes + (1L << 30) - 1) >> 30);
        return gib + "g";
    }

    /** @return the OutOfMemoryError or StackOverflowError in {@code t}'s cause chain, or null */
    private static VirtualMachineError resourceError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError || c instanceof StackOverflowError) {
                return (VirtualMachineError) c;
            }
        }
        return null;
    }

    /**
     * Creates the missing parent folders of the {@code --out} and {@code --errors} paths of the command to
     * run, so {@code --out results/x.csv} works on a fresh checkout.
     */
    private static void createOutputFolders(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        for (String name : new String[] {"--out", "--errors"}) {
            if (leaf.hasMatchedOption(name) && leaf.matchedOptionValue(name, null) instanceof Path p) {
                Path parent = p.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    try {
                        Files.createDirectories(parent);
                    } catch (IOException e) {
                        String msg = "cannot create folder " + parent + " for " + name + ": " + IoReason.of(e);
                        throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), msg,
                                new OptionUsageException(msg, e));
                    }
                }
            }
        }
    }

    /**
     * Runs the tool without exiting the JVM (for tests and embedding).
     *
     * @param args arguments
     * @param out standard output
     * @param err standard error
     * @return exit code: 0 success, 1 error (input, data, engine), 2 usage error (unknown or invalid option
     *     value, conflicting options)
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setCaseInsensitiveEnumValuesAllowed(true);   // --gaps split, --non-finite drop_track, --format trackmate_xml
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, ignored) -> {
            CommandLine cmd = ex.getCommandLine();
            String msg = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                msg = msg + " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
            return usageError(err, cmd, msg);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
            if (ex instanceof OptionUsageException) {
                return usageError(err, cmd, ex.getMessage());
            }
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            VirtualMachineError resource = resourceError(ex);
            err.println("deepspt " + cmd.getCommandName() + ": error: " + (resource != null
                    ? resourceMessage(resource) : oneLine(CliTerms.of(msg))));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        cl.setExecutionStrategy(parsed -> {
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            try {
                OutputGuard.check(leaf);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
            }
            createOutputFolders(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Errors pass picocli's handlers: the command boundary turns them into one line and exit status 1.
            err.println(commandOf(args) + ": error: " + resourceMessage(e));
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(err);
            }
            code = 1;
        }
        out.flush();
        err.flush();
        StreamInterruption.commandEnded();   // a stream stopped by a signal: its shutdown hook waited for this
        return code;
    }

    /**
     * Prints a usage error as one line, {@code deepspt CMD: usage error: MESSAGE (see 'deepspt CMD --help')},
     * instead of picocli's message followed by the whole usage help.
     *
     * @return the exit code of usage errors, 2
     */
    private static int usageError(PrintWriter err, CommandLine cmd, String message) {
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": usage error: " + oneLine(message) + " (see '" + name + " --help')");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * An error is one line: line breaks that reach a message from the input are shown as spaces, and any
     * other control, bidirectional or zero-width character as a visible escape ({@link Messages#escape}).
     */
    private static String oneLine(String message) {
        return Messages.escape(message.strip().replaceAll("\\R+", " "));
    }

    /**
     * @param value a name, id, label or path to echo on stderr
     * @return its text with control, line-break, bidirectional and zero-width characters as visible escapes
     */
    static String shown(Object value) {
        return Messages.escape(String.valueOf(value));
    }
}
