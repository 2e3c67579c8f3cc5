package dev.stagehand.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

class LvmConfTest {
    private static List<String> said(Log log) {
        return log.messages().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void sectionsArraysStringsAndComments() {
        Log log = Log.silent();
        LvmConf.Conf c = LvmConf.parse("""
                # lvm.conf as Debian ships it, shortened
                config {
                	checks = 1
                	profile_dir = "/etc/lvm/profile"   # a comment after a value
                }
                devices {
                	dir = "/dev"
                	scan = [ "/dev" ]
                	filter = [ "a|^/dev/vd.*|", "a|^/dev/md.*|" "r|.*|" ]   # commas are optional
                	global_filter = [ 'r|/dev/cdrom|' ]
                	tags { hosttags = 1 tag1 { } }
                }
                activation { activation_mode = "complete" udev_sync = 1 }
                """, "/etc/lvm/lvm.conf", log);
        assertThat(said(log)).isEmpty();
        assertThat(c.syntaxErrors()).isZero();
        assertThat(c.get(LvmConf.FILTER).items()).containsExactly("a|^/dev/vd.*|", "a|^/dev/md.*|", "r|.*|");
        assertThat(c.get(LvmConf.FILTER).origin().toString()).isEqualTo("/etc/lvm/lvm.conf:9");
        assertThat(c.get(LvmConf.GLOBAL_FILTER).items()).containsExactly("r|/dev/cdrom|");
        assertThat(c.get(LvmConf.ACTIVATION_MODE).items()).containsExactly("complete");
        assertThat(c.get("devices/tags/hosttags").items()).containsExactly("1");
        assertThat(c.get("activation/udev_sync").items()).containsExactly("1");
    }

    @Test
    void escapesPathKeysDuplicatesAndMergedSections() {
        Log log = Log.silent();
        LvmConf.Conf c = LvmConf.parse("""
                devices/filter = [ "a|\\"q\\\\|" ]
                activation { activation_mode = "degraded" }
                activation { activation_mode = "partial" }
                devices { global_filter = "r|x|" }
                numbers { a = -3 b = 1.5 }
                """, "f", log);
        assertThat(said(log)).isEmpty();
        assertThat(c.get(LvmConf.FILTER).items()).containsExactly("a|\"q\\|");
        // lvm: "Ignoring duplicate config value", the later one is used (lvmconfig 2.03.16)
        assertThat(c.get(LvmConf.ACTIVATION_MODE).items()).containsExactly("partial");
        assertThat(c.get(LvmConf.ACTIVATION_MODE).origin().line()).isEqualTo(3);
        assertThat(c.get(LvmConf.GLOBAL_FILTER).items()).containsExactly("r|x|");
        assertThat(c.get("numbers/a").items()).containsExactly("-3");
    }

    @Test
    void garbageIsReportedByLineSkippedAndTheFileNamedAsRefusedByLvm() {
        Log log = Log.silent();
        LvmConf.Conf c = LvmConf.parse("""
                devices {
                	garbage here
                	filter = [ "a|x|", "r|.*|" ]
                	= 3
                	scan = [ "/dev"
                }
                activation {
                	activation_mode = complete
                	bad = "never closed
                }
                }
                """, "/etc/lvm/lvm.conf", log);
        assertThat(c.get(LvmConf.FILTER).items()).containsExactly("a|x|", "r|.*|");
        assertThat(c.get(LvmConf.ACTIVATION_MODE)).isNull();
        assertThat(said(log))
                .anyMatch(
                        m -> m.contains("/etc/lvm/lvm.conf:2: expected \"{\" or \"=\" after \"garbage\"; line skipped"))
                .anyMatch(m -> m.contains("/etc/lvm/lvm.conf:4: expected a section or setting name, got \"=\""))
                .anyMatch(m ->
                        m.contains("/etc/lvm/lvm.conf:8: expected a number, a \"string\" or [ an array ], got \"c\""))
                .anyMatch(m -> m.contains("/etc/lvm/lvm.conf:9: string not closed with \""))
                .anyMatch(m -> m.contains("lvm refuses the whole file"));
        assertThat(c.syntaxErrors()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void neverCrashesOnHostileInput() {
        for (String s : List.of(
                "",
                "{",
                "}",
                "a",
                "a =",
                "a = [",
                "a = [ \"",
                "\"",
                "'",
                "a { b { c {",
                "a = ]",
                "\0\u0001",
                "a".repeat(10_000) + " = 1",
                "x {".repeat(200),
                "a = [ 1 2 3 , , ]",
                "# only a comment",
                "a = 'x\\'")) {
            Log log = Log.silent();
            LvmConf.parse(s, "f", log);
        }
    }

    @Test
    void filterElementsAsLvmTakesThem() {
        assertThat(LvmConf.filterProblem("a|.*|")).isNull();
        assertThat(LvmConf.filterProblem("r/loop/")).isNull();
        assertThat(LvmConf.filterProblem("a(abc)")).isNull();
        assertThat(LvmConf.filterProblem("x|a|")).contains("expected 'a'");
        assertThat(LvmConf.filterProblem("a|abc")).contains("does not end with its delimiter '|'");
        assertThat(LvmConf.filterProblem("a|")).contains("too short");
    }
}
