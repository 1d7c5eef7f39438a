package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitBound;

/**
 * Streams MSD fits to CSV, one row per track: {@code particle,points,alpha,D,offset,chi2,p_value,r_squared,
 * lags,converged,D_brownian,sigma_loc,msd_fit_at_bound,brownian_fit_at_bound} — the anomalous fit (α, D in
 * µm²/s^α, offset in µm²), the Brownian fit with localization error (D in µm²/s, σ in µm), and which
 * parameter of each fit ended on a bound ({@link MsdFitBound#label()}: {@code none}, {@code D}, {@code alpha},
 * {@code D+alpha} for the anomalous fit; {@code none} or {@code D} for the Brownian one). A parameter on a
 * bound is written as it is (e.g. D = 1.0E-9) but is where the fit stopped, not an estimate. Not thread-safe.
 */
public final class MsdCsvWriter extends TableCsvWriter {
    /** The header columns, in order. */
    public static final List<String> HEADER = List.of("particle", "points", "alpha", "D", "offset", "chi2",
            "p_value", "r_squared", "lags", "converged", "D_brownian", "sigma_loc", "msd_fit_at_bound",
            "brownian_fit_at_bound");

    private final Object[] row;
    private final TrackColumns extra;

    private MsdCsvWriter(Writer out, TrackColumns extra) {
        super(out, header(extra), "MSD fit");
        this.extra = extra;
        this.row = new Object[HEADER.size() + extra.names().size()];
    }

    private static List<String> header(TrackColumns extra) {
        List<String> h = new java.util.ArrayList<>(HEADER);
        h.addAll(extra.names());
        return h;
    }

    /** @param file destination (created or overwritten) @return the writer; close it */
    public static MsdCsvWriter open(Path file) {
        return open(file, TrackColumns.NONE);
    }

    /**
     * @param file destination (created or overwritten)
     * @param extra per-track columns appended last ({@code file}, {@code interpolated_points})
     * @return the writer; close it
     */
    public static MsdCsvWriter open(Path file, TrackColumns extra) {
        return new MsdCsvWriter(CsvOut.open(file), Objects.requireNonNull(extra, "extra"));
    }

    /** @param out destination (closed by {@link #close()}) @return the writer */
    public static MsdCsvWriter open(Writer out) {
        return new MsdCsvWriter(Objects.requireNonNull(out, "out"), TrackColumns.NONE);
    }

    /**
     * @param trackId the track
     * @param points its number of points
     * @param fit the anomalous-diffusion fit
     * @param brownian the Brownian fit with localization error
     */
    public void write(String trackId, int points, MsdFit fit, MsdFit brownian) {
        row[0] = CsvOut.text(trackId);
        row[1] = Integer.toString(points);
        row[2] = CsvOut.number(fit.alpha());
        row[3] = CsvOut.number(fit.diffusionCoefficient());
        row[4] = CsvOut.number(fit.offset());
        row[5] = CsvOut.number(fit.chiSquare());
        row[6] = CsvOut.number(fit.pValue());
        row[7] = CsvOut.number(fit.rSquared());
        row[8] = Integer.toString(fit.lags());
        row[9] = Boolean.toString(fit.converged());
        row[10] = CsvOut.number(brownian.diffusionCoefficient());
        row[11] = CsvOut.number(brownian.localizationError());
        row[12] = fit.atBound().label();
        row[13] = brownian.atBound().label();
        int k = HEADER.size();
        if (!extra.isEmpty()) {
            for (String v : extra.values(trackId)) {
                row[k++] = v;
            }
        }
        print(row, trackId);
    }
}
