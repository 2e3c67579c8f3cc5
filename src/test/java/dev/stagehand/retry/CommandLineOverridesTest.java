package dev.stagehand.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineOverridesTest {
    @Test
    void setReplacesEveryWordOfItsKeyAndUnsetRemovesThem() {
        CommandLineOverrides o = CommandLineOverrides.none()
                .set("root=UUID=b")
                .unset("rd.luks.uuid")
                .set("ro");
        assertThat(o.apply(List.of(
                        "root=UUID=a", "quiet", "rd.luks.uuid=1", "root=/dev/x", "rd.luks.uuid=2", "luks.uuid=3")))
                .containsExactly("quiet", "luks.uuid=3", "root=UUID=b", "ro");
    }

    @Test
    void aLaterOverrideOfTheSameKeyReplacesTheEarlierOne() {
        CommandLineOverrides o = CommandLineOverrides.none()
                .set("root=UUID=a")
                .set("rootfstype=ext4")
                .set("root=UUID=b");
        assertThat(o.items())
                .extracting(CommandLineOverrides.Item::word)
                .containsExactly("rootfstype=ext4", "root=UUID=b");
        assertThat(CommandLineOverrides.none().set("root=UUID=a").unset("root").apply(List.of("root=/dev/sda")))
                .isEmpty();
    }

    @Test
    void theFileRoundTripsAndBadLinesAreReportedWithTheirLine() {
        CommandLineOverrides o =
                CommandLineOverrides.none().set("rootflags=a b").unset("rd.timeout");
        Log log = Log.silent();
        assertThat(CommandLineOverrides.parse(o.render(), "f", log)).isEqualTo(o);
        assertThat(log.messages()).isEmpty();
        CommandLineOverrides p =
                CommandLineOverrides.parse("set root=UUID=x\nbogus\nunset a=b\nset =x\n\n# c\n", "/run/o", log);
        assertThat(p.items()).containsExactly(new CommandLineOverrides.Item("root", "root=UUID=x"));
        assertThat(log.messages())
                .extracting(d -> d.origin().toString())
                .containsExactly("/run/o:2", "/run/o:3", "/run/o:4");
    }

    @Test
    void wordsThatCannotBeOneCommandLineWordAreRefused() {
        assertThat(CommandLineOverrides.problem("root=a\nset x=y")).contains("line break");
        assertThat(CommandLineOverrides.problem("=x")).contains("expected KEY=VALUE");
        assertThat(CommandLineOverrides.problem("a b=c")).contains("space");
        assertThat(CommandLineOverrides.problem("rootflags=a b")).isNull();
    }

    @Test
    void theRootAnOverrideReplacedIsKnownAsADevice() {
        List<String> words = List.of("quiet", "root=UUID=aaaa", "ro");
        assertThat(CommandLineOverrides.none().set("root=UUID=bbbb").abandonedRoot(words))
                .isEqualTo("/dev/disk/by-uuid/aaaa");
        assertThat(CommandLineOverrides.none().set("root=UUID=aaaa").abandonedRoot(words))
                .isNull();
        assertThat(CommandLineOverrides.none().set("rootflags=x").abandonedRoot(words))
                .isNull();
        assertThat(CommandLineOverrides.none().set("root=/dev/vdb").abandonedRoot(List.of("root=tmpfs")))
                .isNull();
        assertThat(CommandLineOverrides.none().unset("root").abandonedRoot(List.of("root=/dev/vda")))
                .isEqualTo("/dev/vda");
    }

    @Test
    void theRootDracutStillTakesIsTheLastRootWordAsWritten() {
        List<String> words = List.of("root=UUID=aaaa", "root=LABEL=x y");
        assertThat(CommandLineOverrides.none().set("root=UUID=bbbb").abandonedRootValue(words))
                .isEqualTo("LABEL=x y");
        assertThat(CommandLineOverrides.none().set("root=LABEL=x y").abandonedRootValue(words))
                .isNull();
        assertThat(CommandLineOverrides.none().set("root=UUID=bbbb").abandonedRootValue(null))
                .isNull();
        assertThat(CommandLineOverrides.none().set("rd.luks.uuid=1").abandonedRootValue(words))
                .isNull();
    }
}
