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
    NON_FINITE_DROP_TRACK("NonFinitePolicy.DROP_TRACK");

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
     * @param message a library message (an exception's, an issue's detail, a calibration's warning or source)
     * @param words a front end's words for each term (the CLI's option for {@link #PIXEL_SIZE}, say)
     * @return the message with every term's {@link #library()} spelling replaced by its words; the rest unchanged
     */
    public static String render(String message, Function<ReadTerm, String> words) {
        Objects.requireNonNull(words, "words");
        String s = message;
        for (ReadTerm t : values()) {
            if (s.contains(t.library)) {
                s = s.replace(t.library, Objects.requireNonNull(words.apply(t), t.name()));
            }
        }
        return s;
    }
}
