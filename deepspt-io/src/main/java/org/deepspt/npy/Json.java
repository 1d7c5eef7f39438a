package org.deepspt.npy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the training-set spec ({@code spec.json}) through Jackson: maps, collections, {@code long[]} and
 * {@code int[]}, strings, numbers, booleans and enums (by name); anything else as its {@code toString()}.
 * Layout: two-space indented objects, {@code "key": value}, arrays on one line ({@code [1, 2]}), {@code {}} and
 * {@code []} when empty, a final line feed; doubles (and floats, widened) as {@link Double#toString(double)},
 * non-finite numbers as {@code null}. These are the bytes the earlier hand-written serialiser wrote for every
 * spec the exporter writes, so the spec's SHA-256, which training runs record, is unchanged ({@code JsonTest}).
 * Two layouts differ from it and occur in no spec: an object inside an array is indented by its object depth
 * (Jackson) rather than by its depth counting arrays, and the control characters U+0008 and U+000C are written
 * {@code \b} and {@code \f}, others as backslash-u escapes with upper-case hex digits.
 */
final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withRootSeparator("")
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.NONE)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

    private Json() {
    }

    /**
     * @param value a map, collection, primitive array, string, number, boolean or enum
     * @return pretty-printed JSON (layout above) ending in a line feed
     */
    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(node(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode node(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), node(x)));
            return o;
        } else if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(node(x)));
            return a;
        } else if (v instanceof long[] l) {
            ArrayNode a = NODES.arrayNode();
            for (long x : l) {
                a.add(x);
            }
            return a;
        } else if (v instanceof int[] l) {
            ArrayNode a = NODES.arrayNode();
            for (int x : l) {
                a.add(x);
            }
            return a;
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).intValue());
        } else if (v instanceof Long l) {
            return NODES.numberNode(l);
        } else if (v instanceof Number n) {
            return NODES.numberNode(new BigDecimal(n.toString()));
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        return NODES.textNode(v.toString());
    }
}
