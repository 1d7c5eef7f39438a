package org.deepspt.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code java -jar deepspt.jar}. */
@Command(name = "deepspt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Single-particle-tracking analysis: simulate, segment into diffusion states, evaluate, "
                + "MSD analysis.",
        subcommands = {SimulateCommand.class, SegmentCommand.class, EvaluateCommand.class, MsdCommand.class,
                ExportTrainingCommand.class, TrainClassifierCommand.class, ClassifyCommand.class,
                FingerprintCommand.class, AnalyzeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the tool without exiting the JVM (for tests and embedding).
     *
     * @param args arguments
     * @param out standard output
     * @param err standard error
     * @return exit code: 0 success, 1 error, 2 usage error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("deepspt " + cmd.getCommandName() + ": error: " + msg);
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
