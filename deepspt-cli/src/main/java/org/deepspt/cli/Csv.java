package org.deepspt.cli;

/** CSV quoting for free-text fields such as track ids. */
final class Csv {
    private Csv() {
    }

    /** @return the value, quoted (RFC 4180) when it contains a comma, quote or line break */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
