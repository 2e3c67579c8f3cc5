package dev.stagehand.crypt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.input.CrypttabFile;
import dev.stagehand.log.Log;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.UnitPathList;
import org.junit.jupiter.api.Test;

/** crypttab lines, the rd.luks value forms and the escaping of unit values they lead to. */
class CryptInputsTest {
    @Test
    void crypttabLinesEndLikeSystemdsReadLine() {
        Log log = Log.silent();
        var e = CrypttabFile.parse(
                "a /dev/x\r\n\nb\t/dev/y  -  discard extra\rc /dev/z\0d /dev/w\n\r\n", "/etc/crypttab", log);
        assertThat(e).extracting(CrypttabFile.Entry::name).containsExactly("a", "b", "c", "d");
        assertThat(e.get(1).keySpec()).isEqualTo("-");
        assertThat(e.get(1).options()).isEqualTo("discard");
        assertThat(e.get(0).keySpec()).isNull();
        assertThat(e.get(3).origin().toString()).isEqualTo("/etc/crypttab:5");
    }

    @Test
    void columnsThatSaySomethingElseAreNamedAndTheLineKept() {
        Log log = Log.silent();
        var e = CrypttabFile.parse(
                "ok UUID=1 none luks\nd UUID=2 luks,discard\ns /dev/x /dev/urandom swap, cipher=x\n"
                        + "UUID=3 none luks\nh /dev/y keys/h.key\nk /dev/z k.key:LABEL=usb\nb /dev/w none luks # disk\n",
                "/etc/crypttab",
                log);
        assertThat(e).extracting(CrypttabFile.Entry::name).containsExactly("ok", "d", "s", "UUID=3", "h", "k", "b");
        assertThat(e.get(2).options()).isEqualTo("swap,"); // the fifth column is dropped, as by sscanf
        assertThat(log.messages())
                .extracting(d -> d.origin().line() + ": " + d.problem().substring(0, 40))
                .containsExactly(
                        "2: the third column is the key file, but \"l",
                        "3: expected at most four columns (NAME DEVI",
                        "4: the first column is the volume's name, b",
                        "5: key file \"keys/h.key\" is not an absolute",
                        "7: systemd reads no comment at the end of a");
        assertThat(log.messages())
                .extracting(d -> d.hint())
                .containsExactly(
                        "put none in the key column and the options in the fourth column: d UUID=2 none luks,discard",
                        "the options are one column without blanks: swap,cipher=x",
                        "put a name first, e.g. luks-3 UUID=3 none luks",
                        "write the key file's absolute path, or none to be asked",
                        "put the comment on a line of its own");
    }

    @Test
    void uuidEqualsWordIsSscanfs() {
        assertThat(CryptCommandLine.uuidEqualsWord("1234-abcd=name")).containsExactly("1234-abcd", "name");
        assertThat(CryptCommandLine.uuidEqualsWord("1234=a b")).containsExactly("1234", "a");
        assertThat(CryptCommandLine.uuidEqualsWord("xyz=name")).isNull();
        assertThat(CryptCommandLine.uuidEqualsWord("1234=")).isNull();
        assertThat(CryptCommandLine.uuidEqualsWord("discard")).isNull();
    }

    @Test
    void locationSpecsSplitAtADeviceOnly() {
        assertThat(LocationSpec.parse("/k:/dev/sdb")).isEqualTo(new LocationSpec("/k", "/dev/sdb"));
        assertThat(LocationSpec.parse("/k:LABEL=keys")).isEqualTo(new LocationSpec("/k", "LABEL=keys"));
        assertThat(LocationSpec.parse("/a:b")).isEqualTo(new LocationSpec("/a:b", null));
        assertThat(LocationSpec.parse(null)).isEqualTo(new LocationSpec(null, null));
    }

    @Test
    void headerOnADeviceMovesToTheEnd() {
        assertThat(HeaderSplit.of("header=/h:UUID=x,discard"))
                .isEqualTo(new HeaderSplit("discard,header=/h", "UUID=x"));
        assertThat(HeaderSplit.of("discard")).isEqualTo(new HeaderSplit("discard", null));
        assertThat(HeaderSplit.of(null)).isEqualTo(new HeaderSplit(null, null));
    }

    @Test
    void execArgumentsAndPathListsStayOneWord() {
        assertThat(ExecArgs.quote("/etc/key")).isEqualTo("'/etc/key'");
        assertThat(ExecArgs.quote(null)).isEqualTo("''");
        assertThat(ExecArgs.quote("it's\\%")).isEqualTo("'it\\'s\\\\%%'");
        assertThat(UnitPathList.word("/var/lib")).isEqualTo("/var/lib");
        assertThat(UnitPathList.word("/a b")).isEqualTo("\"/a b\"");
        assertThat(UnitPathList.word("/a\"\\")).isEqualTo("\"/a\\\"\\\\\"");
    }
}
