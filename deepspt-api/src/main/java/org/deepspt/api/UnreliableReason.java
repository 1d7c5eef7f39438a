package org.deepspt.api;

import java.util.Locale;

/**
 * Why a track's segmentation lies outside the range where the model is known to be reliable: one of the
 * checks of a {@link Reliability} verdict. {@link #code()} is the token used in files and messages
 * ({@code too_short}, {@code low_snr}, {@code low_confidence}).
 */
public enum UnreliableReason {
    /** The track has fewer points than the shortest length at which the model was validated as reliable. */
    TOO_SHORT("points"),
    /**
     * The track's estimated signal-to-noise ratio Q̂ = √(D̂·Δt)/σ̂ (step scale over localisation noise,
     * estimated from the track itself) is below the model's reliable range.
     */
    LOW_SNR(""),
    /** The mean over the track's points of the largest calibrated state probability is too low. */
    LOW_CONFIDENCE("");

    private final String unit;

    UnreliableReason(String unit) {
        this.unit = unit;
    }

    /** @return the lower-case token, e.g. {@code too_short} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return unit of the measured value and threshold ({@code points}), or empty when dimensionless */
    public String unit() {
        return unit;
    }

    /**
     * @param value a measured value or threshold of this check
     * @return the value with its unit: an integer as such, otherwise 3 significant digits without trailing
     *     zeros ({@code 75 points}, {@code 0.41}, {@code 1})
     */
    public String format(double value) {
        String v;
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            v = Long.toString((long) value);
        } else {
            v = new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros()
                    .toPlainString();
        }
        return unit.isEmpty() ? v : v + " " + unit;
    }

    /**
     * @param code a token as {@link #code()} returns it (case-insensitive)
     * @return the reason
     * @throws IllegalArgumentException naming the token and the known ones when it is none of them
     */
    public static UnreliableReason ofCode(String code) {
        for (UnreliableReason r : values()) {
            if (r.code().equalsIgnoreCase(code.strip())) {
                return r;
            }
        }
        StringBuilder known = new StringBuilder();
        for (UnreliableReason r : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(r.code());
        }
        throw new IllegalArgumentException("unknown reliability reason '" + code + "'; known: " + known);
    }
}
