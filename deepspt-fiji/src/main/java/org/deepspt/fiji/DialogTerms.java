package org.deepspt.fiji;

import org.deepspt.io.ReadTerm;

/**
 * The library's messages in the words of the plugin's dialog: a reader names a setting as the Java API that sets it
 * ({@link ReadTerm}: {@code ReadOptions.frameInterval 0.1 s conflicts with …}, {@code give the pixel size in µm
 * (ReadOptions.pixelSize)}), which a Fiji user never sees; the plugin says {@code the dialog's frame interval 0.1 s
 * conflicts with …} and {@code (the dialog's pixel size)}, after the dialog's fields {@code Frame_interval},
 * {@code Pixel_size} and {@code Branches}. A setting the dialog lacks (the tracks outside TrackMate's FilteredTracks,
 * non-finite coordinates, another column for a role, the input format) is named as the command line's option that
 * sets it, so that the user learns what can; for a column, also what the user can do without it (rename the
 * column in the file as the message expects).
 * The one place where the plugin words them: applied to the tracks read, once ({@link TrackAnalysis#run}: the
 * warnings, errors.csv, report.html and the log), to the error the plugin shows, and to the dialog's units line.
 */
final class DialogTerms {
    private DialogTerms() {
    }

    /** @param message a library message @return the same message with the library's terms as the dialog's fields */
    static String of(String message) {
        return ReadTerm.render(message, DialogTerms::words);
    }

    /**
     * @param term a library term
     * @return the dialog's field (and value) that sets it, or what the user can do where the dialog has none
     */
    static String words(ReadTerm term) {
        return switch (term) {
            case PIXEL_SIZE -> "the dialog's pixel size";
            case FRAME_INTERVAL -> "the dialog's frame interval";
            case BRANCHES_SPLIT -> "the dialog's Branches SPLIT";
            case BRANCHES_LONGEST -> "the dialog's Branches LONGEST";
            case INCLUDE_FILTERED_OUT -> "deepspt analyze --all-tracks";
            case NON_FINITE_DROP_TRACK -> "deepspt analyze --non-finite DROP_TRACK";
            case COLUMN -> "deepspt analyze --column " + ReadTerm.ROLE + "=HEADER (or rename the column in the file "
                    + "as expected)";
            case FORMAT -> "deepspt analyze --format";
        };
    }
}
