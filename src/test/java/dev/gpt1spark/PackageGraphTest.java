package dev.gpt1spark;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The production packages depend on each other one way: no cycle, however long. */
class PackageGraphTest {

    // Only the folder the production classes were compiled to: scanning the whole class path
    // would open every Spark jar.
    private static final JavaClasses PRODUCTION =
            new ClassFileImporter().importPath(classesFolder());

    private static Path classesFolder() {
        try {
            return Path.of(
                    Offline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importsTheWholeProject() {
        // Guards the rule below against passing on an empty import.
        assertThat(PRODUCTION.stream().map(c -> c.getPackageName()).distinct())
                .contains(
                        "dev.gpt1spark.config",
                        "dev.gpt1spark.checkpoint",
                        "dev.gpt1spark.model",
                        "dev.gpt1spark.cli");
    }

    @Test
    void packagesHaveNoCycle() {
        EvaluationResult result =
                slices().matching("dev.gpt1spark.(*)..")
                        .should()
                        .beFreeOfCycles()
                        .evaluate(PRODUCTION);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }
}
