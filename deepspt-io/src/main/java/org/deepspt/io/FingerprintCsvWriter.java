package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.msd.MsdFitBound;
import org.deepspt.msd.MsdFitter;
import org.jspecify.annotations.Nullable;

/**
 * Streams fingerprints to CSV: header {@code particle,<feature names>[,msd_fit_at_bound,msd_fit_status]}, one
 * row per track,
 * values as {@link Double#toString} (NaN where a feature is undefined). {@link FingerprintCsv#read} reads it
 * back.
 *
 * <p>When the features include {@code alpha} and {@code diffusion_coefficient}, a last column
 * {@value FingerprintCsv#MSD_FIT_AT_BOUND_COLUMN} says which of them ended on a bound of the MSD fit
 * ({@link MsdFitBound#label()}: {@code none}, {@code D}, {@code alpha}, {@code D+alpha}); such a value is where
 * the fit stopped, not an estimate. The flag is {@link DiffusionalFingerprint#msdFitBound(MsdFitter, Fingerprint)}
 * with the fitter given to {@link #open(Path, List, MsdFitter)} ({@link MsdFitter#defaults()}, the fitter of
 * {@link DiffusionalFingerprint#defaults()}, for the other factories). It is followed by
 * {@value FingerprintCsv#MSD_FIT_STATUS_COLUMN}, which says whether α and D are estimates and, if not, why
 * ({@link org.deepspt.api.FitStatus#label()}). Written with the track ({@link #write(Fingerprint, Trajectory)}), it
 * is the status of the fit behind α and D ({@link DiffusionalFingerprint#msdFitStatus(MsdFitter, Trajectory)}),
 * the status {@code deepspt msd} reports for that track: {@code ok}, {@code at_bound}, {@code undetermined},
 * {@code not_converged}, {@code no_motion} or {@code too_few_lags}. Written without it ({@link #write(Fingerprint)},
 * a table of fingerprints only), it is read from α and D ({@link DiffusionalFingerprint#msdFitStatus(MsdFitter,
 * Fingerprint)}: {@code ok}, {@code at_bound}, {@code no_motion}, {@code too_few_lags}; an undetermined or
 * unconverged fit is {@code ok} there). The feature columns are the same either way.
 * Not thread-safe.
 */
public final class FingerprintCsvWriter extends TableCsvWriter {
    private final List<String> names;
    private final @Nullable MsdFitter fitter;
    private final Object[] row;
    private final TrackColumns extra;

    /** @param fitter null: no flag column */
    private FingerprintCsvWriter(Writer out, List<String> names, @Nullable MsdFitter fitter, TrackColumns extra) {
        super(out, header(names, fitter != null, extra), "fingerprint");
        this.names = names;
        this.fitter = fitter;
        this.extra = extra;
        this.row = new Object[names.size() + 1 + (fitter != null ? 2 : 0) + extra.names().size()];
    }

    private static FingerprintCsvWriter create(Writer out, List<String> featureNames, MsdFitter fitter,
            TrackColumns extra) {
        List<String> names = List.copyOf(featureNames);
        return new FingerprintCsvWriter(out, names, hasMsdFit(names) ? fitter : null, extra);
    }

    private static boolean hasMsdFit(List<String> names) {
        return names.contains(FingerprintFeature.ALPHA.featureName())
                && names.contains(FingerprintFeature.DIFFUSION_COEFFICIENT.featureName());
    }

    private static List<String> header(List<String> names, boolean flag, TrackColumns extra) {
        List<String> h = new ArrayList<>(names.size() + 4);
        h.add(FingerprintCsv.ID_COLUMN);
        h.addAll(names);
        if (flag) {
            h.add(FingerprintCsv.MSD_FIT_AT_BOUND_COLUMN);
            h.add(FingerprintCsv.MSD_FIT_STATUS_COLUMN);
        }
        h.addAll(extra.names());
        return h;
    }

    /**
     * @param file destination (created or overwritten)
     * @param featureNames the columns after {@code particle}
     * @return the writer, flagging against the bounds of {@link MsdFitter#defaults()}; close it
     */
    public static FingerprintCsvWriter open(Path file, List<String> featureNames) {
        return open(file, featureNames, MsdFitter.defaults());
    }

    /**
     * @param file destination (created or overwritten)
     * @param featureNames the columns after {@code particle}
     * @param fitter the MSD fitter that produced {@code alpha} and {@code diffusion_coefficient} (e.g.
     *     {@link DiffusionalFingerprint#msdFitter()}); its bounds decide {@code msd_fit_at_bound}
     * @return the writer; close it
     */
    public static FingerprintCsvWriter open(Path file, List<String> featureNames, MsdFitter fitter) {
        return open(file, featureNames, fitter, TrackColumns.NONE);
    }

