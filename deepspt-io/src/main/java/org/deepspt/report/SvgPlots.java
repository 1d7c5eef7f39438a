package org.deepspt.report;

import java.util.List;
import java.util.Locale;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.pipeline.TrackResult;

/**
 * Inline SVG charts, each returned as one {@code <svg>} element (SVG 1.1, namespace declared, sizes in
 * CSS pixels, system fonts only). Text is escaped. Colours of the diffusion states (Okabe–Ito palette,
 * readable with colour-vision deficiencies): normal blue, directed vermillion, confined green,
 * subdiffusive orange; grey where a track has no segmentation.
 */
public final class SvgPlots {
    private static final String[] STATE_COLOURS = {"#0072B2", "#D55E00", "#009E73", "#E69F00"};
    private static final String NO_STATE = "#7f7f7f";
    private static final String FONT = "font-family=\"sans-serif\"";

    private SvgPlots() {
    }

    /**
     * @param state a diffusion state
     * @return its colour as {@code #RRGGBB}
     */
    public static String colour(DiffusionState state) {
        return STATE_COLOURS[state.index()];
    }

    /** @return v rounded to 0.1 px, without the cost of String.format (hot: every path vertex) */
    static String f(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long t = Math.round(v * 10);
        long a = Math.abs(t);
        return (t < 0 ? "-" : "") + (a / 10) + "." + (a % 10);
    }

