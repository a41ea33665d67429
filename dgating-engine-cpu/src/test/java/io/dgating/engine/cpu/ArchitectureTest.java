package io.dgating.engine.cpu;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The CPU engine depends on the API only: no other engine, no export or eval code, no console output. */
@AnalyzeClasses(packages = "io.dgating.engine.cpu", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_OTHER_ENGINE = noClasses()
            .that()
            .resideInAPackage("io.dgating.engine.cpu..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("io.dgating.engine..").and(not(resideInAPackage("io.dgating.engine.cpu.."))))
            .because("engines never depend on each other");

    @ArchTest
    static final ArchRule ONLY_API = noClasses()
            .that()
            .resideInAPackage("io.dgating.engine.cpu..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.store..",
                    "io.dgating.runtime..",
                    "io.dgating.export..",
                    "io.dgating.importer..",
                    "io.dgating.bench..",
                    "io.dgating.compress..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "io.dgating.spark..",
                    "ai.djl..",
                    "ai.onnxruntime..");

    @ArchTest
    static final ArchRule GUICE_ONLY_IN_THE_MODULE = noClasses()
            .that()
            .resideInAPackage("io.dgating.engine.cpu..")
            .and()
            .doNotHaveSimpleName("CpuEngineModule")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.google.inject..")
            .because("the engine is plain Java; only its binding module knows Guice");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.engine.cpu..")
            .should()
            .beFinal();
}
