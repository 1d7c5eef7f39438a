package org.deepspt.spark;

/**
 * The main class of {@code deepspt-spark-local.jar}: the job of {@link AnalyzeJob} with Spark inside this JVM, for
 * a laptop or a workstation without a Spark installation:
 * <pre>
 * java -jar deepspt-spark/target/deepspt-spark-local.jar --in examples/tracks-2d.csv --out results/spark
 * </pre>
 * The jar holds this module's classes; its manifest puts the jars in {@code lib/} beside it on the class path
 * (Spark, Scala, Hadoop's client, deepspt and its dependencies; copied there by the build) and opens the JDK
 * packages Spark needs ({@code Add-Opens}, the list of Spark's {@code JavaModuleOptions}, which
 * {@code spark-submit} passes as flags), so {@code java -jar} needs no flag. Before Spark starts, this class sets
 * what {@code spark-submit} and a cluster would: master {@code local[*]} (all cores), no web UI, the driver on
 * the loopback address, and quiet logging (log4j2 at ERROR, deepspt at WARN; the job prints its own errors on
 * one line). A {@code -Dspark.*} or {@code -Dlog4j2.configurationFile} given to {@code java} wins, e.g.
 * {@code java -Dspark.master=local[4] -jar …}.
 */
public final class LocalJob {
    /** The log4j2 configuration of local runs (a class-path resource of this module). */
    static final String LOG_CONFIG = "org/deepspt/spark/local-log4j2.properties";

    private LocalJob() {
    }

    /**
     * @param args as for {@link AnalyzeJob}; see {@code --help}
     */
    public static void main(String[] args) {
        configure();
        AnalyzeJob.main(args);
    }

    /** Sets the defaults of a local run as system properties, leaving alone those the user set. */
    static void configure() {
        setDefault("log4j2.configurationFile", LOG_CONFIG);
        setDefault("spark.master", "local[*]");
        setDefault("spark.app.name", "deepspt-spark-local");
        setDefault("spark.ui.enabled", "false");
        setDefault("spark.driver.host", "127.0.0.1");
        setDefault("spark.driver.bindAddress", "127.0.0.1");
        // Spark 4's JavaModuleOptions also sets these for Netty (read when Netty's classes load)
        setDefault("io.netty.tryReflectionSetAccessible", "true");
        setDefault("io.netty.allocator.type", "pooled");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
