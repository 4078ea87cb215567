package io.github.twostep.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The sample uses TwoStep as any application must: through the exported API and SPI only. */
@AnalyzeClasses(packages = "io.github.twostep.sample", importOptions = ImportOption.DoNotIncludeTests.class)
class SampleArchitectureTest {

    @ArchTest
    static final ArchRule usesNoInternalPackage = noClasses().that().resideInAPackage("io.github.twostep.sample..")
            .should().dependOnClassesThat().resideInAPackage("io.github.twostep.internal..")
            .because("io.github.twostep.internal is not exported by the module and may change in any release");
}
