package dev.stagehand.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagehand.input.Root;
import dev.stagehand.wait.Budget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocateTest {
    static final String UA = "a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b";
    static final String UB = "a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b";
    static final String UC = "a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b";

    @TempDir
    Path dir;

    final List<String> said = new ArrayList<>();

    Locate.Result locate(String spec, long budgetNanos) throws Exception {
        return new Locate(
                        new Locator(new SysBlock(new Root(dir)), PartitionSpec.parse(spec)),
                        dir.resolve("dev"),
                        System::nanoTime,
                        said::add)
                .await(budgetNanos);
    }

    static GptImage disk(String... names) {
        GptImage g = new GptImage(512, 4096);
        for (int i = 0; i < names.length; i++) {
            g.part(
                    i + 1,
                    String.format("a1b2c3d4-%04x-4e5f-8a9b-0c1d2e3f4a5b", i + 1),
                    2048 + 100L * i,
                    2048 + 100L * i + 99,
                    names[i]);
        }
        return g;
    }

    FakeBlock fake(String diskName, GptImage g) throws Exception {
        FakeBlock f = new FakeBlock(dir);
        f.disk(diskName, g.bytes(), g.blockSize);
        f.partitions(diskName, g, "");
        return f;
    }

    static Locator.Match found(Locate.Result r) {
        assertThat(r).isInstanceOf(Locate.Found.class);
        return ((Locate.Found) r).match();
    }

    @Test
    void anAsciiLabelByTheKernelsPartnameCheckedInTheGpt() throws Exception {
        fake("vda", disk("esp", "swap", "system"));
        Locate.Result r = locate("PARTLABEL=system", 0);
        assertThat(found(r).node()).isEqualTo("/dev/vda3");
        assertThat(found(r).disk()).isEqualTo("/dev/vda");
        assertThat(Locate.describe(PartitionSpec.parse("PARTLABEL=system"), r))
                .startsWith(
                        "stagehand: PARTLABEL=system is /dev/vda3, partition 3 of /dev/vda, found by the kernel's PARTNAME=, "
                                + "checked in the GPT's primary header after ");
        assertThat(said).isEmpty();
    }

    @Test
    void aPartuuidAndTheLinkFormsInTheGpt() throws Exception {
        fake("vda", disk("esp", "swap", "system"));
        assertThat(found(locate("PARTUUID=" + UB.toUpperCase(), 0)).node()).isEqualTo("/dev/vda2");
        assertThat(found(locate("/dev/disk/by-partuuid/" + UC, 0)).how()).isEqualTo("in the GPT's primary header");
        assertThat(found(locate("/dev/disk/by-partlabel/esp", 0)).node()).isEqualTo("/dev/vda1");
    }

    @Test
    void nonAsciiLabelsComeFromTheGptNotFromPartname() throws Exception {
        fake("vda", disk("esp", "système", "根"));
        assertThat(found(locate("PARTLABEL=système", 0)).node()).isEqualTo("/dev/vda2");
        // udev's link name: systemd keeps valid UTF-8, and \xNN for the rest; both forms are read
        assertThat(found(locate("/dev/disk/by-partlabel/syst\\xc3\\xa8me", 0)).node())
                .isEqualTo("/dev/vda2");
        assertThat(found(locate("/dev/disk/by-partlabel/根", 0)).how()).isEqualTo("in the GPT's primary header");
    }

    @Test
    void aPartnameThatOnlyLooksRightIsRefusedByTheGpt() throws Exception {
        // U+0173 has the low byte 0x73, 's': the kernel's PARTNAME= reads "system"
        FakeBlock f = fake("vda", disk("esp", "sy\u0173tem"));
        assertThat(Files.readString(dir.resolve("sys/class/block/vda2/uevent"))).contains("PARTNAME=system\n");
        assertThat(locate("PARTLABEL=system", 0)).isInstanceOf(Locate.NotFound.class);
    }

    @Test
    void aDamagedPrimaryHeaderIsReadFromTheBackup() throws Exception {
        GptImage g = disk("esp", "system");
        byte[] img = g.bytes();
        img[(int) g.primaryOffset() + 60] ^= 1;
        FakeBlock f = new FakeBlock(dir);
        f.disk("vda", img, 512);
        f.partitions("vda", g, "");
        assertThat(found(locate("PARTUUID=" + UB, 0)).how())
                .isEqualTo("in the GPT's backup header (primary: header CRC32 does not match)");
    }

    @Test
    void anUnreadableGptLeavesThePartnameAndSaysSo() throws Exception {
        GptImage g = disk("esp", "system");
        byte[] img = g.bytes();
        img[(int) g.primaryOffset()] = 'X';
        img[(int) g.backupOffset()] = 'X';
        FakeBlock f = new FakeBlock(dir);
        f.disk("vda", img, 512);
        f.partitions("vda", g, "");
        assertThat(found(locate("PARTLABEL=system", 0)).how())
                .isEqualTo("by the kernel's PARTNAME= alone (the GPT is unreadable)");
        assertThat(said)
                .containsExactly(
                        "stagehand: cannot read the GPT of /dev/vda: primary header: no \"EFI PART\" signature at LBA 1; "
                                + "backup header: no \"EFI PART\" signature at LBA 4095");
        said.clear();
        assertThat(locate("PARTUUID=" + UB, 0)).isInstanceOf(Locate.NotFound.class); // a GUID is in no uevent
    }

    @Test
    void anMbrDiskIsNoGptAndNoMessage() throws Exception {
        FakeBlock f = new FakeBlock(dir);
        byte[] mbr = new byte[4096 * 512];
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xAA;
        f.disk("sda", mbr, 512);
        f.partition("sda", "sda1", 1, null, 2048);
        Locate.Result r = locate("PARTLABEL=system", 0);
        assertThat(r).isInstanceOf(Locate.NotFound.class);
        assertThat(said).isEmpty();
        assertThat(Locate.describe(PartitionSpec.parse("PARTLABEL=system"), r))
                .isEqualTo("stagehand: no partition with PARTLABEL=system yet (looked at 1 disks, 1 partitions)");
    }

    @Test
    void fourKibibyteSectorsStartAtEightTimesTheLba() throws Exception {
        GptImage g = new GptImage(4096, 1024).part(1, UA, 256, 511, "esp").part(2, UB, 512, 767, "system");
        FakeBlock f = new FakeBlock(dir);
        f.disk("nvme0n1", g.bytes(), 4096);
        f.partitions("nvme0n1", g, "p");
        assertThat(Files.readString(dir.resolve("sys/class/block/nvme0n1p2/start"))
                        .strip())
                .isEqualTo("4096");
        assertThat(found(locate("PARTUUID=" + UB, 0)).node()).isEqualTo("/dev/nvme0n1p2");
    }

    @Test
    void aTableRewrittenSinceTheKernelReadItNamesNothing() throws Exception {
        GptImage g = disk("esp", "system");
        FakeBlock f = new FakeBlock(dir);
        f.disk("vda", g.bytes(), 512);
        f.partition("vda", "vda1", 1, "esp", 2048);
        f.partition("vda", "vda2", 2, "system", 9999); // the kernel's partition 2 starts elsewhere
        assertThat(locate("PARTLABEL=system", 0)).isInstanceOf(Locate.NotFound.class);
        assertThat(said)
                .containsExactly(
                        "stagehand: the GPT of /dev/vda changed since the kernel read it: entry 2 starts at sector "
                                + "2148, /dev/vda2 at 9999; not using it (partprobe /dev/vda)");
    }

    @Test
    void twoDisksWithOneLabelAreNamedAndNeitherIsChosen() throws Exception {
        fake("vda", disk("esp", "system"));
        GptImage other = disk("system");
        FakeBlock f = new FakeBlock(dir);
        f.disk("vdb", other.bytes(), 512);
        f.partitions("vdb", other, "");
        Locate.Result r = locate("PARTLABEL=system", 0);
        assertThat(r).isInstanceOf(Locate.Ambiguous.class);
        assertThat(Locate.describe(PartitionSpec.parse("PARTLABEL=system"), r))
                .isEqualTo(
                        "stagehand: PARTLABEL=system is on two disks: /dev/vda2 and /dev/vdb1; refusing to choose one "
                                + "(give all but one another name (sfdisk --part-label, sgdisk -c), or use PARTUUID=)");
        // a cloned disk: the same GUIDs on both
        Locate.Result u = locate("PARTUUID=" + UA, 0);
        assertThat(Locate.describe(PartitionSpec.parse("PARTUUID=" + UA), u))
                .isEqualTo(
                        "stagehand: PARTUUID=" + UA
                                + " is on two disks: /dev/vda1 and /dev/vdb1; refusing to choose one "
                                + "(a cloned disk? give one of them new GUIDs: sfdisk --disk-id and --part-uuid, or sgdisk -G)");
    }

    @Test
    void twoPartitionsOfOneDisk() throws Exception {
        fake("vda", disk("data", "esp", "data"));
        assertThat(Locate.describe(PartitionSpec.parse("PARTLABEL=data"), locate("PARTLABEL=data", 0)))
                .startsWith("stagehand: PARTLABEL=data is on two partitions of /dev/vda: /dev/vda1 and /dev/vda3;");
    }

    @Test
    void waitsForTheKernelToAddThePartition() throws Exception {
        GptImage g = disk("esp", "system");
        FakeBlock f = new FakeBlock(dir);
        f.disk("vda", g.bytes(), 512);
        f.partition("vda", "vda1", 1, "esp", 2048);
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(300);
                f.partition("vda", "vda2", 2, "system", 2148);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        late.start();
        Locate.Result r = locate("PARTLABEL=system", TimeUnit.SECONDS.toNanos(20));
        late.join();
        assertThat(found(r).node()).isEqualTo("/dev/vda2");
        assertThat(((Locate.Found) r).nanos())
                .isBetween(TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void givesUpAfterTheTimeout() throws Exception {
        fake("vda", disk("esp"));
        long t0 = System.nanoTime();
        Locate.Result r = locate("PARTLABEL=system", TimeUnit.MILLISECONDS.toNanos(300));
        long took = System.nanoTime() - t0;
        assertThat(r).isInstanceOf(Locate.NotFound.class);
        assertThat(took).isBetween(TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.SECONDS.toNanos(5));
        assertThat(Locate.describe(PartitionSpec.parse("PARTLABEL=system"), r))
                .matches(
                        "stagehand: no partition with PARTLABEL=system within 0\\.[3-9] s \\(looked at 1 disks, 1 partitions\\)|"
                                + "stagehand: no partition with PARTLABEL=system within [1-4]\\.[0-9] s \\(looked at 1 disks, 1 partitions\\)");
    }

    @Test
    void hostileSysfsEntriesAreSkipped() throws Exception {
        fake("vda", disk("esp", "system"));
        Path d = Files.createDirectories(dir.resolve("sys/devices/virtual/block/vda/evil"));
        Files.writeString(
                d.resolve("uevent"), "DEVNAME=../../etc/passwd\nDEVTYPE=partition\nPARTN=2\nPARTNAME=system\n");
        Files.createSymbolicLink(dir.resolve("sys/class/block/evil"), Path.of("../../devices/virtual/block/vda/evil"));
        Path n = Files.createDirectories(dir.resolve("sys/devices/virtual/block/vda/nonum"));
        Files.writeString(n.resolve("uevent"), "DEVNAME=vda9\nDEVTYPE=partition\nPARTN=x\nPARTNAME=system\n");
        Files.createSymbolicLink(
                dir.resolve("sys/class/block/nonum"), Path.of("../../devices/virtual/block/vda/nonum"));
        Files.createSymbolicLink(dir.resolve("sys/class/block/dangling"), Path.of("../../devices/virtual/block/none"));
        assertThat(found(locate("PARTLABEL=system", 0)).node()).isEqualTo("/dev/vda2");
    }

    @Test
    void specs() throws Exception {
        assertThat(PartitionSpec.parse("PARTLABEL=a b").value()).isEqualTo("a b");
        assertThat(PartitionSpec.parse("/dev/disk/by-partlabel/a\\x20b").value())
                .isEqualTo("a b");
        assertThat(PartitionSpec.parse("/dev/disk/by-partlabel/a\\x2").value()).isEqualTo("a\\x2"); // not an escape
        assertThat(PartitionSpec.parse("PARTUUID=" + UA.toUpperCase()).value()).isEqualTo(UA);
        assertThatThrownBy(() -> PartitionSpec.parse("LABEL=root"))
                .hasMessage("\"LABEL=root\" is not a partition: expected "
                        + "PARTLABEL=NAME, PARTUUID=GUID, /dev/disk/by-partlabel/NAME or /dev/disk/by-partuuid/GUID");
        assertThatThrownBy(() -> PartitionSpec.parse("PARTLABEL="))
                .hasMessage("\"PARTLABEL=\" names no partition label");
        assertThatThrownBy(() -> PartitionSpec.parse("PARTLABEL=" + "x".repeat(37)))
                .hasMessageContaining("at most 36 UTF-16 units, this has 37");
        assertThatThrownBy(() -> PartitionSpec.parse("PARTUUID=0d0e0f10-02"))
                .hasMessageContaining("an MBR partition's PARTUUID");
        assertThatThrownBy(() -> PartitionSpec.parse("PARTUUID=zz"))
                .hasMessage("\"PARTUUID=zz\" is not a GPT partition GUID: " + "expected 8-4-4-4-12 hex digits");
    }

    @Test
    void manyPartitionsOneLook() throws Exception {
        GptImage g = new GptImage(512, 8192);
        g.entryCount = 256;
        for (int n = 1; n <= 256; n++)
            g.part(
                    n,
                    String.format("a1b2c3d4-%04x-4e5f-8a9b-0c1d2e3f4a5b", n),
                    1000 + 10L * n,
                    1009 + 10L * n,
                    "p" + n);
        FakeBlock f = new FakeBlock(dir);
        f.disk("vda", g.bytes(), 512);
        f.partitions("vda", g, "");
        assertThat(found(locate("PARTLABEL=p256", Budget.UNLIMITED)).node()).isEqualTo("/dev/vda256");
        assertThat(found(locate("PARTUUID=a1b2c3d4-00ff-4e5f-8a9b-0c1d2e3f4a5b", 0))
                        .node())
                .isEqualTo("/dev/vda255");
    }
}
