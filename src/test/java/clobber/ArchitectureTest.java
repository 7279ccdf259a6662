package clobber;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * Dependencies point one way: cli, and beside it junit (the same runs as assertions), which do
 * not know each other; then report (rendering) and run (running the matrix), which do not know
 * each other either; check, driver, workload, strategy, and beside them blockdev (real file
 * systems on clobber's own block device, which knows only os); os. Nothing lower imports anything
 * higher, so each layer can be read, and tested, on its own. The atomic-json-file library sits
 * beside them: it knows nothing of clobber, and only a strategy runs it.
 */
class ArchitectureTest {

    @Test
    void layersDependOnlyDownwards() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clobber");
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("clobber.cli..")
                .layer("junit").definedBy("clobber.junit..")
                .layer("report").definedBy("clobber.report..")
                .layer("run").definedBy("clobber.run..")
                .layer("check").definedBy("clobber.check..")
                .layer("driver").definedBy("clobber.driver..")
                .layer("workload").definedBy("clobber.workload..")
                .layer("strategy").definedBy("clobber.strategy..")
                .layer("blockdev").definedBy("clobber.blockdev..")
                .layer("os").definedBy("clobber.os..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("junit").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "junit")
                .whereLayer("run").mayOnlyBeAccessedByLayers("cli", "junit")
                .whereLayer("check").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run")
                .whereLayer("driver").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "check")
                .whereLayer("workload").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "check", "driver")
                .whereLayer("strategy").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "check", "driver", "workload")
                .whereLayer("blockdev").mayOnlyBeAccessedByLayers("cli", "junit", "run", "check", "driver")
                .whereLayer("os").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "check", "driver", "workload", "strategy", "blockdev")
                .check(classes);
    }

    @Test
    void theAtomicJsonFileLibraryKnowsNothingOfClobberAndOnlyAStrategyRunsIt() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clobber", "dev.clobber.atomicjson");
        noClasses().that().resideInAPackage("dev.clobber.atomicjson..")
                .should().dependOnClassesThat().resideInAPackage("clobber..")
                .check(classes);
        classes().that().resideInAPackage("dev.clobber.atomicjson..")
                .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("dev.clobber.atomicjson..", "clobber.strategy..")
                .check(classes);
    }
}
