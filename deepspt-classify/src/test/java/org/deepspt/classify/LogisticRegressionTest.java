package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /**
     * The weighted binary fit against an independent Newton iteration in numpy (float64, to a step below
     * 1e-12, gradient ≤ 4e-16): 8 points, weights 0.5–2, λ = 0.5; b, w<sub>1</sub>, w<sub>2</sub>.
     */
    @Test
    void weightedBinaryFitMatchesAnIndependentNewtonIteration() {
        double[][] x = {{-1.0, 0.5}, {-0.5, -1.0}, {0.0, 0.3}, {0.4, 1.2}, {1.0, -0.2}, {1.5, 0.8}, {-1.2, -0.4},
            {0.8, 0.1}};
        int[] y = {0, 0, 1, 0, 1, 1, 0, 1};
        double[] c = {1.0, 2.0, 1.0, 0.5, 1.0, 1.0, 1.5, 1.0};
        double[] beta = LogisticRegression.fitBinary(x, y, c, 0.5, 50);
        double[] expected = {-0.2114657879037143, 1.698318262869897, 0.3174431015416096};
        for (int j = 0; j < 3; j++) {
            assertEquals(expected[j], beta[j], 1e-9, "coefficient " + j);
        }
        assertEquals(0.5, LogisticRegression.sigmoid(0), 0);
        assertEquals(1 / (1 + Math.exp(-3.0)), LogisticRegression.sigmoid(3), 1e-16);
        assertEquals(1 - LogisticRegression.sigmoid(3), LogisticRegression.sigmoid(-3), 1e-15, "σ(−z) = 1 − σ(z)");
    }

    @Test
    void separableProblemIsLearnedPerfectly() {
        Data train = Data.clusters(100, 3, 8, 1);
        Data test = Data.clusters(100, 3, 8, 2);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).build()
                .train(train.fingerprints, train.labels);
        assertEquals(List.of("class0", "class1", "class2"), c.labels());
        int correct = 0;
        for (int i = 0; i < test.fingerprints.size(); i++) {
            Prediction p = c.predict(test.fingerprints.get(i));
            if (p.label().equals(test.labels.get(i))) {
                correct++;
            }
            assertEquals(1.0, p.classProbabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        }
        assertTrue(correct >= 299, "accuracy " + correct / 300.0);
    }

    @Test
    void constantFeaturesGiveClassFrequencyAsProbability() {
        // no information in the features: the maximum-likelihood model predicts the class frequency, 3:1
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            fps.add(Fingerprint.of("t" + i, List.of("alpha"), new double[] {0.7}));
            labels.add(i % 4 == 0 ? "rare" : "common");
        }
        TrackClassifier c = ClassifierTrainer.logistic().features(List.of("alpha")).balance(false).build()
                .train(fps, labels);
        Prediction p = c.predict(fps.get(0));
        assertEquals("common", p.label());
        assertEquals(0.75, p.probability(), 1e-6);
        assertEquals(0.25, p.classProbabilities().get("rare"), 1e-6);
        // with over-sampling the classes are balanced: 1:1
        TrackClassifier b = ClassifierTrainer.logistic().features(List.of("alpha")).build().train(fps, labels);
        assertEquals(0.5, b.predict(fps.get(0)).probability(), 1e-6);
    }

    @Test
    void recoversKnownLogisticProbabilities() {
        // P(y = "b" | x) = 1 / (1 + exp(−(2x − 0.5))), x ~ U[−3, 3]
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            double x = -3 + 6 * rng.nextDouble();
            double pb = 1 / (1 + Math.exp(-(2 * x - 0.5)));
            fps.add(Fingerprint.of("t" + i, List.of("alpha"), new double[] {x}));
            labels.add(rng.nextDouble() < pb ? "b" : "a");
        }
        TrackClassifier c = ClassifierTrainer.logistic().features(List.of("alpha")).balance(false)
                .regularization(0).build().train(fps, labels);
        for (double x : new double[] {-1, 0, 0.25, 1, 2}) {
            double expected = 1 / (1 + Math.exp(-(2 * x - 0.5)));
            double got = c.probabilities(Fingerprint.of("q", List.of("alpha"), new double[] {x}))[1];
            assertEquals(expected, got, 0.02, "x = " + x);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        int n = 30;
        int p = 3;
        int k = 3;
        double[] x = new double[n * p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = rng.nextDouble() * 2 - 1;
            }
            y[i] = rng.nextInt(k);
        }
        double[] theta = new double[k * (p + 1)];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = rng.nextDouble() - 0.5;
        }
        double[] grad = new double[theta.length];
        double[] work = new double[k];
        LogisticRegression.objective(theta, grad, x, y, n, p, k, 0.3, work);
        double[] scratch = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double h = 1e-6;
            double[] tp = theta.clone();
            tp[j] += h;
            double fp = LogisticRegression.objective(tp, scratch, x, y, n, p, k, 0.3, work);
            tp[j] -= 2 * h;
            double fm = LogisticRegression.objective(tp, scratch, x, y, n, p, k, 0.3, work);
            assertEquals((fp - fm) / (2 * h), grad[j], 1e-7, "component " + j);
        }
    }

    @Test
    void sameSeedSameModel() {
        Data d = Data.clusters(30, 2, 1, 3);
        ClassifierTrainer t = ClassifierTrainer.logistic().features(Data.NAMES).seed(9).build();
        TrackClassifier a = t.train(d.fingerprints, d.labels);
        TrackClassifier b = t.train(d.fingerprints, d.labels);
        assertEquals(TrackClassifiers.toJson(a).replaceAll("\"trained_at\" : \"[^\"]*\"", ""),
                TrackClassifiers.toJson(b).replaceAll("\"trained_at\" : \"[^\"]*\"", ""));
        assertEquals(a.provenance().dataSha256(), b.provenance().dataSha256());
        assertEquals(64, a.provenance().dataSha256().length());
    }
}
