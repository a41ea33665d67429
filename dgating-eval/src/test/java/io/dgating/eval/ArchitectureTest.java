package io.dgating.eval;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** Eval builds on the API and export only; ONNX protobuf is read by the graph reader alone. */
@AnalyzeClasses(packages = "io.dgating.eval", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_ENGINE_OR_CLI = noClasses()
            .that()
            .resideInAPackage("io.dgating.eval..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.dgating.engine..", "io.dgating.cli..", "com.google.inject..")
            .because("eval measures models through the Engine SPI and ONNX files, whatever engine trained them");

    @ArchTest
    static final ArchRule PROTOBUF_ONLY_IN_THE_GRAPH_READER = noClasses()
            .that()
            .resideInAPackage("io.dgating.eval..")
            .and()
            .doNotHaveSimpleName("GraphStats")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ai.onnx.proto..", "com.google.protobuf..");

    @ArchTest
    static final ArchRule ORT_ONLY_IN_ORT_AND_BENCH = noClasses()
            .that()
            .resideInAnyPackage("io.dgating.eval.path..", "io.dgating.eval.report..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("ai.onnxruntime..");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.eval..")
            .should()
            .beFinal();
}
