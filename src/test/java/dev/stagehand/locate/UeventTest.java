package dev.stagehand.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UeventTest {
    @TempDir
    Path dir;

    @Test
    void aPartitionsUevent() {
        Uevent u = Uevent.parse(
                "MAJOR=253\nMINOR=7\nDEVNAME=vda7\nDEVTYPE=partition\nDISKSEQ=9\nPARTN=7\nPARTNAME=root a=b\n");
        assertThat(u.isPartition()).isTrue();
        assertThat(u.isDisk()).isFalse();
        assertThat(u.devName()).isEqualTo("vda7");
        assertThat(u.partitionNumber()).isEqualTo(7);
        assertThat(u.partitionName()).isEqualTo("root a=b"); // only the first '=' splits
    }

    @Test
    void aDiskHasNoPartitionFields() {
        Uevent u = Uevent.parse("MAJOR=253\nMINOR=0\nDEVNAME=vda\nDEVTYPE=disk\n");
        assertThat(u.isDisk()).isTrue();
        assertThat(u.partitionNumber()).isZero();
        assertThat(u.partitionName()).isNull();
    }

    @Test
    void badPartitionNumbersAreNone() {
        for (String n : new String[] {"", "-1", "0x7", "65536", "99999999999", "7 "}) {
            assertThat(Uevent.parse("PARTN=" + n + "\n").partitionNumber())
                    .as(n)
                    .isZero();
        }
        assertThat(Uevent.parse("PARTN=65535\n").partitionNumber()).isEqualTo(65535);
    }

    @Test
    void theFirstValueOfAKeyCountsAndLinesWithoutKeyAreSkipped() {
        Uevent u = Uevent.parse("=x\nnonsense\nDEVNAME=vda1\nDEVNAME=vdb1\n");
        assertThat(u.devName()).isEqualTo("vda1");
    }

    @Test
    void readsAtMost16KiBKeepingHighBytes() throws Exception {
        Path f = dir.resolve("uevent");
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 'A');
        byte[] head = "DEVNAME=sda1\nPARTNAME=\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, big, 0, head.length);
        Files.write(f, big);
        Uevent u = Uevent.read(f);
        assertThat(u.devName()).isEqualTo("sda1");
        assertThat(u.partitionName()).isEqualTo("\u00e9");
        assertThat(u.values().toString().length()).isLessThan(Uevent.MAX_BYTES + 100);
    }
}
