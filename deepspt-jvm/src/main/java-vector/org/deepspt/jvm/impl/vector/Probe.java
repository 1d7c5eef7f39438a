package org.deepspt.jvm.impl.vector;

import jdk.incubator.vector.FloatVector;

final class Probe {
    static int lanes() { return FloatVector.SPECIES_PREFERRED.length(); }
}
