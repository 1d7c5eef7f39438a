package org.deepspt.fingerprint;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-frame feature matrix of one track: n rows (points, with their frame indices) × F named columns,
 * as produced by {@link TimeResolvedFingerprint}. Units per column are those of {@link FingerprintFeature}.
 *
 * <p>Immutable and thread-safe; arrays returned are copies.
 */
public final class FeatureMatrix {
    private final String trackId;
    private final List<String> names;
    private final int[] frames;
    private final double[] data;
    private final Map<String, Integer> index;

    private FeatureMatrix(String trackId, List<String> names, int[] frames, double[] data) {
        this.trackId = trackId;
        this.names = names;
        this.frames = frames;
        this.data = data;
        this.index = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            if (index.put(names.get(j), j) != null) {
                throw new IllegalArgumentException("track '" + trackId + "': column '" + names.get(j) + "' repeats");
            }
        }
    }

    /**
     * @param trackId id of the track
     * @param names column names
     * @param frames frame index of each row
     * @param rowMajor values, row i column j at {@code i·F + j} (copied)
     * @return the matrix
     */
    public static FeatureMatrix of(String trackId, List<String> names, int[] frames, double[] rowMajor) {
        Objects.requireNonNull(trackId, "trackId");
        if ((long) frames.length * names.size() != rowMajor.length) {
            throw new IllegalArgumentException("track '" + trackId + "': " + frames.length + " rows × " + names.size()
                    + " columns need " + (long) frames.length * names.size() + " values, got " + rowMajor.length);
        }
        return new FeatureMatrix(trackId, List.copyOf(names), frames.clone(), rowMajor.clone());
    }

    static FeatureMatrix wrap(String trackId, List<String> names, int[] frames, double[] rowMajor) {
        return new FeatureMatrix(trackId, names, frames, rowMajor);
    }

    /** @return id of the track */
    public String trackId() {
        return trackId;
    }

    /** @return number of rows (points) */
    public int rows() {
        return frames.length;
    }

    /** @return number of columns (features) */
    public int columns() {
        return names.size();
    }

    /** @return column names (unmodifiable) */
    public List<String> names() {
        return names;
    }

    /** @return frame index of each row (copy) */
    public int[] frames() {
        return frames.clone();
    }

    /**
     * @param row row 0..rows()−1
     * @param column column 0..columns()−1
     * @return the value
     */
    public double get(int row, int column) {
        Objects.checkIndex(column, names.size());
        return data[row * names.size() + column];
    }

    /**
     * @param row row index
     * @param name column name
     * @return the value
     * @throws IllegalArgumentException when there is no such column
     */
    public double get(int row, String name) {
        return get(row, columnIndex(name));
    }

    /**
     * @param row row index
     * @return the row's values (copy)
     */
    public double[] row(int row) {
        int f = names.size();
        Objects.checkIndex(row, frames.length);
        return Arrays.copyOfRange(data, row * f, row * f + f);
    }

    /**
     * @param name column name
     * @return the column's values over all rows (copy)
     */
    public double[] column(String name) {
        int j = columnIndex(name);
        int f = names.size();
        double[] out = new double[frames.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i * f + j];
        }
        return out;
    }

    /** @return the matrix as rows (new arrays) */
    public double[][] toArray() {
        double[][] out = new double[frames.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * @param name column name
     * @return its column index
     * @throws IllegalArgumentException when there is no such column
     */
    public int columnIndex(String name) {
        Integer j = index.get(name);
        if (j == null) {
            throw new IllegalArgumentException("track '" + trackId + "': no column '" + name + "'");
        }
        return j;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FeatureMatrix m && trackId.equals(m.trackId) && names.equals(m.names)
                && Arrays.equals(frames, m.frames) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackId, names, Arrays.hashCode(frames), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + trackId + ", " + rows() + " × " + columns() + "]";
    }
}
