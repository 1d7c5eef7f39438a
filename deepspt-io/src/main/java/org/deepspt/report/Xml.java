package org.deepspt.report;

import org.deepspt.api.Messages;

/** Escaping of text for XHTML/SVG content and attribute values. */
final class Xml {
    private Xml() {
    }

    /**
     * @param s any string
     * @return the string with {@code & < > " '} escaped; control, line-break, bidirectional and zero-width
     *     characters ({@link Messages#isUnsafe(char)}) shown as visible escapes ({@code \n}, {@code \}{@code
     *     u202e}), so an id cannot reverse or break the text around it; lone surrogates and U+FFFE/U+FFFF
     *     (which XML 1.0 forbids) replaced by U+FFFD
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Messages.isUnsafe(c)) {
                        sb.append(Messages.escape(String.valueOf(c)));
                    } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * @param s any string
     * @param max most characters kept (≥ 2)
     * @return the string, cut to {@code max} characters with an ellipsis when longer (not escaped)
     */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
