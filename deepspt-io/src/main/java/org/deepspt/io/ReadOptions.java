package org.deepspt.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Immutable options for {@link TrackReaders}. Build with {@link #builder()}; {@link #defaults()} is
 * pixel size 1 µm/px, frame interval from the file (else 1 s), the gap policy of the format
 * ({@link #gapPolicy(TrackFormat)}), {@link BranchPolicy#PATHS}, only TrackMate's filtered tracks,
 * {@link NonFinitePolicy#ERROR}, minimum length 1 point, no column overrides, format detected.
 *
 * <p>Thread-safe.
 */
public final class ReadOptions {
    /** Column roles that {@link Builder#column(String, String)} accepts. */
    public static final Set<String> ROLES = Set.of("x", "y", "z", "particle", "frame", "state", "t");

    private static final ReadOptions DEFAULTS = builder().build();

    private final double pixelSize;
    private final boolean pixelSizeSet;
    private final double frameInterval;
    private final GapPolicy gapPolicy;
    private final BranchPolicy branchPolicy;
    private final boolean includeFilteredOut;
    private final NonFinitePolicy nonFinitePolicy;
    private final int minLength;
    private final Map<String, String> columns;
    private final TrackFormat format;

    private ReadOptions(Builder b) {
        this.pixelSize = b.pixelSize;
        this.pixelSizeSet = b.pixelSizeSet;
        this.frameInterval = b.frameInterval;
        this.gapPolicy = b.gapPolicy;
        this.branchPolicy = b.branchPolicy;
        this.includeFilteredOut = b.includeFilteredOut;
        this.nonFinitePolicy = b.nonFinitePolicy;
        this.minLength = b.minLength;
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
        this.format = b.format;
    }

    /** @return the default options */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pixelSize = pixelSize;
        b.pixelSizeSet = pixelSizeSet;
        b.frameInterval = frameInterval;
        b.gapPolicy = gapPolicy;
        b.branchPolicy = branchPolicy;
        b.includeFilteredOut = includeFilteredOut;
        b.nonFinitePolicy = nonFinitePolicy;
        b.minLength = minLength;
        b.columns.putAll(columns);
        b.format = format;
        return b;
    }

    /**
     * @return pixel size, µm/px; coordinates are multiplied by it unless the file declares a physical unit
     *     (TrackMate XML {@code spatialunits}, simple-XML {@code spaceUnits}, TrackMate-CSV units row) other
     *     than pixel
     */
    public double pixelSize() {
        return pixelSize;
    }

    /**
     * @return whether the pixel size was given ({@link Builder#pixelSize}); a file in pixel units without it
     *     is read only when the file itself carries the calibration (TrackMate's {@code pixelwidth}), else it
     *     is refused: coordinates are never silently taken as µm
     */
    public boolean pixelSizeSet() {
        return pixelSizeSet;
    }

    /** @return the frame interval override, s, or empty to take it from the file (else 1 s) */
    public OptionalDouble frameInterval() {
        return Double.isNaN(frameInterval) ? OptionalDouble.empty() : OptionalDouble.of(frameInterval);
    }

    /**
     * @return the gap policy that was set, or {@link GapPolicy#SPLIT} when none was (see
     *     {@link #gapPolicy(TrackFormat)} for what a reader applies)
     */
    public GapPolicy gapPolicy() {
        return gapPolicy == null ? GapPolicy.SPLIT : gapPolicy;
    }

    /** @return whether a gap policy was set ({@link Builder#gapPolicy}) */
    public boolean gapPolicySet() {
        return gapPolicy != null;
    }

    /**
     * What to do with missing frames inside a track of a file of this format: the policy that was set, else
     * {@link GapPolicy#INTERPOLATE} for TrackMate XML (a gap there is a link that TrackMate's gap closing made
     * on purpose, so the track is kept whole and the made-up points are marked on the trajectory,
     * {@link org.deepspt.api.Trajectory#interpolated(int)}) and
     * {@link GapPolicy#SPLIT} for every other format.
     *
     * @param format the format being read
     * @return the policy to apply
     */
    public GapPolicy gapPolicy(TrackFormat format) {
        if (gapPolicy != null) {
            return gapPolicy;
        }
        return format == TrackFormat.TRACKMATE_XML ? GapPolicy.INTERPOLATE : GapPolicy.SPLIT;
    }

    /** @return what the TrackMate XML reader does with branching tracks (default {@link BranchPolicy#PATHS}) */
    public BranchPolicy branchPolicy() {
        return branchPolicy;
    }

    /**
     * @return whether the TrackMate XML reader also reads the tracks that are not in {@code FilteredTracks}
     *     (default false: they are named in one REJECTED issue)
     */
    public boolean includeFilteredOut() {
        return includeFilteredOut;
    }

    /** @return what to do with NaN/∞/missing coordinates */
    public NonFinitePolicy nonFinitePolicy() {
        return nonFinitePolicy;
    }

    /** @return minimum number of points of an output track (after gap handling); shorter ones are rejected */
    public int minLength() {
        return minLength;
    }

    /** @return column overrides, role → header (roles lower-case; unmodifiable) */
    public Map<String, String> columns() {
        return columns;
    }

    /** @return the forced format, or empty to detect it */
    public Optional<TrackFormat> format() {
        return Optional.ofNullable(format);
    }

    @Override
    public String toString() {
        return "ReadOptions[pixelSize=" + pixelSize + " µm/px, frameInterval="
                + (Double.isNaN(frameInterval) ? "from file" : frameInterval + " s") + ", gaps=" + (gapPolicy == null ? "per format" : gapPolicy) + ", branches=" + branchPolicy
                + (includeFilteredOut ? ", includeFilteredOut" : "")
                + ", nonFinite=" + nonFinitePolicy + ", minLength=" + minLength + ", columns=" + columns
                + ", format=" + (format == null ? "detect" : format) + "]";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private double pixelSize = 1.0;
        private boolean pixelSizeSet;
        private double frameInterval = Double.NaN;
        private GapPolicy gapPolicy;
        private BranchPolicy branchPolicy = BranchPolicy.PATHS;
        private boolean includeFilteredOut;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.ERROR;
        private int minLength = 1;
        private final Map<String, String> columns = new LinkedHashMap<>();
        private TrackFormat format;

        private Builder() {
        }

        /**
         * @param micronsPerPixel pixel size, µm/px (finite, &gt; 0; 1 = coordinates already in µm)
         * @return this
         */
        public Builder pixelSize(double micronsPerPixel) {
            if (!(micronsPerPixel > 0) || Double.isInfinite(micronsPerPixel)) {
                throw new IllegalArgumentException("pixel size must be finite and > 0 µm/px, got "
                        + micronsPerPixel);
            }
            this.pixelSize = micronsPerPixel;
            this.pixelSizeSet = true;
            return this;
        }

        /**
         * @param seconds frame interval, s (finite, &gt; 0); overrides whatever the file says
         * @return this
         */
        public Builder frameInterval(double seconds) {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("frame interval must be finite and > 0 s, got " + seconds);
            }
            this.frameInterval = seconds;
            return this;
        }

        /**
         * @param policy gap policy
         * @return this
         */
        public Builder gapPolicy(GapPolicy policy) {
            this.gapPolicy = Objects.requireNonNull(policy, "gapPolicy");
            return this;
        }

        /**
         * @param policy what to do with branching TrackMate tracks
         * @return this
         */
        public Builder branchPolicy(BranchPolicy policy) {
            this.branchPolicy = Objects.requireNonNull(policy, "branchPolicy");
            return this;
        }

        /**
         * @param include whether to read the TrackMate tracks that are not in {@code FilteredTracks} too
         * @return this
         */
        public Builder includeFilteredOut(boolean include) {
            this.includeFilteredOut = include;
            return this;
        }

        /**
         * @param policy NaN/∞ policy
         * @return this
         */
        public Builder nonFinitePolicy(NonFinitePolicy policy) {
            this.nonFinitePolicy = Objects.requireNonNull(policy, "nonFinitePolicy");
            return this;
        }

        /**
         * @param points minimum output track length, points (≥ 1)
         * @return this
         */
        public Builder minLength(int points) {
            if (points < 1) {
                throw new IllegalArgumentException("minLength must be >= 1, got " + points);
            }
            this.minLength = points;
            return this;
        }

        /**
         * Reads a role from a named column instead of the detected one (CSV formats only). Header matching is
         * case-insensitive and ignores surrounding spaces.
         *
         * @param role one of {@link #ROLES}: x, y, z, particle, frame, state, t
         * @param header column header in the file
         * @return this
         */
        public Builder column(String role, String header) {
            String r = Objects.requireNonNull(role, "role").trim().toLowerCase(Locale.ROOT);
            if (!ROLES.contains(r)) {
                throw new IllegalArgumentException("unknown column role '" + role + "'; expected one of "
                        + "x, y, z, particle, frame, state, t");
            }
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException("column header for role '" + r + "' must be non-empty");
            }
            columns.put(r, header.trim());
            return this;
        }

        /**
         * @param forced the format to use instead of detection
         * @return this
         */
        public Builder format(TrackFormat forced) {
            this.format = Objects.requireNonNull(forced, "format");
            return this;
        }

        /** @return the immutable options */
        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
