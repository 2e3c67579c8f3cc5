package dev.stagehand.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading PREREQ="..." without running the script. */
class PrereqsTest {
    @Test
    void theFormsScriptsUse() throws Exception {
        assertThat(Prereqs.parse("#!/bin/sh\nPREREQ=\"\"\n").names()).isEmpty();
        assertThat(Prereqs.parse("#!/bin/sh\nPREREQ=\"udev  mdadm\tlvm2\"\n").names())
                .containsExactly("udev", "mdadm", "lvm2");
        assertThat(Prereqs.parse("PREREQ='cryptroot'\n").names()).containsExactly("cryptroot");
        assertThat(Prereqs.parse("\tPREREQ=udev # comment\n").names()).containsExactly("udev");
        assertThat(Prereqs.parse("PREREQ=\"a\" ; export PREREQ\n").names()).containsExactly("a");
        assertThat(Prereqs.parse("PREREQ=\"a\"\nPREREQ=\"a\"\n").line()).isEqualTo(1); // the same twice is fine
        assertThat(Prereqs.parse("#!/bin/sh\necho no prereqs here\n"))
                .isEqualTo(new Prereqs.Found(java.util.List.of(), 0));
        // only an assignment at the start of a line counts
        assertThat(Prereqs.parse("echo PREREQ=\"x\"\n# PREREQ=\"y\"\n").names()).isEmpty();
    }

    @Test
    void whatOnlyAShellCouldEvaluateIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Prereqs.parse("#!/bin/sh\n\nPREREQ=\"$DEPS\"\n"))
                .isInstanceOfSatisfying(
                        Prereqs.BadPrereq.class, e -> assertThat(e.line).isEqualTo(3))
                .hasMessageContaining("'$'");
        assertThatThrownBy(() -> Prereqs.parse("PREREQ=\"`cat x`\"\n")).hasMessageContaining("'`'");
        assertThatThrownBy(() -> Prereqs.parse("PREREQ=\"a\\\"b\"\n")).hasMessageContaining("'\\'");
        assertThatThrownBy(() -> Prereqs.parse("PREREQ=$(ls)\n")).hasMessageContaining("not a script name");
        assertThatThrownBy(() -> Prereqs.parse("PREREQ='a\nb'\n")).hasMessageContaining("does not end on its line");
        assertThatThrownBy(() -> Prereqs.parse("PREREQ=a b\n")).hasMessageContaining("unexpected text after");
        assertThatThrownBy(() -> Prereqs.parse("PREREQ=\"a\"\nPREREQ=\"b\"\n"))
                .isInstanceOfSatisfying(
                        Prereqs.BadPrereq.class, e -> assertThat(e.line).isEqualTo(2));
        assertThatThrownBy(() -> Prereqs.parse("#!/bin/sh\n\0\n"))
                .isInstanceOfSatisfying(
                        Prereqs.BadPrereq.class, e -> assertThat(e.line).isEqualTo(2));
    }
}
