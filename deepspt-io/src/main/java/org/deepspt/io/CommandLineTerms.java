package org.deepspt.io;

/**
 * The library's messages in the words of the command-line tools: the CLI {@code deepspt} ({@link #cli}) and the
 * Spark job {@code deepspt-spark} ({@link #of}). A reader names a setting as the Java API that sets it
 * ({@link ReadTerm}: {@code ReadOptions.pixelSize 0.2 µm/px conflicts with …}, {@code use
 * NonFinitePolicy.DROP_TRACK}, {@code (ReadOptions.includeFilteredOut reads them)}, {@code map another column with
 * ReadOptions.column("particle", header)}), which a command-line user cannot type; the tools print
 * {@code --pixel-size 0.2 µm/px conflicts with …}, {@code use --non-finite DROP_TRACK}, {@code (--all-tracks reads
 * them)} and {@code map another column with --column particle=HEADER} instead. The one place where the options of
 * both tools are named for the library's messages, so that both say the same.
 *
 * <p>The Spark job takes the read options the CLI shares with it ({@code --pixel-size}, {@code --frame-interval},
 * {@code --non-finite}, {@code --column ROLE=COLUMN}, the same syntax); it reads tables, never TrackMate XML, and
 * never detects a track format (its {@code --in-format} says parquet or csv, the file's container), so the
 * TrackMate settings (which tracks, which branches) and {@code --format} have no option there: {@link #of} leaves
 * them in the library's words, which a message of the job never holds.
 */
public final class CommandLineTerms {
    private CommandLineTerms() {
    }

    /**
     * @param message a library message
     * @return the same message with the library's terms as the options of both tools (the Spark job's words); a
     *     term only the CLI has an option for stays as the library writes it
     */
    public static String of(String message) {
        return ReadTerm.render(message, t -> shared(t) ? option(t) : t.library());
    }

    /**
     * @param message a library message
     * @return the same message with every library term as the CLI's option
     */
    public static String cli(String message) {
        return ReadTerm.render(message, CommandLineTerms::option);
    }

    /**
     * @param term a library term
     * @return the CLI's option that sets it, with the value where the term is one value of a policy, and with
     *     {@link ReadTerm#ROLE} where the role goes ({@link ReadTerm#COLUMN}: {@code --column ROLE=HEADER})
     */
    public static String option(ReadTerm term) {
        return switch (term) {
            case PIXEL_SIZE -> "--pixel-size";
            case FRAME_INTERVAL -> "--frame-interval";
            case INCLUDE_FILTERED_OUT -> "--all-tracks";
            case BRANCHES_SPLIT -> "--branches SPLIT";
            case BRANCHES_LONGEST -> "--branches LONGEST";
            case NON_FINITE_DROP_TRACK -> "--non-finite DROP_TRACK";
            case COLUMN -> "--column " + ReadTerm.ROLE + "=HEADER";
            case FORMAT -> "--format";
        };
    }

    /**
     * @param term a library term
     * @return whether the Spark job has the CLI's option for it too (its read options, shared with the CLI)
     */
    public static boolean shared(ReadTerm term) {
        return switch (term) {
            case PIXEL_SIZE, FRAME_INTERVAL, NON_FINITE_DROP_TRACK, COLUMN -> true;
            case INCLUDE_FILTERED_OUT, BRANCHES_SPLIT, BRANCHES_LONGEST, FORMAT -> false;
        };
    }
}
