package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.classify.AblationTable;
import org.deepspt.classify.ClassifierTrainer;
import org.deepspt.classify.CrossValidation;
import org.deepspt.classify.FeatureSets;
import org.deepspt.classify.TrackFingerprints;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class OrganelleDemoTest {

    @Test
    void fullFingerprintBeatsAlphaAndDAblations() {
        OrganelleDemo.Population pop = OrganelleDemo.simulate(150, 7);
        assertEquals(300, pop.tracks().size());
        assertEquals("A-0", pop.tracks().get(0).id());
        assertEquals("B-149", pop.tracks().get(299).id());
        TrackFingerprints fp = TrackFingerprints.extract(pop.tracks(), RollingMsdSegmenter.defaults(),
                DiffusionalFingerprint.defaults(), true);
        assertEquals(0, fp.issues().size(), fp.issues().toString());
        AblationTable t = CrossValidation.ablation(ClassifierTrainer.logistic().build(), fp.fingerprints(),
                pop.labels(), 5, 7);
        double full = t.report(FeatureSets.FULL).macroF1();
        assertTrue(full > 0.7, t.toText());
        for (FeatureSets s : new FeatureSets[] {FeatureSets.ALPHA, FeatureSets.DIFFUSION, FeatureSets.ALPHA_D}) {
            assertTrue(full > t.report(s).macroF1() + 0.05, t.toText());
        }
    }

    @Test
    void sameSeedSameTracks() {
        assertEquals(OrganelleDemo.simulate(3, 1).tracks(), OrganelleDemo.simulate(3, 1).tracks());
    }

    @Tag("slow")
    @Test
    void fullDemo() {
        OrganelleDemo.Result r = OrganelleDemo.run(500, 2026);
        org.slf4j.LoggerFactory.getLogger(OrganelleDemoTest.class).info("\n{}", r.toText());
        for (AblationTable t : new AblationTable[] {r.logistic(), r.forest()}) {
            double full = t.report(FeatureSets.FULL).macroF1();
            for (FeatureSets s : new FeatureSets[] {FeatureSets.ALPHA, FeatureSets.DIFFUSION, FeatureSets.ALPHA_D}) {
                assertTrue(full > t.report(s).macroF1(), t.toText());
            }
        }
    }
}
