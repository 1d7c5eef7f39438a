package org.deepspt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the command line ({@link Main#run}) for the CLI tests: exit code and what it wrote to
 * stdout and stderr.
 *
 * @param code exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {

    /**
     * @param args the command line
     * @return the run's exit code and output
     */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
