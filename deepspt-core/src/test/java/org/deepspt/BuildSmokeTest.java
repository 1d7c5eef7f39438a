package org.deepspt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class BuildSmokeTest {
    @Test
    void apiIsOnTheClasspath() {
        Trajectory t = Trajectory.ofAxes("a", 0.1, new double[] {0, 1}, new double[] {0, 2});
        assertEquals(2, t.size());
    }
}
