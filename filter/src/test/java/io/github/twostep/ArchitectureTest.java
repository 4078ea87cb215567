package io.github.twostep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape docs/ARCHITECTURE.md draws, held against the compiled classes: the sign-in's rules
 * and everything below them know nothing of servlets, each layer uses only the layers under
 * it, and no two packages depend on each other.
 */
@AnalyzeClasses(packages = "io.github.twostep", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] SERVLET_FREE = {"..twostep.core..", "..twostep.config..", "..twostep.otp..",
        "..twostep.qr..", "..twostep.store..", "..twostep.delivery..", "..twostep.login.."};

    @ArchTest
    static final ArchRule coreAndBelowHaveNoServletTypes = noClasses().that().resideInAnyPackage(SERVLET_FREE)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..")
            .because("the sign-in's rules are decided without a container; only web maps HTTP");

    @ArchTest
    static final ArchRule nothingBelowWebUsesWeb = noClasses().that().resideInAnyPackage(SERVLET_FREE)
            .should().dependOnClassesThat().resideInAPackage("..twostep.web..")
            .because("web is the outermost layer");

    @ArchTest
    static final ArchRule storageAndDeliveryDoNotDecide = noClasses()
            .that().resideInAnyPackage("..twostep.config..", "..twostep.otp..", "..twostep.qr..",
                    "..twostep.store..", "..twostep.delivery..", "..twostep.login..")
            .should().dependOnClassesThat().resideInAPackage("..twostep.core..")
            .because("core decides; the packages below it only keep, compute and send");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.github.twostep.(*)..").should().beFreeOfCycles();
}
