package dev.stagehand.cli;

import static org.assertj.core.api.Assertions.assertThat;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.Test;

class ManPageTest {
    @Test
    void everyVisibleCommandAndOptionIsInThePageAndHiddenOnesAreNot() {
        CommandSpec top = new CommandLine(new StagehandCommand()).getCommandSpec();
        String page = ManPage.render(top, ".SH EXTRA\n");
        for (CommandLine sub : top.subcommands().values()) {
            String head = ".SS \"stagehand " + ManPage.text(sub.getCommandName()) + "\"";
            assertThat(page).contains(head);
            String section = page.substring(page.indexOf(head));
            section = section.substring(0, section.indexOf("\n.S", head.length()));
            for (OptionSpec o : sub.getCommandSpec().options()) {
                assertThat(section.contains("\\fB" + ManPage.text(o.longestName()) + "\\fR")).as(o.longestName()).isEqualTo(!o.hidden());
            }
        }
        assertThat(page).contains("\\fB\\-\\-set\\fR=\\fIKEY=VALUE\\fR").endsWith(".SH EXTRA\n");
    }

    @Test
    void textCannotStartARequestOrHideABackslash() {
        assertThat(ManPage.text(".so /etc/passwd\n'x")).isEqualTo("\\&.so /etc/passwd\n\\&'x");
        assertThat(ManPage.text("a\\b-c")).isEqualTo("a\\eb\\-c");
    }
}
