package org.deepspt.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this process, all threads (the JVM's and native ones such as ONNX Runtime's pool). */
public final class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** @return the process's CPU time so far, ns */
    public static long nanos() {
        return OS.getProcessCpuTime();
    }
}
