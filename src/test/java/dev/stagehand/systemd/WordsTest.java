package dev.stagehand.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** extract_first_word() in the flag combinations the generator uses. */
class WordsTest {
    private static final int CMDLINE = Words.UNQUOTE | Words.RELAX | Words.RETAIN_ESCAPE;

    @Test
    void kernelCommandLineWords() throws Exception {
        assertThat(Words.split("  root=/dev/sda  \"rootflags=a b\" ro\n", null, CMDLINE))
                .containsExactly("root=/dev/sda", "rootflags=a b", "ro");
        assertThat(Words.split("a=\"x y\"z 'q", null, CMDLINE)).containsExactly("a=x yz", "q");
        assertThat(Words.split("a\\ b", null, CMDLINE)).containsExactly("a\\", "b");
        assertThat(Words.split("", null, CMDLINE)).isEmpty();
    }

    @Test
    void mountExtraFields() throws Exception {
        Words w = new Words("/dev/sdc1:/srv/\\x41::", ":", Words.CUNESCAPE | Words.DONT_COALESCE_SEPARATORS);
        assertThat(w.next()).isEqualTo("/dev/sdc1");
        assertThat(w.next()).isEqualTo("/srv/A");
        assertThat(w.next()).isEqualTo("");
        assertThat(w.next()).isEqualTo("");
        assertThat(w.next()).isNull();
        assertThatThrownBy(() -> Words.split("a\\q", ":", Words.CUNESCAPE)).isInstanceOf(Words.BadWordException.class);
    }

    @Test
    void optionLists() throws Exception {
        int flags = Words.UNESCAPE_SEPARATORS | Words.UNESCAPE_RELAX;
        assertThat(Words.split("a\\,b,,c\\\\d,e\\x", ",", flags)).containsExactly("a,b", "c\\d", "e\\x");
        assertThat(Words.split("trailing\\", ",", flags)).containsExactly("trailing\\");
    }
}
