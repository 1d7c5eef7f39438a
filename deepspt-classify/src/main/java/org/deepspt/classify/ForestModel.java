package org.deepspt.classify;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.deepspt.api.DeepSptException;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.protos.TreeModelProto;
import org.tribuo.impl.ArrayExample;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.EnsembleModelProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A Tribuo random forest over standardised features. Each tree is a CART tree (Gini impurity) trained on
 * a bootstrap sample, choosing each split among a random fraction of the features; class probabilities
 * are the mean of the trees' leaf class distributions ({@link FullyWeightedVotingCombiner}).
 *
 * <p>Persisted as the Tribuo protobuf form of the model ({@link Model#serialize()}), base64-encoded. Tribuo
 * records in every model's provenance the training time (to the nanosecond), the Java version, OS and CPU
 * architecture, and for each tree the bootstrap indices of its sample; a trained forest's provenance is
 * replaced by a fixed one ({@link #withFixedProvenance}), so that the same data, settings and seed give the same
 * bytes on any machine. Files with Tribuo's full provenance (written before) load as they are.
 */
final class ForestModel implements ScoringModel {
    private static final LabelFactory FACTORY = new LabelFactory();
    /** Fixed provenance time, so that the training data provenance does not depend on the clock. */
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /**
     * Tribuo logs every bagged tree at INFO through java.util.logging; this library logs through SLF4J
     * only, so that logger is set to WARNING (strong reference: JUL keeps loggers weakly).
     */
    private static final java.util.logging.Logger TRIBUO_BAGGING_LOG = quiet("org.tribuo.ensemble.BaggingTrainer");

    private final Model<Label> model;
    private final String[] featureNames;
    private final List<String> labels;

    private ForestModel(Model<Label> model, String[] featureNames, List<String> labels) {
        this.model = model;
        this.featureNames = featureNames;
        this.labels = labels;
    }

    /**
     * @param z row-major n × p standardised features
     * @param y classes 0..k−1
     * @param n rows
     * @param featureNames p names
     * @param labels k class names
     * @param trees number of trees ≥ 1
     * @param maxDepth maximum tree depth ≥ 1
     * @param featureFraction fraction of features tried per split, (0, 1]
     * @param minChildWeight minimum (bootstrap) weight of a child node
     * @param seed random seed (bootstrap draws and feature choice)
     * @return the trained forest
     */
    static ForestModel train(double[] z, int[] y, int n, List<String> featureNames, List<String> labels,
            int trees, int maxDepth, double featureFraction, double minChildWeight, long seed) {
        int p = featureNames.size();
        String[] names = featureNames.toArray(new String[0]);
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("deepspt fingerprints", EPOCH, FACTORY), FACTORY);
        for (int i = 0; i < n; i++) {
            double[] row = new double[p];
            System.arraycopy(z, i * p, row, 0, p);
            data.add(new ArrayExample<>(new Label(labels.get(y[i])), names, row));
        }
        CARTClassificationTrainer cart = new CARTClassificationTrainer(maxDepth, (float) minChildWeight, 0.0f,
                (float) featureFraction, false, new GiniIndex(), seed);
        // Tribuo's RandomForestTrainer insists on a fraction < 1; with all features a forest is plain bagging.
        Trainer<Label> forest = featureFraction < 1
                ? new RandomForestTrainer<>(cart, new FullyWeightedVotingCombiner(), trees, seed)
                : new BaggingTrainer<>(cart, new FullyWeightedVotingCombiner(), trees, seed);
        Model<Label> m = withFixedProvenance(forest.train(data));
        return new ForestModel(m, names, List.copyOf(labels));
    }

    /**
     * The same forest with a fixed provenance: every model (the ensemble and each tree) gets the training time
     * {@link #EPOCH}, no Java version, OS or architecture (Tribuo's "unknown-version"), no instance values; the
     * trees get the forest's dataset provenance instead of that of their bootstrap view (whose indices follow from
     * the seed), and the ensemble lists no member provenances (each tree carries its own). Kept: model class names,
     * the trainers' configuration (seed, depth, feature fraction, …), the dataset's description, sizes and Tribuo
     * version. The trees, feature and output domains are untouched, so predictions are the same.
     *
     * @param m a forest from {@link RandomForestTrainer} or {@link BaggingTrainer}
     * @return the forest, deserialised from its protobuf form with the provenance replaced
     */
    @SuppressWarnings("unchecked")
    static Model<Label> withFixedProvenance(Model<Label> m) {
        return (Model<Label>) Model.deserialize(fixProvenance(m.serialize(), null));
    }

    /**
     * @param proto a WeightedEnsembleModel or TreeModel
     * @param dataset the enclosing ensemble's dataset provenance, or null at the top
     */
    private static ModelProto fixProvenance(ModelProto proto, DatasetProvenance dataset) {
        com.google.protobuf.Any data = proto.getSerializedData();
        try {
            com.google.protobuf.Any fixed;
            if (data.is(WeightedEnsembleModelProto.class)) {
                WeightedEnsembleModelProto e = data.unpack(WeightedEnsembleModelProto.class);
                ModelDataCarrier<?> meta = ModelDataCarrier.deserialize(e.getMetadata());
                DatasetProvenance own = meta.provenance().getDatasetProvenance();
                WeightedEnsembleModelProto.Builder b = e.toBuilder().setMetadata(fixProvenance(meta, dataset))
                        .clearModels();
                for (ModelProto member : e.getModelsList()) {
                    b.addModels(fixProvenance(member, own));
                }
                fixed = com.google.protobuf.Any.pack(b.build());
            } else if (data.is(TreeModelProto.class)) {
                TreeModelProto t = data.unpack(TreeModelProto.class);
                fixed = com.google.protobuf.Any.pack(t.toBuilder()
                        .setMetadata(fixProvenance(ModelDataCarrier.deserialize(t.getMetadata()), dataset)).build());
            } else {
                throw new IllegalStateException("unexpected Tribuo model " + proto.getClassName() + " in a forest");
            }
            return proto.toBuilder().setSerializedData(fixed).build();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot re-read the trained Tribuo forest: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ModelDataProto fixProvenance(ModelDataCarrier<?> meta, DatasetProvenance dataset) {
        ModelProvenance p = meta.provenance();
        DatasetProvenance d = dataset != null ? dataset : p.getDatasetProvenance();
        ModelProvenance fixed = p instanceof EnsembleModelProvenance
                ? new EnsembleModelProvenance(p.getClassName(), EPOCH, d, p.getTrainerProvenance(), Map.of(), false,
                        new com.oracle.labs.mlrg.olcut.provenance.ListProvenance<>())
                : new ModelProvenance(p.getClassName(), EPOCH, d, p.getTrainerProvenance(), Map.of(), false);
        return new ModelDataCarrier(meta.name(), fixed, meta.featureDomain(), (ImmutableOutputInfo) meta.outputDomain(),
                meta.generatesProbabilities(), meta.tribuoVersion()).serialize();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        if (l.getLevel() == null || l.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()) {
            l.setLevel(java.util.logging.Level.WARNING);
        }
        return l;
    }

    @Override
    public void probabilities(double[] z, double[] out) {
        Example<Label> ex = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, z);
        org.tribuo.Prediction<Label> pred = model.predict(ex);
        Map<String, Label> scores = pred.getOutputScores();
        double sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            Label l = scores.get(labels.get(c));
            out[c] = l == null ? 0 : Math.max(0, l.getScore());
            sum += out[c];
        }
        if (sum > 0) {
            for (int c = 0; c < labels.size(); c++) {
                out[c] /= sum;
            }
        } else {
            java.util.Arrays.fill(out, 0, labels.size(), 1.0 / labels.size());
        }
    }

    @Override
    public ClassifierMethod method() {
        return ClassifierMethod.RANDOM_FOREST;
    }

    /** @return the Tribuo model as base64 of its protobuf bytes */
    String toBase64() {
        return Base64.getEncoder().encodeToString(model.serialize().toByteArray());
    }

    /**
     * @param base64 {@link #toBase64()} output
     * @param featureNames the classifier's feature names
     * @param labels the classifier's labels
     * @return the model
     * @throws DeepSptException when the bytes are not a Tribuo classification model
     */
    @SuppressWarnings("unchecked")
    static ForestModel fromBase64(String base64, List<String> featureNames, List<String> labels) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            Model<?> m = Model.deserialize(ModelProto.parseFrom(bytes));
            if (!m.validate(Label.class)) {
                throw new DeepSptException("the Tribuo model does not predict class labels");
            }
            return new ForestModel((Model<Label>) m, featureNames.toArray(new String[0]), List.copyOf(labels));
        } catch (IllegalArgumentException | com.google.protobuf.InvalidProtocolBufferException
                | IllegalStateException e) {
            throw new DeepSptException("cannot decode the Tribuo model: " + e.getMessage(), e);
        }
    }

    /** @return label names the Tribuo model knows */
    java.util.Set<String> tribuoLabels() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (var pair : model.getOutputIDInfo()) {
            out.add(pair.getB().getLabel());
        }
        return out;
    }
}
