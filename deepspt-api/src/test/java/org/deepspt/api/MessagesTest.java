package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void shortValuesAreQuotedAsTheyAre() {
        assertEquals("'abc'", Messages.quote("abc"));
        assertEquals("'=cmd|x'", Messages.quote("=cmd|x"));
        assertEquals("null", Messages.abbreviate(null));
    }

    @Test
    void longValuesAreCutAndCounted() {
        String v = "y".repeat(10_000_000);
        assertEquals("y".repeat(Messages.MAX_CHARS) + "…(10000000 chars)", Messages.abbreviate(v));
    }

    @Test
    void controlCharactersNeverSplitAMessage() {
        assertEquals("'line\\nbreak'", Messages.quote("line\nbreak"));
        assertEquals("'a\\r\\tb'", Messages.quote("a\r\tb"));
        assertEquals("'2.\\u00000'", Messages.quote("2.\u00000"));
        assertEquals("'\\u2028\\u007f\\u0085'", Messages.quote("\u2028\u007f\u0085"));
        assertEquals("'ø µm'", Messages.quote("ø µm"), "other characters are kept");
        // The count is of the whole value; escaping happens on the part shown.
        String v = "\n".repeat(200);
        assertEquals("\\n".repeat(Messages.MAX_CHARS) + "…(200 chars)", Messages.abbreviate(v));
    }
}
