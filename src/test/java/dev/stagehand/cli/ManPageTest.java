package dev.stagehand.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class ManPageTest {
    @Test
    void everyVisibleCommandAndOptionIsInThePageAndHiddenOnesAreNot() {
        CommandSpec top = StagehandCommand.full().getCommandSpec();
        String page = ManPage.render(top, ".SH EXTRA\n");
        java.util.List<CommandSpec> all = new java.util.ArrayList<>();
        for (CommandLine sub : top.subcommands().values()) ManPage.addWithSubcommands(sub.getCommandSpec(), all);
        for (CommandSpec c : all) {
            String head = ".SS \"" + ManPage.text(c.qualifiedName()) + "\"";
            assertThat(page).contains(head);
            String section = page.substring(page.indexOf(head));
            section = section.substring(0, section.indexOf("\n.S", head.length()));
            for (OptionSpec o : c.options()) {
                assertThat(section.contains("\\fB" + ManPage.text(o.longestName()) + "\\fR"))
                        .as(o.longestName())
                        .isEqualTo(!o.hidden());
            }
        }
        // a subcommand's subcommand has its own section and synopsis line; help is a command too
        assertThat(all.stream().map(CommandSpec::qualifiedName)).contains("stagehand hook run", "stagehand help");
        assertThat(page)
                .contains(".B stagehand hook run\n[\\fIOPTIONS\\fR] \\fIPOINT\\fR [\\fISCRIPT\\fR...]\n")
                .contains(
                        ".B stagehand generate\n[\\fIOPTIONS\\fR] \\fINORMAL_DIR\\fR [\\fIEARLY_DIR\\fR \\fILATE_DIR\\fR]\n")
                .contains(".B stagehand help\n[\\fICOMMAND\\fR...]\n");
        assertThat(page).contains("\\fB\\-\\-set\\fR=\\fIKEY=VALUE\\fR").endsWith(".SH EXTRA\n");
    }

    @Test
    void textCannotStartARequestOrHideABackslash() {
        assertThat(ManPage.text(".so /etc/passwd\n'x")).isEqualTo("\\&.so /etc/passwd\n\\&'x");
        assertThat(ManPage.text("a\\b-c")).isEqualTo("a\\eb\\-c");
    }
}
