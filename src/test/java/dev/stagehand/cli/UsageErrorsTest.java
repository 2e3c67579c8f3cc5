package dev.stagehand.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors: one line with a hint, the started name as the prefix, exit 2 (the generator link: 0). */
class UsageErrorsTest {
    @TempDir
    Path dir;

    /** Exit status, stdout and stderr of one run of the binary as argv0. */
    record Run(int status, String out, String err) {}

    static synchronized Run run(String argv0, String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = Main.run(argv0, args);
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void usageError(Run r, String line) {
        assertThat(r.err()).isEqualTo(line + "\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.status()).isEqualTo(2);
    }

    @Test
    void anUnknownOptionIsOneLineWithAHintNotTheWholeHelp() {
        usageError(
                run("stagehand", "explain", "--frmat=json"),
                "stagehand: unknown option --frmat (did you mean --format?); see stagehand explain --help");
        usageError(
                run("stagehand", "explain", "--bogus"),
                "stagehand: unknown option --bogus; see stagehand explain --help");
        usageError(
                run("stagehand", "check", "--root"),
                "stagehand: --root needs a value (DIR); see stagehand check --help");
        usageError(
                run("stagehand", "explain", "--format=xml"),
                "stagehand: invalid value for option '--format': expected one of "
                        + "[text, json, dot] (case-sensitive) but was 'xml'; see stagehand explain --help");
        usageError(
                run("stagehand", "explain", "extra"),
                "stagehand: unexpected argument extra; see stagehand explain --help");
    }

    @Test
    void anUnknownOrMissingCommandNamesTheCommandsOrTheCloseOnes() {
        usageError(
                run("stagehand", "chek"),
                "stagehand: unknown command chek (did you mean check?); see stagehand --help");
        usageError(run("stagehand", "frobnicate"), "stagehand: unknown command frobnicate; see stagehand --help");
        usageError(
                run("stagehand"),
                "stagehand: a command is required (generate, rootwait, locate, hook, check, explain, retry, "
                        + "md-degraded, lvm-activate, image-check, fetch, fsck, help); see stagehand --help");
        usageError(run("stagehand", "hook"), "stagehand: a command is required (run); see stagehand hook --help");
        usageError(
                run("stagehand", "hook", "rn"),
                "stagehand: unknown command rn (did you mean run?); see stagehand hook --help");
        usageError(run("stagehand", "hook", "run"), "stagehand: POINT is missing; see stagehand hook run --help");
    }

    @Test
    void messagesCarryTheNameTheBinaryWasStartedUnder() {
        usageError(
                run("/opt/bin/sh-test", "explain", "--bogus"),
                "sh-test: unknown option --bogus; see sh-test explain --help");
        Run help = run("/opt/bin/sh-test", "help");
        assertThat(help.out()).startsWith("Usage: sh-test [-hV] [COMMAND]\n");
    }

    @Test
    void generateTakesOneOrThreeDirectoriesAndAFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Path d = Files.createDirectories(dir.resolve("d"));
        usageError(
                run("stagehand", "generate", file.toString()),
                "stagehand: " + file + " is not a directory; see stagehand generate --help");
        usageError(
                run("stagehand", "generate", d.toString(), d.toString(), file.toString()),
                "stagehand: " + file + " is not a directory; see stagehand generate --help");
        String four =
                "stagehand: expected one or three directories (NORMAL_DIR [EARLY_DIR LATE_DIR]), got 4; see stagehand generate --help";
        usageError(run("stagehand", "generate", d.toString(), d.toString(), d.toString(), d.toString()), four);
        usageError(
                run("stagehand", "generate", d.toString(), d.toString()),
                "stagehand: expected one or three directories (NORMAL_DIR [EARLY_DIR LATE_DIR]), got two; see stagehand generate --help");
        usageError(
                run("stagehand", "generate"),
                "stagehand: expected one or three directories (NORMAL_DIR [EARLY_DIR LATE_DIR]), got none; see stagehand generate --help");
        usageError(
                run("stagehand", "generate", "--bogus", d.toString()),
                "stagehand: unknown option --bogus; see stagehand generate --help");
        assertThat(file).isEmptyFile();
    }

    @Test
    void theGeneratorLinkKeepsSystemdsContractExitZeroAndSaysWhatWasWrong() throws Exception {
        String link = "/usr/lib/systemd/system-generators/stagehand-generator";
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Path d = Files.createDirectories(dir.resolve("d"));
        for (String[] args : new String[][] {{file.toString()}, {d.toString(), d.toString()}, {"--bogus"}, {}}) {
            Run r = run(link, args);
            assertThat(r.status()).as(String.join(" ", args)).isZero();
            assertThat(r.err())
                    .startsWith("stagehand-generator: ")
                    .endsWith("; see stagehand-generator --help\n")
                    .doesNotContain("Usage:")
                    .hasLineCount(1);
        }
        assertThat(run(link, "--bogus").err())
                .isEqualTo("stagehand-generator: unknown option --bogus; see stagehand-generator --help\n");
        assertThat(file).isEmptyFile();
        assertThat(d).isEmptyDirectory();
    }

    @Test
    void helpShowsTheHelpOfStagehandOfACommandAndOfASubcommand() {
        Run top = run("stagehand", "help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).startsWith("Usage: stagehand [-hV] [COMMAND]\n").contains("  help ");
        Run explain = run("stagehand", "help", "explain");
        assertThat(explain.status()).isZero();
        assertThat(explain.out()).startsWith("Usage: stagehand explain ").contains("--format=FORMAT");
        Run hookRun = run("stagehand", "help", "hook", "run");
        assertThat(hookRun.status()).isZero();
        assertThat(hookRun.out()).startsWith("Usage: stagehand hook run ").contains("POINT");
        assertThat(run("stagehand", "help", "generate").out())
                .startsWith("Usage: stagehand generate [-hV] NORMAL_DIR [EARLY_DIR LATE_DIR]\n");
        usageError(run("stagehand", "help", "frob"), "stagehand: unknown command frob; see stagehand --help");
        usageError(
                run("stagehand", "help", "hook", "frob"), "stagehand: unknown command frob; see stagehand hook --help");
        usageError(
                run("stagehand", "help", "chek"),
                "stagehand: unknown command chek (did you mean check?); see stagehand --help");
    }

    @Test
    void suggestionsAreAtMostTwoEditsAway() {
        assertThat(UsageErrors.distance("chek", "check")).isEqualTo(1);
        assertThat(UsageErrors.distance("--frmat", "--format")).isEqualTo(1);
        assertThat(UsageErrors.distance("ab", "ba")).isEqualTo(1);
        assertThat(UsageErrors.didYouMean("frob", java.util.List.of("rootwait", "retry", "check")))
                .isEmpty();
        assertThat(UsageErrors.didYouMean("x", java.util.List.of("md", "y"))).isEmpty();
    }
}
