package dev.stagehand.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelCommandLineTest {
    @Test
    void rdWordsCountOnlyInTheInitrd() {
        String text = "root=/dev/sda rd.fstab=0 quiet \"rootflags=a b\"\n";
        assertThat(new KernelCommandLine(text, true).words(0))
                .extracting(KernelCommandLine.Word::text)
                .containsExactly("root=/dev/sda", "rd.fstab=0", "quiet", "rootflags=a b");
        assertThat(new KernelCommandLine(text, false).words(0))
                .extracting(KernelCommandLine.Word::text)
                .containsExactly("root=/dev/sda", "quiet", "rootflags=a b");
        assertThat(new KernelCommandLine(text, true).words(KernelCommandLine.STRIP_RD_PREFIX))
                .extracting(KernelCommandLine.Word::key)
                .containsExactly("root", "fstab", "quiet", "rootflags");
        assertThat(new KernelCommandLine(text, true).words(KernelCommandLine.RD_STRICT))
                .extracting(KernelCommandLine.Word::key)
                .containsExactly("rd.fstab");
    }

    @Test
    void bareWordsHaveNoValueAndTheTextEndsAtNul() {
        KernelCommandLine c = new KernelCommandLine("ro x= a=b=c\0root=/dev/evil", true);
        assertThat(c.words(0))
                .containsExactly(
                        new KernelCommandLine.Word("ro", null),
                        new KernelCommandLine.Word("x", ""),
                        new KernelCommandLine.Word("a", "b=c"));
        assertThat(c.withWords(java.util.List.of("root=/dev/vda")).words(0))
                .containsExactly(new KernelCommandLine.Word("root", "/dev/vda"));
    }
}
