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

    /**
     * @param text what the command reads on standard input (UTF-8)
     * @param args the command line
     * @return the run's exit code and output; {@code System.in} is restored afterwards
     */
    static CliRun withStdin(String text, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
