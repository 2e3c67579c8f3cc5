package dev.stagehand;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout of docs/architecture.md, held: the generator's packages use nothing of the code the
 * boot runs (runtime.*, and fetch, which only `stagehand fetch` runs), so a generator run never
 * loads it and a change there cannot change a generated tree. Only the commands (cli) and the
 * boot-side packages themselves may name it.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/stagehand");
    private static final List<String> BOOT_SIDE = List.of("dev.stagehand.runtime", "dev.stagehand.fetch");

    @Test
    void theGeneratorSideNamesNothingOfTheBootSide() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                String pkg = packageOf(text);
                if (pkg.startsWith("dev.stagehand.cli") || isBootSide(pkg)) continue;
                for (String side : BOOT_SIDE) {
                    if (text.contains(side + ".")) offenders.add(SOURCES.relativize(f) + " names " + side);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theBootSideIsWhereTheArchitectureSaysItIs() throws IOException {
        for (String pkg : List.of("md", "lvm", "hooks", "rootwait", "retry")) {
            assertThat(SOURCES.resolve("runtime").resolve(pkg)).isDirectory();
        }
    }

    private static boolean isBootSide(String pkg) {
        for (String side : BOOT_SIDE) if (pkg.equals(side) || pkg.startsWith(side + ".")) return true;
        return false;
    }

    private static String packageOf(String text) {
        int i = text.indexOf("package ");
        return i < 0
                ? ""
                : text.substring(i + "package ".length(), text.indexOf(';', i)).trim();
    }
}
