package io.dgating.engine.djl;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The DJL engine depends on the API and DJL only, never on the CPU engine, and never hands a Java
 * number to an NDArray operation (see the ownership rules in {@code io.dgating.engine.djl.internal}).
 */
@AnalyzeClasses(packages = "io.dgating.engine.djl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_OTHER_ENGINE = noClasses()
            .that()
            .resideInAPackage("io.dgating.engine.djl..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("io.dgating.engine..").and(not(resideInAPackage("io.dgating.engine.djl.."))))
            .because("engines never depend on each other");

    @ArchTest
    static final ArchRule ONLY_API = noClasses()
            .that()
            .resideInAPackage("io.dgating.engine.djl..")
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
                    "ai.onnxruntime..");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_JAVA_BACKED_SCALARS = noClasses()
            .that()
            .resideInAPackage("io.dgating.engine.djl..")
            .should()
            .callMethodWhere(new DescribedPredicate<JavaMethodCall>("an NDArray operation with a Number operand") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().isAssignableTo(NDArray.class)
                            && call.getTarget().getRawParameterTypes().stream()
                                    .anyMatch(t -> t.isEquivalentTo(Number.class));
                }
            })
            .because("DJL wraps the number in a tensor over Java memory and closes it before backward reads it; "
                    + "use Scalars.of, which PyTorch owns");

    @ArchTest
    static final ArchRule JAVA_DATA_IS_COPIED = noClasses()
            .that()
            .resideInAPackage("io.dgating.engine.djl..")
            .and()
            .doNotHaveFullyQualifiedName("io.dgating.engine.djl.internal.NativeArrays")
            .should()
            .callMethodWhere(new DescribedPredicate<JavaMethodCall>("NDManager.create") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().isAssignableTo(NDManager.class)
                            && call.getName().equals("create");
                }
            })
            .because("create returns a view of Java memory that the garbage collector frees; NativeArrays copies "
                    + "into PyTorch-owned memory");
}
