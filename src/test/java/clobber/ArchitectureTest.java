package clobber;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Dependencies point one way: cli, and beside it junit (the same runs as assertions), which do not
 * know each other; then report (rendering) and run (sessions, plans, the explorer's search), which
 * do not know each other either; driver (running writers, a subpackage per mechanism, among them
 * blockdev: real file systems on clobber's own block device, which knows only os); check (judging,
 * and the evidence and results it judges); workload, format (how the data file is kept and read),
 * strategy, os. Nothing lower imports anything higher, so each layer can be read, and tested, on
 * its own. The atomic-json-file library sits beside them: it knows nothing of clobber, and only a
 * strategy runs it.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clobber", "dev.clobber.atomicjson");
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("clobber.cli..")
                .layer("junit").definedBy("clobber.junit..")
                .layer("report").definedBy("clobber.report..")
                .layer("run").definedBy("clobber.run..")
                .layer("driver").definedBy("clobber.driver..")
                .layer("check").definedBy("clobber.check..")
                .layer("workload").definedBy("clobber.workload..")
                .layer("format").definedBy("clobber.format..")
                .layer("strategy").definedBy("clobber.strategy..")
                .layer("os").definedBy("clobber.os..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("junit").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "junit")
                .whereLayer("run").mayOnlyBeAccessedByLayers("cli", "junit")
                .whereLayer("driver").mayOnlyBeAccessedByLayers("cli", "junit", "run")
                .whereLayer("check").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "driver")
                .whereLayer("workload").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "driver", "check")
                .whereLayer("format").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "driver", "check", "workload")
                .whereLayer("strategy").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "driver", "check", "workload", "format")
                .whereLayer("os").mayOnlyBeAccessedByLayers("cli", "junit", "report", "run", "driver", "check", "workload", "format", "strategy")
                .check(classes);
    }

    /** The judge sees evidence and files, never the drivers that gathered them: {@code check} imports no driver. */
    @Test
    void theJudgeKnowsNoDriver() {
        noClasses().that().resideInAPackage("clobber.check..")
                .should().dependOnClassesThat().resideInAnyPackage("clobber.driver..", "clobber.run..")
                .check(classes);
    }

    /**
     * Each mechanism of {@code driver} is a package of its own, and they do not go round in
     * circles: the core (specs, writer loops, records) knows none of them, and none knows the
     * catalogue, which is {@code run}'s.
     */
    @Test
    void driverMechanismsAreFreeOfCyclesAndTheCoreKnowsNone() {
        slices().matching("clobber.driver.(*)..").should().beFreeOfCycles().check(classes);
        noClasses().that().resideInAPackage("clobber.driver")
                .should().dependOnClassesThat().resideInAnyPackage("clobber.driver.*..")
                .check(classes);
    }

    /** The block device and the real file systems on it know the kernel (os) and nothing of writers or judging. */
    @Test
    void theBlockDeviceKnowsOnlyTheOs() {
        noClasses().that().resideInAPackage("clobber.driver.blockdev..")
                .should().dependOnClassesThat().resideInAnyPackage("clobber.driver", "clobber.driver.process..",
                        "clobber.driver.threads..", "clobber.driver.stepped..", "clobber.driver.powerloss..", "clobber.driver.hosts..",
                        "clobber.check..", "clobber.workload..", "clobber.format..", "clobber.strategy..", "clobber.run..",
                        "clobber.report..", "clobber.cli..", "clobber.junit..")
                .check(classes);
    }

    @Test
    void theAtomicJsonFileLibraryKnowsNothingOfClobberAndOnlyAStrategyRunsIt() {
        noClasses().that().resideInAPackage("dev.clobber.atomicjson..")
                .should().dependOnClassesThat().resideInAPackage("clobber..")
                .check(classes);
        classes().that().resideInAPackage("dev.clobber.atomicjson..")
                .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("dev.clobber.atomicjson..", "clobber.strategy..")
                .check(classes);
    }
}