    /**
     * @param file destination (created or overwritten)
     * @param featureNames the columns after {@code particle}
     * @param fitter the MSD fitter that produced {@code alpha} and {@code diffusion_coefficient}
     * @param extra per-track columns appended last ({@code file}, {@code interpolated_points})
     * @return the writer; close it
     */
    public static FingerprintCsvWriter open(Path file, List<String> featureNames, MsdFitter fitter,
            TrackColumns extra) {
        Objects.requireNonNull(fitter, "fitter");
        Objects.requireNonNull(extra, "extra");
        return create(CsvOut.open(file), featureNames, fitter, extra);
    }

    /**
     * @param out destination (closed by {@link #close()})
     * @param featureNames the columns after {@code particle}
     * @return the writer, flagging against the bounds of {@link MsdFitter#defaults()}
     */
    public static FingerprintCsvWriter open(Writer out, List<String> featureNames) {
        return create(Objects.requireNonNull(out, "out"), featureNames, MsdFitter.defaults(), TrackColumns.NONE);
    }

    /**
     * Writes a fingerprint whose track is at hand: its {@value FingerprintCsv#MSD_FIT_STATUS_COLUMN} is the status
     * of the MSD fit behind α and D ({@link DiffusionalFingerprint#msdFitStatus(MsdFitter, Trajectory)}, one more
     * fit of the track, with standard errors), as {@code deepspt msd} reports it, {@code undetermined} included.
     *
     * @param f a fingerprint with exactly the header's feature names, in order
     * @param track the track {@code f} was extracted from (same id)
     * @throws IllegalArgumentException when its names differ or the track has another id
     */
    public void write(Fingerprint f, Trajectory track) {
        if (!track.id().equals(f.trackId())) {
            throw new IllegalArgumentException("fingerprint of track '" + f.trackId() + "' given with track '"
                    + track.id() + "'");
        }
        writeRow(f, fitter == null ? null : DiffusionalFingerprint.msdFitStatus(fitter, track));
    }

    /**
     * Writes a fingerprint with the status of its MSD fit computed by the caller, once for this table and the others
     * that report it ({@code analyze}'s report.html): the status {@link #write(Fingerprint, Trajectory)} would
     * compute, {@link DiffusionalFingerprint#msdFitStatus(MsdFitter, Trajectory)} with this writer's fitter.
     *
     * @param f a fingerprint with exactly the header's feature names, in order
     * @param msdFitStatus the status of the MSD fit behind its α and D; not written when the table has no MSD-fit
     *     columns
     * @throws IllegalArgumentException when its names differ
     */
    public void write(Fingerprint f, FitStatus msdFitStatus) {
        writeRow(f, fitter == null ? null : Objects.requireNonNull(msdFitStatus, "msdFitStatus"));
    }

    /**
     * Writes a fingerprint without its track: its {@value FingerprintCsv#MSD_FIT_STATUS_COLUMN} is read from α
     * and D ({@link DiffusionalFingerprint#msdFitStatus(MsdFitter, Fingerprint)}), which cannot say
     * {@code undetermined} or {@code not_converged}; prefer {@link #write(Fingerprint, Trajectory)}.
     *
     * @param f a fingerprint with exactly the header's feature names, in order
     * @throws IllegalArgumentException when its names differ
     */
    public void write(Fingerprint f) {
        writeRow(f, fitter == null ? null : DiffusionalFingerprint.msdFitStatus(fitter, f));
    }

    private void writeRow(Fingerprint f, @Nullable FitStatus status) {
        if (!f.names().equals(names)) {
            throw new IllegalArgumentException("track '" + f.trackId() + "' has other feature names than the "
                    + "header");
        }
        row[0] = CsvOut.text(f.trackId());
        for (int j = 0; j < names.size(); j++) {
            row[j + 1] = CsvOut.number(f.value(j));
        }
        int k = names.size() + 1;
        if (fitter != null) {
            row[k++] = DiffusionalFingerprint.msdFitBound(fitter, f).label();
            row[k++] = Objects.requireNonNull(status, "status").label();
        }
        if (!extra.isEmpty()) {
            for (String v : extra.values(f.trackId())) {
                row[k++] = v;
            }
        }
        print(row, f.trackId());
    }
}
