package org.rnn4j.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the premise of {@link ArchitectureRulesTest}: an architecture rule passes trivially over
 * classes it never sees, so every rnn4j module must be on this module's test class path, and every
 * production class in it must reach the ArchUnit import.
 */
class ModuleCoverageTest {

    private static List<String> classPath;
    private static JavaClasses imported;

    @BeforeAll
    static void importLikeTheRules() {
        // Surefire sets java.class.path to the test class path in the forked JVM.
        classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        imported = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new ArchitectureRulesTest.ExcludeIntegrationTests())
                .importPackages("org.rnn4j");
    }

    /** Module directory names; the artifact is rnn4j-NAME. Add cli and the backends as they arrive. */
    @ParameterizedTest(name = "rnn4j-{0} is on the class path")
    @ValueSource(strings = {"api", "core", "models", "backend-tck", "backend-cpu-simd", "backend-cuda"})
    void everyModuleIsOnTheClassPath(String module) {
        assertThat(entriesOf(module))
                .as("integration-tests must depend on rnn4j-%s so the architecture rules see its classes", module)
                .isNotEmpty();
    }

    @ParameterizedTest(name = "every class of rnn4j-{0} is imported")
    @ValueSource(strings = {"api", "core", "models", "backend-tck", "backend-cpu-simd", "backend-cuda"})
    void everyClassOfEveryModuleIsImported(String module) throws IOException {
        Set<String> onDisk = new TreeSet<>();
        for (String entry : entriesOf(module)) {
            onDisk.addAll(classNamesIn(Path.of(entry)));
        }
        Set<String> importedNames = imported.stream().map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(importedNames).containsAll(onDisk);
    }

    @Test
    void theImportSeesTheModulesThatAlreadyHaveCode() {
        // The api and the reference backend exist from the start; if these are missing, the
        // import itself is broken and every rule above is vacuous.
        assertThat(imported.contain("org.rnn4j.api.backend.Backend")).isTrue();
        assertThat(imported.contain("org.rnn4j.core.reference.ReferenceBackend")).isTrue();
    }

    /** The class-path entries of one module: its jar in the reactor or ~/.m2, or its classes folder. */
    private static List<String> entriesOf(String module) {
        List<String> found = new ArrayList<>();
        for (String entry : classPath) {
            String normalized = entry.replace(File.separatorChar, '/');
            String fileName = normalized.substring(normalized.lastIndexOf('/') + 1);
            boolean jar = fileName.startsWith("rnn4j-" + module + "-") && fileName.endsWith(".jar");
            boolean classesDir = normalized.endsWith("/" + module + "/target/classes")
                    || normalized.endsWith("/" + module + "/target/classes/");
            if (jar || classesDir) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Binary names of the classes in a jar or folder, without module-info and package-info. */
    private static Set<String> classNamesIn(Path entry) throws IOException {
        List<String> paths;
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                paths = files.filter(Files::isRegularFile)
                        .map(f -> entry.relativize(f).toString().replace(File.separatorChar, '/'))
                        .collect(Collectors.toList());
            }
        } else {
            try (JarFile jar = new JarFile(entry.toFile())) {
                paths = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
            }
        }
        return paths.stream()
                .filter(p -> p.startsWith("org/rnn4j/") && p.endsWith(".class"))
                .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
                .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                .collect(Collectors.toSet());
    }
}
