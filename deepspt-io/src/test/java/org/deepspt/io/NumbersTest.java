package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.deepspt.api.InputFormatException;
import org.junit.jupiter.api.Test;

/**
 * {@link Numbers#parseDouble} gives the same double as {@link Double#parseDouble}, bit for bit, on every
 * decimal that both accept, and rejects what it documents as rejected (hexadecimal, type suffixes, text) with
 * an error that names source, line and field. Its fast path uses jackson-core's FastDoubleParser; these
 * checks pin it to the JDK's correctly rounded results.
 */
class NumbersTest {
    private static final String SOURCE = "tracks.csv";

    private static double parse(String s) {
        return Numbers.parseDouble(s, SOURCE, 7, "x");
    }

    /** Same bits as the JDK, or both reject. */
    private static void assertSameAsJdk(String s) {
        long expected;
        try {
            expected = Double.doubleToRawLongBits(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            assertThrows(InputFormatException.class, () -> parse(s), () -> "accepted '" + s + "'");
            return;
        }
        long actual = Double.doubleToRawLongBits(parse(s));
        assertEquals(Long.toHexString(expected), Long.toHexString(actual), () -> "bits of '" + s + "'");
    }

    @Test
    void edgeCasesGiveTheJdksBits() {
        List<String> cases = List.of("0", "-0", "+0", "0.0", "-0.0", "+0.0", "0e0", "-0e-5", ".5", "-.5", "+.5",
            "5.", "-5.", "+5.", "1", "+1", "-1", "1e5", "1E5", "1e+5", "1e-5", "1E-05", "1.e5", "1.5e300",
            "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
            "-1e309", "4.9e-324", "4.9E-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.225073858507201e-308", "1e-400",
            "-1e-400", "1e2147483647", "1e2147483648", "1e-2147483648", "1e-2147483649",
            "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999999999999",
            "0.1", "0.2", "0.3", "0.30000000000000004", "9007199254740993", "9007199254740993.000000000000000001",
            "123456789012345678901234567890e-30", "0.00000000000000000000000000000000000001e330",
            "000000000000000000000000001.5", "-0.020580655416660595", "0.22916103747258929",
            "0.44974696979884793", "-0.6541559789877545", "  12.5 ", "\t-3.25\t",
            "0.1000000000000000055511151231257827021181583404541015625",
            "2.2250738585072013830902327173324040642192159804623318306e-308");
        for (String s : cases) {
            assertSameAsJdk(s);
        }
    }

    @Test
    void randomDoublesInShortestAndLongFormsGiveTheJdksBits() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong());               // any bit pattern
                case 1 -> (r.nextDouble() - 0.5) * 200;                        // coordinates
                case 2 -> Double.longBitsToDouble(r.nextLong(1L << 52));      // subnormals
                default -> r.nextDouble() * Math.pow(10, r.nextInt(-320, 309)); // any magnitude
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            assertSameAsJdk(Double.toString(v));
            assertSameAsJdk(CsvOut.number(v));
            BigDecimal exact = new BigDecimal(v);
            for (int digits = 17; digits <= 20; digits++) {
                BigDecimal d = exact.round(new MathContext(digits));
                assertSameAsJdk(d.toString());
                assertSameAsJdk(d.toString().toLowerCase(Locale.ROOT));
                if (d.scale() > -30 && d.scale() < 60) {
                    assertSameAsJdk((r.nextBoolean() ? "+" : "") + d.toPlainString());
                }
            }
            assertSameAsJdk(String.format(Locale.ROOT, "%.19e", v));
        }
    }

    @Test
    void randomStringsOfNumberCharactersAreAcceptedAndRejectedAsByTheJdk() {
        SplittableRandom r = new SplittableRandom(3);
        String alphabet = "0123456789.+-eExXpP";
        for (int i = 0; i < 100_000; i++) {
            int len = 1 + r.nextInt(10);
            StringBuilder sb = new StringBuilder(len);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(r.nextInt(r.nextInt(4) == 0 ? alphabet.length() : 11)));
            }
            String s = sb.toString();
            if (s.indexOf('x') >= 0 || s.indexOf('X') >= 0) {
                assertThrows(InputFormatException.class, () -> parse(s), s); // no hexadecimal, no stray x
            } else {
                assertSameAsJdk(s);
            }
        }
    }

    @Test
    void documentedRejectionsStayRejectedAndNameTheirPlace() {
        List<String> rejected = List.of("0x1p3", "0X10", "0x1.8p1", "1d", "1D", "1f", "1F", "1.5d", "2e3f", ".",
            "+", "-", "+.", "-.", "e5", ".e5", "1e", "1e+", "1e5.5", "1.2.3", "--5", "+-5", "1 2", "1,5", "1_0",
            "abc", "Infinity5", "NaN5", "+0x1p3", "-0X1P-2", "0x1.8", "00x1p3", "1x5", "1e5x1", "\u0661", "1\u0661", "\uff11", "0x", "1e5x", "x1");
        for (String s : rejected) {
            InputFormatException e = assertThrows(InputFormatException.class, () -> parse(s), s);
            assertEquals(SOURCE, e.source(), s);
            assertEquals(7, e.line(), s);
            assertEquals(Optional.of("x"), e.field(), s);
            assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
        }
    }

    @Test
    void pythonSpellingsAndEmptyValues() {
        assertTrue(Double.isNaN(parse("")));
        assertTrue(Double.isNaN(parse("   ")));
        assertTrue(Double.isNaN(parse("nan")));
        assertTrue(Double.isNaN(parse("-NaN")));
        assertEquals(Double.POSITIVE_INFINITY, parse("inf"));
        assertEquals(Double.POSITIVE_INFINITY, parse("+Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-INF"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-infinity"));
    }

    @Test
    void integersAlsoWrittenWithAZeroFraction() {
        assertEquals(12, Numbers.parseInt("12", SOURCE, 3, "frame"));
        assertEquals(-4, Numbers.parseInt(" -4 ", SOURCE, 3, "frame"));
        assertEquals(12, Numbers.parseInt("12.0", SOURCE, 3, "frame"));
        assertEquals(120, Numbers.parseInt("1.2e2", SOURCE, 3, "frame"));
        for (String s : List.of("", "12.5", "1e10", "abc", "0x10", "12d")) {
            InputFormatException e = assertThrows(InputFormatException.class,
                    () -> Numbers.parseInt(s, SOURCE, 3, "frame"), s);
            assertEquals(3, e.line(), s);
            assertEquals(Optional.of("frame"), e.field(), s);
        }
    }
}
