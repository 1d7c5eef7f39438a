package org.deepspt.io;

import java.util.Objects;
import java.util.function.Function;

/**
 * A read setting that the readers' messages name, so that a user learns what to change: the library writes each as
 * the Java API that sets it ({@link #library()}, e.g. {@code ReadOptions.frameInterval 0.1 s conflicts with the
 * file's frame interval 0.05 s (file timeinterval); ReadOptions.frameInterval is used}), and never as a front end's
 * option. Each front end renders every term in its own words, in one place, by an exhaustive {@code switch} over
 * this enum (a new term does not compile until every front end words it): the command-line tools in
 * {@link CommandLineTerms}, the Fiji plugin in its {@code DialogTerms}. A message is built from the term
 * ({@code ReadTerm.FRAME_INTERVAL + " " + …}, {@link #toString()} is {@link #library()}) and rendered by
 * {@link #render}, which replaces exactly these spellings and nothing else of the prose.
 *
 * <p>One term carries a parameter, the role of a column: {@link #COLUMN} is written {@code ReadOptions.column}
 * where a message names no role ({@code map columns with ReadOptions.column}) and {@link #column(String)},
 * {@code ReadOptions.column("particle", header)}, where it names one. A front end words it once, with
 * {@link #ROLE} where the role goes (the CLI's option ends {@code ROLE=HEADER}); {@link #render} puts the
 * message's role there ({@code particle=HEADER}) and leaves {@code ROLE} where the message names none.
 */
public enum ReadTerm {
    /** The pixel size in µm/px, {@link ReadOptions.Builder#pixelSize(double)}. */
    PIXEL_SIZE("ReadOptions.pixelSize"),
    /** The frame interval in s, {@link ReadOptions.Builder#frameInterval(double)}. */
    FRAME_INTERVAL("ReadOptions.frameInterval"),
    /** Also reading TrackMate tracks outside FilteredTracks, {@link ReadOptions.Builder#includeFilteredOut(boolean)}. */
    INCLUDE_FILTERED_OUT("ReadOptions.includeFilteredOut"),
    /** Branching TrackMate tracks cut into branches, {@link BranchPolicy#SPLIT}. */
    BRANCHES_SPLIT("BranchPolicy.SPLIT"),
    /** Branching TrackMate tracks read as their longest path, {@link BranchPolicy#LONGEST}. */
    BRANCHES_LONGEST("BranchPolicy.LONGEST"),
    /** A track with a non-finite coordinate rejected instead of stopping the read, {@link NonFinitePolicy#DROP_TRACK}. */
    NON_FINITE_DROP_TRACK("NonFinitePolicy.DROP_TRACK"),
    /**
     * Another column read for a role, {@link ReadOptions.Builder#column(String, String)}; for one role, written
     * {@link #column(String)}. A front end's words for it hold {@link #ROLE} where the role goes.
     */
    COLUMN("ReadOptions.column"),
    /** The input format forced instead of detected, {@link ReadOptions.Builder#format(TrackFormat)}. */
    FORMAT("ReadOptions.format");

    /** Where a front end's words for {@link #COLUMN} hold the role (the CLI's option ends {@code ROLE=HEADER}). */
    public static final String ROLE = "ROLE";

    private final String library;

    ReadTerm(String library) {
        this.library = library;
    }

    /** @return how the library's messages write the term: the Java API that sets it, e.g. {@code ReadOptions.pixelSize} */
    public String library() {
        return library;
    }

    /** @return {@link #library()}, so that a message can be built from the term */
    @Override
    public String toString() {
        return library;
    }

    /**
     * @param role one of {@link ReadOptions#ROLES}: x, y, z, particle, frame, state, t
     * @return how the library's messages write {@link #COLUMN} for that role, e.g.
     *     {@code ReadOptions.column("particle", header)}: the call that reads the role from the column with that
     *     header
     * @throws IllegalArgumentException for a role not in {@link ReadOptions#ROLES} (which {@link #render} would
     *     leave in the library's words)
     */
    public static String column(String role) {
        if (!ReadOptions.ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown column role '" + role + "'; expected one of x, y, z, "
                    + "particle, frame, state, t");
        }
        return COLUMN.library + "(\"" + role + "\", header)";
    }

    /**
     * @param message a library message (an exception's, an issue's detail, a calibration's warning or source)
     * @param words a front end's words for each term (the CLI's option for {@link #PIXEL_SIZE}, say; for
     *     {@link #COLUMN} with {@link #ROLE} where the role goes), or the term's {@link #library()} spelling to leave
     *     it in the library's words
     * @return the message with every term's {@link #library()} spelling replaced by its words, and every
     *     {@link #column(String)} by {@link #COLUMN}'s words with the role in place of {@link #ROLE}; the rest
     *     unchanged
     */
    public static String render(String message, Function<ReadTerm, String> words) {
        Objects.requireNonNull(words, "words");
        String s = message;
        for (ReadTerm t : values()) {
            if (!s.contains(t.library)) {
                continue;
            }
            String w = Objects.requireNonNull(words.apply(t), t.name());
            if (w.equals(t.library)) {
                continue;   // left in the library's words, with its role if it has one
            }
            if (t == COLUMN) {
                for (String role : ReadOptions.ROLES) {
                    s = s.replace(column(role), w.replace(ROLE, role));
                }
            }
            s = s.replace(t.library, w);
        }
        return s;
    }
}
