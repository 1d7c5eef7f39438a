package org.deepspt.cli;

/** The one-line note on stderr for an option spelling that is still accepted but deprecated. */
final class Deprecation {
    private Deprecation() {
    }

    /**
     * @param old what the user wrote, e.g. {@code --segmenter rolling-msd}
     * @param replacement what to write instead, e.g. {@code --model rolling-msd}
     * @param why the reason, in a few words
     * @return {@code warning: OLD is deprecated; use REPLACEMENT (WHY)}
     */
    static String note(String old, String replacement, String why) {
        return "warning: " + Main.shown(old) + " is deprecated; use " + Main.shown(replacement) + " (" + why + ")";
    }
}
