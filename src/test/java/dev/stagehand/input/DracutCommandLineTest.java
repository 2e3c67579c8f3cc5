package dev.stagehand.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dracut's command line files: their order, their origins, and only in the initrd. */
class DracutCommandLineTest {
    @TempDir
    Path root;

    private Environment env(boolean initrd) {
        return new Environment(Map.of("STAGEHAND_ROOT", root.toString(), "SYSTEMD_IN_INITRD", initrd ? "1" : "0"));
    }

    private KernelCommandLine extend(boolean initrd, String proc, Log log) {
        return DracutCommandLine.extend(new KernelCommandLine(proc, initrd), env(initrd), log);
    }

    @Test
    void filesInGlobOrderThenEtcCmdlineThenTheKernelsWords() throws Exception {
        Files.createDirectories(root.resolve("etc/cmdline.d"));
        Files.writeString(root.resolve("etc/cmdline.d/90lvm.conf"), "rd.lvm.lv=vg/a\n\nrd.lvm.lv=vg/b \"rd.x=a b\"\n");
        Files.writeString(root.resolve("etc/cmdline.d/10a.conf"), "rd.md.uuid=1\n");
        Files.writeString(root.resolve("etc/cmdline.d/README"), "rd.not=read\n");
        Files.writeString(root.resolve("etc/cmdline"), "rd.md=0");
        Files.createDirectories(root.resolve("run/initramfs/cmdline.d"));
        Files.writeString(root.resolve("run/initramfs/cmdline.d/x.conf"), "rd.md=2\n");
        Files.createDirectories(root.resolve("etc/kernel"));
        Files.writeString(root.resolve("etc/kernel/cmdline"), "rd.md=3\n");
        Log log = Log.silent();
        KernelCommandLine c = extend(true, "rd.md=1 root=/dev/vda", log);
        assertThat(c.rawWords())
                .containsExactly(
                        "rd.md.uuid=1",
                        "rd.lvm.lv=vg/a",
                        "rd.lvm.lv=vg/b",
                        "rd.x=a b",
                        "rd.md=0",
                        "rd.md=1",
                        "root=/dev/vda",
                        "rd.md=2",
                        "rd.md=3");
        List<KernelCommandLine.Word> w = c.words(0);
        assertThat(w.get(2).origin("rd.lvm.lv=").toString()).isEqualTo("/etc/cmdline.d/90lvm.conf:3 (rd.lvm.lv=)");
        assertThat(w.get(4).origin("rd.md=").toString()).isEqualTo("/etc/cmdline:1 (rd.md=)");
        assertThat(w.get(5).origin("rd.md=").toString()).isEqualTo("kernel command line (rd.md=)");
        assertThat(log.messages()).isEmpty();
    }

    @Test
    void outsideTheInitrdAndWithoutTheFilesTheCommandLineIsTheKernels() throws Exception {
        assertThat(extend(true, "root=/dev/vda", Log.silent()).rawWords()).containsExactly("root=/dev/vda");
        Files.createDirectories(root.resolve("etc/cmdline.d"));
        Files.writeString(root.resolve("etc/cmdline.d/90mdraid.conf"), "rd.md.uuid=1\n");
        assertThat(extend(false, "root=/dev/vda", Log.silent()).rawWords()).containsExactly("root=/dev/vda");
    }

    @Test
    void aLineWithANulIsSkippedWithItsLine() throws Exception {
        Files.createDirectories(root.resolve("etc/cmdline.d"));
        Files.writeString(root.resolve("etc/cmdline.d/x.conf"), "rd.a=1\nrd.b\0=2\nrd.c=3\n");
        Log log = Log.silent();
        assertThat(extend(true, "", log).rawWords()).containsExactly("rd.a=1", "rd.c=3");
        assertThat(log.messages())
                .singleElement()
                .asString()
                .contains("/etc/cmdline.d/x.conf:2")
                .contains("NUL");
    }
}
