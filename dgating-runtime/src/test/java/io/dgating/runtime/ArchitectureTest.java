package io.dgating.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The runtime runs compact models: nothing of the training stack, no plotting, no protobuf. */
@AnalyzeClasses(packages = "io.dgating.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_TRAINING_STACK = noClasses()
            .that()
            .resideInAPackage("io.dgating.runtime..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.api..",
                    "io.dgating.engine..",
                    "io.dgating.store..",
                    "io.dgating.export..",
                    "io.dgating.importer..",
                    "io.dgating.bench..",
                    "io.dgating.compress..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "ai.djl..",
                    "org.knowm..",
                    "ai.onnx.proto..",
                    "com.google.protobuf..",
                    "com.google.inject..")
            .because("a service that runs a compact model takes ONNX Runtime and this module, nothing else");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.runtime..")
            .should()
            .beFinal();
}
