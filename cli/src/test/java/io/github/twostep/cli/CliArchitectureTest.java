package io.github.twostep.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command-line tool uses TwoStep as any application must: through the exported API and SPI only. */
@AnalyzeClasses(packages = "io.github.twostep.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchRule usesNoInternalPackage = noClasses().that().resideInAPackage("io.github.twostep.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.github.twostep.internal..")
            .because("io.github.twostep.internal is not exported by the module and may change in any release");
}
