package io.dgating.export;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.dgating.api.model.LayerSpec;

/** Export builds on the API only; protobuf stays inside the ONNX builder and the exporter. */
@AnalyzeClasses(packages = "io.dgating.export", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_ENGINE_OR_CLI = noClasses()
            .that()
            .resideInAPackage("io.dgating.export..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.engine..",
                    "io.dgating.importer..",
                    "io.dgating.bench..",
                    "io.dgating.compress..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "io.dgating.spark..",
                    "ai.onnxruntime..",
                    "com.google.inject..")
            .because("an exported model must not depend on how it was trained");

    @ArchTest
    static final ArchRule PROTOBUF_ONLY_IN_THE_GRAPH_LAYER = noClasses()
            .that()
            .resideInAPackage("io.dgating.export..")
            .and()
            .resideOutsideOfPackage("io.dgating.export.onnx..")
            .and()
            .doNotHaveSimpleName("OnnxExporter")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ai.onnx..", "com.google.protobuf..")
            .because("callers build graphs through OnnxGraph, never by assembling protobuf");

    @ArchTest
    static final ArchRule THE_PLANNER_KNOWS_NO_KIND = noClasses()
            .that()
            .resideInAPackage("io.dgating.export.plan..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.dgating.export.kinds..")
            .orShould()
            .dependOnClassesThat()
            .implement(LayerSpec.class)
            .because("what a kind does lives in its rule; the planner only asks the rules");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.export..")
            .should()
            .beFinal();
}
