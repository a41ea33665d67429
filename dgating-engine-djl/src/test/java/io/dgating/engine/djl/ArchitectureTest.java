package io.dgating.engine.djl;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The DJL engine depends on the API and DJL only, never on the CPU engine. */
@AnalyzeClasses(packages = "io.dgating.engine.djl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_OTHER_ENGINE = noClasses().that().resideInAPackage("io.dgating.engine.djl..")
            .should().dependOnClassesThat(resideInAPackage("io.dgating.engine..")
                    .and(not(resideInAPackage("io.dgating.engine.djl.."))))
            .because("engines never depend on each other");

    @ArchTest
    static final ArchRule ONLY_API = noClasses().that().resideInAPackage("io.dgating.engine.djl..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dgating.export..", "io.dgating.eval..",
                    "io.dgating.cli..", "ai.onnxruntime..");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}
