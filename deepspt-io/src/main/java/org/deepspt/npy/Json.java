package org.deepspt.npy;

import java.util.Collection;
import java.util.Map;

/** Minimal JSON serialiser for the training-set spec: maps, collections, arrays, strings, numbers, booleans. */
final class Json {
    private Json() {
    }

    /**
     * @param value a map, collection, primitive array, string, number, boolean or enum
     * @return pretty-printed JSON (2-space indent); non-finite numbers become {@code null}
     */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void indent(StringBuilder sb, int level) {
        sb.append('\n').append("  ".repeat(level));
    }

    private static void append(StringBuilder sb, Object v, int level) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                indent(sb, level + 1);
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                append(sb, e.getValue(), level + 1);
            }
            if (!m.isEmpty()) {
                indent(sb, level);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                sb.append(first ? "" : ", ");
                first = false;
                append(sb, o, level + 1);
            }
            sb.append(']');
        } else if (v instanceof long[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(a[i]);
            }
            sb.append(']');
        } else if (v instanceof int[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(a[i]);
            }
            sb.append(']');
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name());
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
