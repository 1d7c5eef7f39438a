package org.deepspt.online;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects every event; records the delivery thread. Thread-safe. */
final class RecordingListener implements OnlineListener {
    final List<FrameState> finals = Collections.synchronizedList(new ArrayList<>());
    final List<FrameState> provisional = Collections.synchronizedList(new ArrayList<>());
    final List<StateChange> changes = Collections.synchronizedList(new ArrayList<>());
    final List<RejectedTrack> rejected = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onFinal(FrameState s) {
        threads.add(Thread.currentThread());
        finals.add(s);
    }

    @Override
    public void onProvisional(FrameState s) {
        provisional.add(s);
    }

    @Override
    public void onStateChange(StateChange c) {
        changes.add(c);
    }

    @Override
    public void onRejected(RejectedTrack r) {
        rejected.add(r);
    }

    /** @return final states by particle, in delivery order */
    Map<String, List<FrameState>> byParticle() {
        Map<String, List<FrameState>> out = new HashMap<>();
        synchronized (finals) {
            for (FrameState s : finals) {
                out.computeIfAbsent(s.particleId(), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }
}
