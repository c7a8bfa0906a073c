package dev.gpt1spark.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class of the slow tier: it starts a Spark session (its own, the shared one, or a
 * command-line job's) or HDFS, or runs a corpus of thousands of documents. {@code mvn verify} runs
 * it after the fast tier, which {@code mvn test} runs alone (docs/testing.md). Inherited, so every
 * subclass of a Spark test base is in the tier.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(SlowTier.TAG)
public @interface SlowTier {
    /** The JUnit tag that pom.xml's test tiers select on. */
    String TAG = "slow";
}
