package org.deepspt.classify;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Fingerprint;

/** Synthetic labelled fingerprints for the tests. */
final class Data {
    static final List<String> NAMES = List.of("alpha", "diffusion_coefficient", "efficiency", "kurtosis",
            "gaussianity");

    final List<Fingerprint> fingerprints = new ArrayList<>();
    final List<String> labels = new ArrayList<>();

    private Data() {
    }

    /**
     * Gaussian clusters with unit sd per class; class c has mean {@code separation·c} on every feature.
     */
    static Data clusters(int perClass, int classes, double separation, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Data d = new Data();
        int id = 0;
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < classes; c++) {
                double[] v = new double[NAMES.size()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = separation * c + g.sample();
                }
                d.fingerprints.add(Fingerprint.of("t" + id++, NAMES, v));
                d.labels.add("class" + c);
            }
        }
        return d;
    }
}
