package org.rnn4j.it.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of DESIGN.md section 1, checked over the production classes of every rnn4j
 * module on this module's class path (the pom depends on all of them; {@link ModuleCoverageTest}
 * makes sure it stays so). The rules are written against package names, not against the classes
 * that happen to exist today, so they already guard modules that are not written yet (cli,
 * backend-cpu-simd, backend-cuda) and start to bite the day such a module is added as a
 * dependency here.
 */
@AnalyzeClasses(
        packages = "org.rnn4j",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureRulesTest.ExcludeIntegrationTests.class})
class ArchitectureRulesTest {

    /** The packages of the reference backend, which lives in core but is reached only through ServiceLoader. */
    static final String REFERENCE_BACKEND = "org.rnn4j.core.reference..";
    /** The backend-cpu-simd module. */
    static final String SIMD_BACKEND = "org.rnn4j.backend.simd..";
    /** The backend-cuda module. */
    static final String CUDA_BACKEND = "org.rnn4j.backend.cuda..";
    /** Every backend, including ones not planned yet (they go under org.rnn4j.backend). */
    static final String[] ALL_BACKENDS = {REFERENCE_BACKEND, "org.rnn4j.backend.."};

    static final String BACKENDS_BY_SERVICE_LOADER =
            "backends are found at run time through java.util.ServiceLoader; nothing outside a backend"
                    + " imports a backend's classes (DESIGN.md section 1), so that a backend can be added,"
                    + " removed or fail to load without touching the code that uses it";

    /**
     * Keeps this module's own test code (these rules among it) out of the analysis even if it is
     * ever found outside a test-classes folder: it is not part of the architecture it checks.
     */
    static final class ExcludeIntegrationTests implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/org/rnn4j/it/");
        }
    }

    @ArchTest
    static final ArchRule api_depends_only_on_the_jdk = classes()
            .that().resideInAPackage("org.rnn4j.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.rnn4j.api..")
            .because("api imports nothing outside java.* (DESIGN.md section 1): every backend depends on"
                    + " api only, so whatever api drags in, every backend and every user drags in too");

    @ArchTest
    static final ArchRule vector_api_only_in_the_simd_backend = noClasses()
            .that().resideOutsideOfPackage(SIMD_BACKEND)
            .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
            .because("jdk.incubator.vector is used nowhere but in the SIMD backend (DESIGN.md section 1):"
                    + " core and models run without the incubator module, and a JVM started without it"
                    + " still works, on the reference backend (DESIGN.md section 4)");

    @ArchTest
    static final ArchRule reference_backend_is_not_named_from_outside = noClasses()
            .that().resideOutsideOfPackage(REFERENCE_BACKEND)
            .should().dependOnClassesThat().resideInAPackage(REFERENCE_BACKEND)
            .because(BACKENDS_BY_SERVICE_LOADER
                    + "; the reference backend lives in core but is a backend like any other"
                    + " (the TCK looks its oracle up by name, never by class)");

    @ArchTest
    static final ArchRule simd_backend_is_not_named_from_outside = noClasses()
            .that().resideOutsideOfPackage(SIMD_BACKEND)
            .should().dependOnClassesThat().resideInAPackage(SIMD_BACKEND)
            .because(BACKENDS_BY_SERVICE_LOADER);

    @ArchTest
    static final ArchRule cuda_backend_is_not_named_from_outside = noClasses()
            .that().resideOutsideOfPackage(CUDA_BACKEND)
            .should().dependOnClassesThat().resideInAPackage(CUDA_BACKEND)
            .because(BACKENDS_BY_SERVICE_LOADER
                    + "; only the chosen backend is initialised, and a CUDA context is costly and can fail");

    /** Catches backends not listed above: whatever sits under org.rnn4j.backend is a backend. */
    @ArchTest
    static final ArchRule no_backend_is_named_from_outside = noClasses()
            .that().resideOutsideOfPackage("org.rnn4j.backend..")
            .should().dependOnClassesThat().resideInAPackage("org.rnn4j.backend..")
            .because(BACKENDS_BY_SERVICE_LOADER);

    @ArchTest
    static final ArchRule backends_do_not_name_each_other = slices()
            .matching("org.rnn4j.backend.(*)..")
            .should().notDependOnEachOther()
            .allowEmptyShould(true)
            .because(BACKENDS_BY_SERVICE_LOADER);

    @ArchTest
    static final ArchRule backends_depend_on_api_only = noClasses()
            .that().resideInAnyPackage(ALL_BACKENDS)
            .should().dependOnClassesThat(resideInAPackage("org.rnn4j..")
                    .and(not(resideInAnyPackage("org.rnn4j.api..")))
                    .and(not(resideInAnyPackage(ALL_BACKENDS))))
            .allowEmptyShould(true)
            .because("backends depend on api only (DESIGN.md section 1): a backend is a set of kernels"
                    + " behind the SPI, and cells, layers and optimisers are written once, against those"
                    + " kernels (DESIGN.md section 2)");

    @ArchTest
    static final ArchRule models_and_core_name_no_concrete_backend = noClasses()
            .that().resideInAnyPackage("org.rnn4j.models..", "org.rnn4j.core..")
            .and().resideOutsideOfPackage(REFERENCE_BACKEND)
            .should().dependOnClassesThat().resideInAnyPackage(ALL_BACKENDS)
            .allowEmptyShould(true)
            .because("models and core never name a concrete backend (DESIGN.md section 1): they run on"
                    + " whichever backend rnn4j.backend selects, found through ServiceLoader");

    @ArchTest
    static final ArchRule no_package_cycles = slices()
            .matching("org.rnn4j.(**)")
            .should().beFreeOfCycles()
            .allowEmptyShould(true)
            .because("no package cycles (DESIGN.md section 1): the direction of dependencies between"
                    + " modules holds for the packages inside them too");

    @ArchTest
    static final ArchRule only_the_cli_prints_to_a_terminal = noClasses()
            .that().resideOutsideOfPackage("org.rnn4j.cli..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            // The call's owner is the exception's own class (RuntimeException, IOException ...), so
            // match every Throwable; printStackTrace(PrintStream/PrintWriter) goes where it is told.
            .orShould().callMethodWhere(target(name("printStackTrace"))
                    .and(target(owner(assignableTo(Throwable.class))))
                    .and(target(rawParameterTypes(new Class<?>[0]))))
            .because("cli is the only place that assembles everything and the only place that prints to"
                    + " a terminal (DESIGN.md section 1): a library that embeds rnn4j owns its console;"
                    + " everything else reports through exceptions, return values and SLF4J");
}
