package dev.stagehand.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fstab lines as glibc's getmntent() reads them, and the lines it would mangle. */
class FstabFileTest {
    private static List<FstabFile.Entry> parse(String text, Log log) {
        return FstabFile.parse(text, "/etc/fstab", log);
    }

    @Test
    void fieldsEscapesAndNumbers() {
        Log log = Log.silent();
        List<FstabFile.Entry> e = parse(
                "# c\n\n  LABEL=a\\040b\t/srv/x\\011y  ext4 defaults,\\134z 1 2  \n"
                        + "/dev/sdb /b auto\n/dev/sdc /c xfs d 0 -1\n/dev/sdd /d xfs d 0x5 7\n",
                log);
        assertThat(e).hasSize(4);
        assertThat(e.get(0).what()).isEqualTo("LABEL=a b");
        assertThat(e.get(0).where()).isEqualTo("/srv/x\ty");
        assertThat(e.get(0).options()).isEqualTo("defaults,\\z");
        assertThat(e.get(0).freq()).isEqualTo(1);
        assertThat(e.get(0).passno()).isEqualTo(2);
        assertThat(e.get(0).origin().toString()).isEqualTo("/etc/fstab:3");
        assertThat(e.get(1).options()).isEqualTo("");
        assertThat(e.get(1).passno()).isZero();
        assertThat(e.get(2).passno()).isEqualTo(-1);
        assertThat(e.get(3).passno()).isZero(); // "0x5": %d reads 0, then fails on x
        assertThat(log.messages())
                .extracting(Object::toString)
                .containsExactly(
                        "/etc/fstab:6: expected the numbers FREQ and "
                                + "PASSNO after the options, found \"0x5 7\"; glibc reads PASSNO as 0 (no file system check); write numbers, e.g. 0 2");
    }

    @Test
    void aBlankInsideAFieldOrAWordForANumberIsSaidAndTheLineReadAsGlibcDoes() {
        Log log = Log.silent();
        List<FstabFile.Entry> e =
                parse("/dev/a /mnt/my disk ext4 defaults 0 2\n/dev/b /b ext4 d O 2\n/dev/c /c ext4 d 0\n", log);
        assertThat(e).extracting(FstabFile.Entry::where).containsExactly("/mnt/my", "/b", "/c");
        assertThat(e.get(0).type()).isEqualTo("disk");
        assertThat(e.get(0).passno()).isZero();
        assertThat(e.get(1).passno()).isZero();
        assertThat(log.messages())
                .extracting(Object::toString)
                .containsExactly(
                        "/etc/fstab:1: expected at most six fields (WHAT WHERE TYPE OPTIONS FREQ PASSNO), found 7; a blank inside a field "
                                + "splits it in two; write a blank inside a field as \\040, e.g. /mnt/my\\040disk",
                        "/etc/fstab:2: expected the numbers FREQ and PASSNO after the options, found \"O 2\"; glibc reads both as 0 (no file "
                                + "system check); write numbers, e.g. 0 2");
    }

    @Test
    void glibcKeepsTheLastNumbersWhenOnlyBlanksFollowAtTheEnd() {
        List<FstabFile.Entry> e = parse("/dev/a /a ext4 d 3 4\n/dev/b /b ext4 d ", Log.silent());
        assertThat(e.get(1).freq()).isEqualTo(3);
        assertThat(e.get(1).passno()).isEqualTo(4);
    }

    @Test
    void autofsIgnoreIsSkippedLikeGlibc() {
        assertThat(parse("/etc/auto /misc autofs ignore 0 0\n/etc/auto /net autofs defaults 0 0\n", Log.silent()))
                .extracting(FstabFile.Entry::where)
                .containsExactly("/net");
    }

    @Test
    void badLinesAreReportedWithTheirLineAndSkipped() {
        Log log = Log.silent();
        List<FstabFile.Entry> e = parse(
                "onlyone\n/dev/a /a ext4 d\0x\n" + "/dev/b /b ext4 " + "o".repeat(5000) + "\n/dev/c /c ext4 d\n", log);
        assertThat(e).extracting(FstabFile.Entry::where).containsExactly("/c");
        assertThat(log.messages())
                .extracting(Object::toString)
                .containsExactly(
                        "/etc/fstab:1: expected \"WHAT WHERE TYPE OPTIONS [FREQ [PASSNO]]\", found only one field; line ignored",
                        "/etc/fstab:2: line contains a NUL byte; expected text; line ignored",
                        "/etc/fstab:3: line is 5015 bytes long, more than the 4095 an fstab line may have; line ignored");
    }
}