    private static StringBuilder open(int width, int height, String label) {
        return new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Xml.escape(label)).append("\">");
    }

    private static void text(StringBuilder sb, double x, double y, String s, int size, String anchor, String extra) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"").append(size)
                .append("\" ").append(FONT).append(" text-anchor=\"").append(anchor).append('"').append(extra)
                .append('>').append(Xml.escape(s)).append("</text>");
    }

    /** @return a "nice" length (1, 2 or 5 × 10^k) close to a fifth of {@code span} */
    static double niceLength(double span) {
        double target = span / 5;
        if (!(target > 0) || Double.isInfinite(target)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(target)));
        double m = target / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    private static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v).replaceAll("\\.?0+$", "");
    }

    /**
     * Small multiples of track paths (x right, y down as in images, equal scale on both axes within a panel,
     * each panel scaled to its track), each step coloured by the predicted state of its end point, with a
     * scale bar in µm and the track id (and predicted class, when there is one) as title.
     *
     * @param tracks the tracks to draw
     * @param columns panels per row ≥ 1
     * @param panel panel width and height, px
     * @return the SVG element
     */
    public static String trackPanels(List<TrackResult> tracks, int columns, int panel) {
        return trackPanels(tracks, columns, panel, "µm");
    }

    /**
     * As {@link #trackPanels(List, int, int)}, with the scale bar in the given length unit.
     *
     * @param tracks the tracks to draw
     * @param columns panels per row ≥ 1
     * @param panel panel width and height, px
     * @param lengthUnit the unit of the coordinates ({@code µm}, or {@code px} for an uncalibrated file)
     * @return the SVG element
     */
    public static String trackPanels(List<TrackResult> tracks, int columns, int panel, String lengthUnit) {
        int rows = Math.max(1, (tracks.size() + columns - 1) / columns);
        int gap = 8;
        int width = columns * (panel + gap);
        int height = rows * (panel + gap);
        StringBuilder sb = open(width, height, "paths of " + tracks.size() + " sample tracks coloured by state");
        if (tracks.isEmpty()) {
            text(sb, width / 2.0, height / 2.0, "no tracks", 14, "middle", "");
        }
        for (int k = 0; k < tracks.size(); k++) {
            TrackResult r = tracks.get(k);
            double ox = (k % columns) * (panel + gap) + gap / 2.0;
            double oy = (k / columns) * (panel + gap) + gap / 2.0;
            sb.append("<g transform=\"translate(").append(f(ox)).append(',').append(f(oy)).append(")\">");
            sb.append("<title>").append(Xml.escape("track " + r.trackId() + ", " + r.trajectory().size()
                    + " points")).append("</title>");
            sb.append("<rect width=\"").append(panel).append("\" height=\"").append(panel)
                    .append("\" fill=\"#ffffff\" stroke=\"#cccccc\"/>");
            String title = Xml.shorten(r.trackId(), 22) + r.prediction().map(p -> " · " + Xml.shorten(p.label(), 12))
                    .orElse("");
            text(sb, 6, 14, title, 11, "start", "");
            drawPath(sb, r, panel, lengthUnit);
            sb.append("</g>");
        }
        return sb.append("</svg>").toString();
    }

    private static void drawPath(StringBuilder sb, TrackResult r, int panel, String lengthUnit) {
        Trajectory t = r.trajectory();
        int n = t.size();
        double[] x = t.axis(0);
        double[] y = t.axis(1);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double top = 22;
        double bottom = 22;
        double side = 8;
        double avail = Math.min(panel - 2 * side, panel - top - bottom);
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
        double scale = avail / span;
        double cx = panel / 2.0 - (minX + maxX) / 2 * scale;
        double cy = top + (panel - top - bottom) / 2.0 - (minY + maxY) / 2 * scale;
        int[] states = r.segmentation().map(Segmentation::stateIndices).orElse(null);
        // One polyline per run of equal state; each run starts at the last point of the previous run.
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i < n && (states == null || states[i] == states[i - 1])) {
                continue;
            }
            String colour = states == null ? NO_STATE : STATE_COLOURS[states[start]];
            sb.append("<polyline fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1.3\" stroke-linejoin=\"round\" points=\"");
            for (int j = Math.max(0, start - 1); j < i; j++) {
                sb.append(f(cx + x[j] * scale)).append(',').append(f(cy + y[j] * scale)).append(' ');
            }
            sb.append("\"/>");
            start = i;
        }
        sb.append("<circle cx=\"").append(f(cx + x[0] * scale)).append("\" cy=\"").append(f(cy + y[0] * scale))
                .append("\" r=\"2.5\" fill=\"#000000\"/>");
        double bar = niceLength(span);
        double barPx = bar * scale;
        double by = panel - 9;
        sb.append("<line x1=\"8\" y1=\"").append(f(by)).append("\" x2=\"").append(f(8 + barPx)).append("\" y2=\"")
                .append(f(by)).append("\" stroke=\"#000000\" stroke-width=\"2\"/>");
        text(sb, 12 + barPx, by + 4, number(bar) + " " + lengthUnit, 10, "start", "");
        text(sb, panel - 6, by + 4, n + " pts", 10, "end", " fill=\"#555555\"");
    }

    /**
     * Per-frame state probabilities as stacked areas (normal at the bottom, then directed, confined,
     * subdiffusive; the four add up to 1) over the track's frames, one panel per track.
     *
     * @param tracks tracks with a segmentation (others show "no segmentation")
     * @param columns panels per row ≥ 1
     * @param panelWidth panel width, px
     * @param panelHeight panel height, px
     * @return the SVG element
     */
    public static String probabilityTimelines(List<TrackResult> tracks, int columns, int panelWidth,
            int panelHeight) {
        int rows = Math.max(1, (tracks.size() + columns - 1) / columns);
        int gap = 10;
        int width = columns * (panelWidth + gap);
        int height = rows * (panelHeight + gap);
        StringBuilder sb = open(width, height, "per-frame state probabilities of " + tracks.size() + " tracks");
        if (tracks.isEmpty()) {
            text(sb, width / 2.0, height / 2.0, "no tracks", 14, "middle", "");
        }
        for (int k = 0; k < tracks.size(); k++) {
            TrackResult r = tracks.get(k);
            double ox = (k % columns) * (panelWidth + gap) + gap / 2.0;
            double oy = (k / columns) * (panelHeight + gap) + gap / 2.0;
            sb.append("<g transform=\"translate(").append(f(ox)).append(',').append(f(oy)).append(")\">");
            text(sb, 0, 12, "track " + Xml.shorten(r.trackId(), 40), 11, "start", "");
            double left = 34;
            double top = 18;
            double w = panelWidth - left - 6;
            double h = panelHeight - top - 18;
            sb.append("<rect x=\"").append(f(left)).append("\" y=\"").append(f(top)).append("\" width=\"")
                    .append(f(w)).append("\" height=\"").append(f(h))
                    .append("\" fill=\"#f4f4f4\" stroke=\"#cccccc\"/>");
            text(sb, left - 4, top + 8, "1", 10, "end", "");
            text(sb, left - 4, top + h / 2 + 4, "0.5", 10, "end", "");
            text(sb, left - 4, top + h, "0", 10, "end", "");
            sb.append("<text x=\"0\" y=\"0\" font-size=\"10\" text-anchor=\"middle\" transform=\"translate(")
                    .append(f(9)).append(',').append(f(top + h / 2)).append(") rotate(-90)\">probability</text>");
            if (r.segmentation().isEmpty()) {
                text(sb, left + w / 2, top + h / 2, "no segmentation", 12, "middle", "");
            } else {
                Segmentation s = r.segmentation().get();
                int n = s.size();
                double[] p = s.probabilityMatrix();
                int f0 = s.frame(0);
                int f1 = s.frame(n - 1);
                double fx = f1 > f0 ? w / (f1 - f0) : 0;
                double[] lower = new double[n];
                for (int st = 0; st < 4; st++) {
                    sb.append("<polygon fill=\"").append(STATE_COLOURS[st]).append("\" points=\"");
                    for (int i = 0; i < n; i++) {
                        double xv = n == 1 ? left + w / 2 : left + (s.frame(i) - f0) * fx;
                        sb.append(f(xv)).append(',').append(f(top + h * (1 - lower[i] - p[4 * i + st]))).append(' ');
                    }
                    for (int i = n - 1; i >= 0; i--) {
                        double xv = n == 1 ? left + w / 2 : left + (s.frame(i) - f0) * fx;
                        sb.append(f(xv)).append(',').append(f(top + h * (1 - lower[i]))).append(' ');
                    }
                    sb.append("\"/>");
                    for (int i = 0; i < n; i++) {
                        lower[i] = Math.min(1, lower[i] + p[4 * i + st]);
                    }
                }
                double dt = r.trajectory().frameInterval();
                text(sb, left, top + h + 13, "0 s", 10, "start", "");
                text(sb, left + w / 2, top + h + 13, "time since frame " + f0 + " (s; frame interval "
                        + number(dt) + " s)", 10, "middle", " fill=\"#555555\"");
                text(sb, left + w, top + h + 13, number((f1 - f0) * dt) + " s (frame " + f1 + ")", 10, "end", "");
            }
            sb.append("</g>");
        }
        return sb.append("</svg>").toString();
    }

    /**
     * Vertical bar chart with the value written above each bar.
     *
     * @param title chart title
     * @param labels category names
     * @param values one value per category (≥ 0)
     * @param colours one fill colour per category ({@code #RRGGBB})
     * @param percent whether values are fractions to be written as percentages
     * @return the SVG element
     */
    public static String barChart(String title, List<String> labels, double[] values, List<String> colours,
            boolean percent) {
        int n = labels.size();
        int barW = 70;
        int width = Math.max(320, 60 + n * (barW + 20));
        int height = 260;
        double top = 40;
        double h = 170;
        StringBuilder sb = open(width, height, title);
        text(sb, width / 2.0, 18, title, 13, "middle", " font-weight=\"bold\"");
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max <= 0) {
            max = 1;
        }
        sb.append("<line x1=\"40\" y1=\"").append(f(top + h)).append("\" x2=\"").append(width - 10).append("\" y2=\"")
                .append(f(top + h)).append("\" stroke=\"#333333\"/>");
        for (int i = 0; i < n; i++) {
            double x = 50 + i * (barW + 20);
            double bh = h * values[i] / max;
            sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(top + h - bh)).append("\" width=\"")
                    .append(barW).append("\" height=\"").append(f(bh)).append("\" fill=\"").append(colours.get(i))
                    .append("\"><title>").append(Xml.escape(labels.get(i) + ": " + valueText(values[i], percent)))
                    .append("</title></rect>");
            text(sb, x + barW / 2.0, top + h - bh - 4, valueText(values[i], percent), 11, "middle", "");
            text(sb, x + barW / 2.0, top + h + 15, Xml.shorten(labels.get(i), 12), 11, "middle", "");
        }
        return sb.append("</svg>").toString();
    }

    private static String valueText(double v, boolean percent) {
        return percent ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : number(v);
    }

    /**
     * Horizontal bar chart of counts, for long category names (cut to 70 characters; the full name is the
     * bar's tooltip).
     *
     * @param title chart title
     * @param labels category names
     * @param counts one count per category
     * @param colour bar colour
     * @return the SVG element
     */
    public static String horizontalBars(String title, List<String> labels, long[] counts, String colour) {
        int n = labels.size();
        int rowH = 22;
        int labelW = 430;
        int barMax = 300;
        int width = labelW + barMax + 70;
        int height = 30 + Math.max(1, n) * rowH + 10;
        StringBuilder sb = open(width, height, title);
        text(sb, 4, 16, title, 13, "start", " font-weight=\"bold\"");
        if (n == 0) {
            text(sb, 4, 44, "none", 12, "start", "");
        }
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        for (int i = 0; i < n; i++) {
            double y = 30 + i * rowH;
            text(sb, labelW - 6, y + 15, Xml.shorten(labels.get(i), 70), 11, "end", "");
            double w = barMax * (double) counts[i] / max;
            sb.append("<rect x=\"").append(labelW).append("\" y=\"").append(f(y + 3)).append("\" width=\"")
                    .append(f(Math.max(1, w))).append("\" height=\"").append(rowH - 6).append("\" fill=\"")
                    .append(colour).append("\"><title>").append(Xml.escape(labels.get(i) + ": " + counts[i]))
                    .append("</title></rect>");
            text(sb, labelW + w + 5, y + 15, Long.toString(counts[i]), 11, "start", "");
        }
        return sb.append("</svg>").toString();
    }

    /**
     * A grid of histograms, each with its title, the range of its bins and the number of values
     * (and of non-finite values left out).
     *
     * @param histograms the histograms
     * @param columns panels per row ≥ 1
     * @return the SVG element
     */
    public static String histograms(List<Histogram> histograms, int columns) {
        int pw = 290;
        int ph = 170;
        int rows = Math.max(1, (histograms.size() + columns - 1) / columns);
        int width = columns * pw;
        int height = rows * ph;
        StringBuilder sb = open(width, height, "fingerprint feature distributions");
        for (int k = 0; k < histograms.size(); k++) {
            Histogram hg = histograms.get(k);
            double ox = (k % columns) * pw;
            double oy = (k / columns) * ph;
            sb.append("<g transform=\"translate(").append(f(ox)).append(',').append(f(oy)).append(")\">");
            text(sb, pw / 2.0, 14, hg.title(), 12, "middle", " font-weight=\"bold\"");
            long[] c = hg.counts();
            long max = 1;
            for (long v : c) {
                max = Math.max(max, v);
            }
            double left = 30;
            double top = 22;
            double w = pw - 44;
            double h = ph - 62;
            double bw = w / c.length;
            for (int b = 0; b < c.length; b++) {
                double bh = h * c[b] / max;
                sb.append("<rect x=\"").append(f(left + b * bw)).append("\" y=\"").append(f(top + h - bh))
                        .append("\" width=\"").append(f(Math.max(0.5, bw - 1))).append("\" height=\"").append(f(bh))
                        .append("\" fill=\"#4a6fa5\"/>");
            }
            sb.append("<line x1=\"").append(f(left)).append("\" y1=\"").append(f(top + h)).append("\" x2=\"")
                    .append(f(left + w)).append("\" y2=\"").append(f(top + h)).append("\" stroke=\"#333333\"/>");
            sb.append("<line x1=\"").append(f(left)).append("\" y1=\"").append(f(top)).append("\" x2=\"")
                    .append(f(left)).append("\" y2=\"").append(f(top + h)).append("\" stroke=\"#333333\"/>");
            text(sb, left - 2, top + 8, Long.toString(max), 9, "end", "");
            text(sb, left - 2, top + h, "0", 9, "end", "");
            text(sb, left, top + h + 13, number(hg.min()), 10, "start", "");
            text(sb, left + w / 2, top + h + 13, number((hg.min() + hg.max()) / 2), 10, "middle", "");
            text(sb, left + w, top + h + 13, number(hg.max()), 10, "end", "");
            text(sb, pw / 2.0, top + h + 28, "n = " + hg.total() + (hg.clipped() > 0 ? ", clipped = "
                    + hg.clipped() : "") + (hg.nonFinite() > 0 ? ", undefined = " + hg.nonFinite() : "")
                    + ", y: tracks per bin", 10, "middle", " fill=\"#555555\"");
            sb.append("</g>");
        }
        return sb.append("</svg>").toString();
    }

    /**
     * Confusion matrix: rows true labels, columns predicted labels; each cell shows its count and its
     * fraction of the row (normalised by true class), shaded by that fraction.
     *
     * @param trueLabels row labels
     * @param predictedLabels column labels
     * @param counts counts[row][column]
     * @return the SVG element
     */
    public static String confusionMatrix(List<String> trueLabels, List<String> predictedLabels, long[][] counts) {
        int cell = 72;
        int left = 130;
        int top = 70;
        int width = left + predictedLabels.size() * cell + 20;
        int height = top + trueLabels.size() * cell + 20;
        StringBuilder sb = open(width, height, "confusion matrix of predictions vs labels");
        text(sb, left + predictedLabels.size() * cell / 2.0, 16, "predicted", 12, "middle", " font-weight=\"bold\"");
        text(sb, 14, top + trueLabels.size() * cell / 2.0, "true", 12, "middle",
                " font-weight=\"bold\" transform=\"rotate(-90 14 " + f(top + trueLabels.size() * cell / 2.0) + ")\"");
        for (int j = 0; j < predictedLabels.size(); j++) {
            text(sb, left + j * cell + cell / 2.0, top - 8, Xml.shorten(predictedLabels.get(j), 11), 11, "middle",
                    "");
        }
        for (int i = 0; i < trueLabels.size(); i++) {
            long rowSum = 0;
            for (long c : counts[i]) {
                rowSum += c;
            }
            text(sb, left - 6, top + i * cell + cell / 2.0 + 4, Xml.shorten(trueLabels.get(i), 16), 11, "end", "");
            for (int j = 0; j < predictedLabels.size(); j++) {
                double frac = rowSum > 0 ? (double) counts[i][j] / rowSum : 0;
                double x = left + j * cell;
                double y = top + i * cell;
                sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(cell)
                        .append("\" height=\"").append(cell).append("\" fill=\"#0072B2\" fill-opacity=\"")
                        .append(String.format(Locale.ROOT, "%.3f", 0.05 + 0.9 * frac))
                        .append("\" stroke=\"#ffffff\"/>");
                String fill = frac > 0.55 ? " fill=\"#ffffff\"" : "";
                text(sb, x + cell / 2.0, y + cell / 2.0 - 2, Long.toString(counts[i][j]), 13, "middle", fill);
                text(sb, x + cell / 2.0, y + cell / 2.0 + 14, String.format(Locale.ROOT, "%.0f %%", 100 * frac), 10,
                        "middle", fill);
            }
        }
        return sb.append("</svg>").toString();
    }
}
