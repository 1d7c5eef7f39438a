package org.deepspt.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Named feature vector of one track (the "diffusional fingerprint").
 *
 * <p>Values are in the units given by the extractor's {@link Feature} list. A value is {@link Double#NaN}
 * where the feature is undefined for this track (for example the MSD fit of a track with fewer than 4
 * points, or the kurtosis of a track whose points are all identical); the extractor documents each case.
 * {@link #withNaNAsZero()} gives the behaviour of the original DeepSPT code, which replaces NaN by 0.
 *
 * <p>Immutable and thread-safe; arrays returned are copies, lists unmodifiable.
 */
public final class Fingerprint {
    private final String trackId;
    private final List<String> names;
    private final double[] values;
    private final Map<String, Integer> index;

    private Fingerprint(String trackId, List<String> names, double[] values, Map<String, Integer> index) {
        this.trackId = trackId;
        this.names = names;
        this.values = values;
        this.index = index;
    }

    /**
     * @param trackId id of the track the features describe (non-empty)
     * @param names distinct feature names, one per value
     * @param values feature values (copied); NaN allowed, ±∞ allowed but discouraged
     * @return the fingerprint
     * @throws IllegalArgumentException when the lengths differ, a name repeats or the id is empty
     */
    public static Fingerprint of(String trackId, List<String> names, double[] values) {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(values, "values");
        if (trackId.isEmpty()) {
            throw new IllegalArgumentException("track id must not be empty");
        }
        if (names.size() != values.length) {
            throw new IllegalArgumentException("track '" + trackId + "': " + names.size() + " names but "
                    + values.length + " values");
        }
        Map<String, Integer> idx = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            String n = Objects.requireNonNull(names.get(i), "feature name");
            if (idx.put(n, i) != null) {
                throw new IllegalArgumentException("track '" + trackId + "': feature '" + n + "' repeats");
            }
        }
        return new Fingerprint(trackId, List.copyOf(names), values.clone(), Collections.unmodifiableMap(idx));
    }

    /** @return id of the track */
    public String trackId() {
        return trackId;
    }

    /** @return feature names in value order (unmodifiable) */
    public List<String> names() {
        return names;
    }

    /** @return number of features */
    public int size() {
        return values.length;
    }

    /**
     * @param name a feature name
     * @return true when this fingerprint has that feature
     */
    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /**
     * @param name a feature name
     * @return its value (NaN where undefined)
     * @throws IllegalArgumentException naming the track and feature when the feature is absent
     */
    public double value(String name) {
        return values[position(name)];
    }

    /**
     * @param i feature position 0..size()−1
     * @return its value
     */
    public double value(int i) {
        return values[i];
    }

    /** @return all values in {@link #names()} order (copy) */
    public double[] values() {
        return values.clone();
    }

    /**
     * @param subset feature names, in the order wanted
     * @return their values in that order (new array)
     * @throws IllegalArgumentException naming the first absent feature
     */
    public double[] values(List<String> subset) {
        double[] out = new double[subset.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[position(subset.get(i))];
        }
        return out;
    }

    /** @return name → value, in {@link #names()} order (unmodifiable) */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The behaviour of the original DeepSPT fingerprint: every NaN value replaced by 0 (infinities are kept).
     *
     * @return a fingerprint with the same names and NaN → 0 (this instance when there is no NaN)
     */
    public Fingerprint withNaNAsZero() {
        double[] v = values.clone();
        boolean changed = false;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = 0;
                changed = true;
            }
        }
        return changed ? new Fingerprint(trackId, names, v, index) : this;
    }

    private int position(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("track '" + trackId + "': fingerprint has no feature '" + name
                    + "'");
        }
        return i;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Fingerprint f && trackId.equals(f.trackId) && names.equals(f.names)
                && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackId, names, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Fingerprint[").append(trackId);
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? ": " : ", ").append(names.get(i)).append('=').append(values[i]);
        }
        return sb.append(']').toString();
    }
}
