package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitBound;
import org.deepspt.api.FitStatus;

/**
 * Streams MSD fits to CSV, one row per track (also for tracks too short to fit: their values are NaN and the
 * status says why):
 * <pre>
 * particle,points,alpha,alpha_se,D,D_se,offset,chi2,p_value,r_squared,lags,converged,D_brownian,sigma_loc,
 * msd_fit_at_bound,brownian_fit_at_bound,offset_clamped,sigma_loc_clamped,msd_fit_status,brownian_fit_status
 * </pre>
 * The anomalous fit: α and its standard error, D in µm²/s<sup>α</sup> (the MSD per 2·dim at t = 1 s) and its
 * standard error, offset in µm², χ², p, R², lags (min(⌊N/4⌋, 30) by default); the Brownian fit with localization
 * error: D in µm²/s, σ in µm. Every clamp is flagged: which parameter of each fit ended on a bound
 * ({@link MsdFitBound#label()}: {@code none}, {@code D}, {@code alpha}, {@code D+alpha} for the anomalous fit;
 * {@code none} or {@code D} for the Brownian one), whether the anomalous fit's offset ended on its bound 0
 * ({@code offset_clamped}) and whether σ was clamped to 0 ({@code sigma_loc_clamped}); a value on a bound is
 * written as it is (e.g. D = 1.0E-9) but is where the fit stopped, not an estimate. The statuses
 * ({@link FitStatus#label()}: {@code ok}, {@code at_bound}, {@code undetermined} (anomalous fit only: SE(α) &gt; 1
 * or α − 2·SE(α) &gt; 2, see {@code MsdFitter}), {@code not_converged}, {@code no_motion}, {@code too_few_lags})
 * say whether each fit's values are estimates and, if not, why. Not thread-safe.
 */
public final class MsdCsvWriter extends TableCsvWriter {
    /** The header columns, in order. */
    public static final List<String> HEADER = List.of("particle", "points", "alpha", "alpha_se", "D", "D_se",
            "offset", "chi2", "p_value", "r_squared", "lags", "converged", "D_brownian", "sigma_loc",
            "msd_fit_at_bound", "brownian_fit_at_bound", "offset_clamped", "sigma_loc_clamped", "msd_fit_status",
            "brownian_fit_status");

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
        row[3] = CsvOut.number(fit.alphaError());
        row[4] = CsvOut.number(fit.diffusionCoefficient());
        row[5] = CsvOut.number(fit.diffusionCoefficientError());
        row[6] = CsvOut.number(fit.offset());
        row[7] = CsvOut.number(fit.chiSquare());
        row[8] = CsvOut.number(fit.pValue());
        row[9] = CsvOut.number(fit.rSquared());
        row[10] = Integer.toString(fit.lags());
        row[11] = Boolean.toString(fit.converged());
        row[12] = CsvOut.number(brownian.diffusionCoefficient());
        row[13] = CsvOut.number(brownian.localizationError());
        row[14] = fit.atBound().label();
        row[15] = brownian.atBound().label();
        row[16] = Boolean.toString(fit.offsetClamped());
        row[17] = Boolean.toString(brownian.offsetClamped());
        row[18] = fit.status().label();
        row[19] = brownian.status().label();
        int k = HEADER.size();
        if (!extra.isEmpty()) {
            for (String v : extra.values(trackId)) {
                row[k++] = v;
            }
        }
        print(row, trackId);
    }
}
