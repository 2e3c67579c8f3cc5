package dev.stagehand.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static Log someFindings() {
        Log log = Log.silent();
        log.info(Origin.file("/etc/fstab"), "not a finding");
        log.warning(Origin.cmdline("rootflags="), "unknown option x-systemd.foo", "did you mean x-systemd.after?");
        log.notice(Origin.fileLine("/etc/crypttab", 3), "a notice");
        return log;
    }

    @Test
    void warningsFailOnlyUnderStrictAndErrorsAlways() {
        assertThat(new Report(someFindings().messages(), false).exitStatus()).isZero();
        assertThat(new Report(someFindings().messages(), true).exitStatus()).isEqualTo(1);
        Log log = someFindings();
        log.error(null, "broken");
        assertThat(new Report(log.messages(), false).exitStatus()).isEqualTo(1);
        assertThat(new Report(Log.silent().messages(), true).exitStatus()).isZero();
    }

    @Test
    void textHasEveryFindingButInfoAndASummary() {
        assertThat(new Report(someFindings().messages(), true).text("a note"))
                .isEqualTo(
                        "warning: kernel command line (rootflags=): unknown option x-systemd.foo; did you mean x-systemd.after?\n"
                                + "notice: /etc/crypttab:3: a notice\n"
                                + "stagehand check: 0 error(s), 1 warning(s), which fail under --strict (a note)\n");
    }

    @Test
    void jsonKeepsPlaceKeyMessageAndHintApart() {
        String json = new Report(someFindings().messages(), false).json(null);
        assertThat(json)
                .startsWith(
                        "{\n  \"version\": 1,\n  \"errors\": 0,\n  \"warnings\": 1,\n  \"strict\": false,\n  \"note\": null,\n");
        assertThat(json).contains("""
                      "severity": "warning",
                      "file": "/proc/cmdline",
                      "line": null,
                      "key": "rootflags=",
                      "message": "unknown option x-systemd.foo",
                      "hint": "did you mean x-systemd.after?"
                """);
        assertThat(json).contains("\"line\": 3,").doesNotContain("not a finding");
    }
}
