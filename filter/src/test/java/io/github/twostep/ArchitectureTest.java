package io.github.twostep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shape docs/ARCHITECTURE.md draws, held against the compiled classes: the sign-in's rules
 * and everything below them know nothing of servlets, each layer uses only the layers under it,
 * no two packages depend on each other, and the exported packages (API and SPI) show nothing of
 * {@code io.github.twostep.internal} in what an application can call or implement.
 */
@AnalyzeClasses(packages = "io.github.twostep", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] WEB = {"io.github.twostep.web..", "io.github.twostep.internal.web.."};
    private static final String INTERNAL = "io.github.twostep.internal..";
    /** What keeps, computes and sends: it never decides, so it never uses the decisions. */
    private static final String[] BELOW_CORE = {"io.github.twostep.config..", "io.github.twostep.audit..",
        "io.github.twostep.store..", "io.github.twostep.delivery..", "io.github.twostep.login..",
        "io.github.twostep.internal.store..", "io.github.twostep.internal.delivery..",
        "io.github.twostep.internal.login..", "io.github.twostep.internal.otp..", "io.github.twostep.internal.qr..",
        "io.github.twostep.internal.logging.."};

    @ArchTest
    static final ArchRule onlyWebUsesServletTypes = noClasses().that().resideOutsideOfPackages(WEB)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..")
            .because("the sign-in's rules are decided without a container; only web maps HTTP");

    @ArchTest
    static final ArchRule nothingOutsideWebUsesWeb = noClasses().that().resideOutsideOfPackages(WEB)
            .should().dependOnClassesThat().resideInAnyPackage(WEB)
            .because("web is the outermost layer");

    @ArchTest
    static final ArchRule storageAndDeliveryDoNotDecide = noClasses().that().resideInAnyPackage(BELOW_CORE)
            .should().dependOnClassesThat().resideInAnyPackage("io.github.twostep.internal.core..")
            .orShould().dependOnClassesThat().belongToAnyOf(TwoStep.class, Administration.class)
            .because("core decides; the packages below it only keep, compute and send");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.github.twostep.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule exportedSignaturesShowNoInternalType = classes()
            .that().resideOutsideOfPackage(INTERNAL).and().arePublic()
            .should(new ArchCondition<>("show no internal type in a public or protected signature") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    List<String> leaks = new ArrayList<>();
                    for (JavaCodeUnit unit : type.getCodeUnits()) {
                        if (!visible(unit.getModifiers())) {
                            continue;
                        }
                        List<JavaClass> shown = new ArrayList<>(unit.getRawParameterTypes());
                        shown.add(unit.getRawReturnType());
                        shown.addAll(unit.getThrowsClause().getTypes());
                        shown.stream().filter(ArchitectureTest::internal)
                                .forEach(t -> leaks.add(unit.getFullName() + " shows " + t.getName()));
                    }
                    for (JavaField field : type.getFields()) {
                        if (visible(field.getModifiers()) && internal(field.getRawType())) {
                            leaks.add(field.getFullName() + " is a " + field.getRawType().getName());
                        }
                    }
                    type.getRawSuperclass().filter(ArchitectureTest::internal)
                            .ifPresent(s -> leaks.add(type.getName() + " extends " + s.getName()));
                    type.getRawInterfaces().stream().filter(ArchitectureTest::internal)
                            .forEach(i -> leaks.add(type.getName() + " implements " + i.getName()));
                    leaks.forEach(leak -> events.add(SimpleConditionEvent.violated(type, leak)));
                }
            })
            .because("an application compiles only against the exported packages; an internal type there is a "
                    + "promise nobody meant to make");

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static boolean internal(JavaClass type) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return base.getPackageName().startsWith("io.github.twostep.internal");
    }
}
