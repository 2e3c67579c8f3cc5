package dev.stagehand.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StagehandCommandTest {
    /** A subcommand built alone (Main's fast path) reads and helps exactly as in the whole model. */
    @Test
    void oneSubcommandAloneIsTheSameAsInTheWholeModel() {
        Map<String, CommandLine> all = StagehandCommand.full().getSubcommands();
        assertThat(all).hasSize(StagehandCommand.SUBCOMMANDS.size());
        for (Map.Entry<String, CommandLine> e : all.entrySet()) {
            CommandLine one = StagehandCommand.only(e.getKey());
            if (e.getKey().equals("help")) {
                assertThat(one)
                        .as("help lists the others: it needs the whole model")
                        .isNull();
                continue;
            }
            assertThat(one).as(e.getKey()).isNotNull();
            assertThat(one.getSubcommands()).containsOnlyKeys(e.getKey());
            CommandLine alone = one.getSubcommands().get(e.getKey());
            assertThat(alone.getUsageMessage())
                    .as(e.getKey())
                    .isEqualTo(e.getValue().getUsageMessage());
            assertThat(alone.getCommandSpec().qualifiedName())
                    .isEqualTo(e.getValue().getCommandSpec().qualifiedName());
        }
        assertThat(StagehandCommand.only("no-such-command")).isNull();
    }
}
