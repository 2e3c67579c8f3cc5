package dev.stagehand.cli;

import dev.stagehand.fsck.FsckCheck;
import dev.stagehand.fsck.FsckSettings;
import dev.stagehand.fsck.FsckSummaries;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.wait.Prompts;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** stagehand fsck: run by the systemd-fsck@ instances the generator writes for checks that need not wait for the root. */
@Command(
        name = "fsck",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Check a file system as systemd-fsck does (fsck.mode=, fsck.repair= of the kernel command line), "
                    + "but keep fsck's progress off the console while a passphrase is asked: it goes to the journal, "
                    + "and one line with the result follows the prompt.",
            "Exit 0, or 1 when fsck left errors (the mount then fails)."
        })
public final class FsckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DEVICE", description = "the device to check")
    String device;

    @Mixin
    PromptDir askDir;

    @Option(
            names = "--summary-dir",
            paramLabel = "DIR",
            hidden = true,
            defaultValue = "/run/stagehand/fsck",
            description = "where a result waits for the root wait (tests)")
    Path summaryDir = FsckSummaries.DIR;

    @Override
    public Integer call() throws Exception {
        FsckSettings settings =
                FsckSettings.parse(new KernelCommandLine(Files.readString(Path.of("/proc/cmdline")), true), System.out);
        if (settings.mode() == FsckSettings.Mode.SKIP) return 0;
        if (!Files.exists(Path.of(device))) {
            System.out.println("Failed to stat " + device + ": No such file or directory");
            return 1;
        }
        String type = udevFsType(Path.of(device));
        String checker = type == null ? "fsck" : "fsck." + type;
        if (Programs.find(checker).indexOf('/') < 0) {
            System.out.println((type == null ? "The fsck command does not exist" : "fsck." + type + " doesn't exist")
                    + ", not checking file system.");
            return 0;
        }
        int rc = new FsckCheck(
                        settings,
                        new ProcessFsck(),
                        new BootHost(askDir.path, summaryDir),
                        System::nanoTime,
                        System.out)
                .check(device);
        System.out.flush();
        return rc;
    }

    /** fsck(8) itself; its errors to ours (the journal). A class, not a lambda: native-image keeps no constant lambda of our types. */
    private static final class ProcessFsck implements FsckCheck.Fsck {
        @Override
        public int run(List<String> args, Consumer<String> line) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Programs.find("fsck"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) line.accept(l);
            }
            return p.waitFor();
        }
    }

    /** ID_FS_TYPE from udev's database (/run/udev/data/bMAJOR:MINOR), as systemd-fsck asks udev; null if unknown. */
    static String udevFsType(Path device) {
        try {
            long rdev = ((Number) Files.getAttribute(device, "unix:rdev")).longValue();
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            for (String l : Files.readAllLines(Path.of("/run/udev/data/b" + major + ":" + minor))) {
                if (l.startsWith("E:ID_FS_TYPE=") && l.length() > "E:ID_FS_TYPE=".length())
                    return l.substring("E:ID_FS_TYPE=".length());
            }
        } catch (IOException | RuntimeException e) {
            // unknown: fsck finds out itself
        }
        return null;
    }

    private record BootHost(Path askDir, Path summaryDir) implements FsckCheck.Host {
        @Override
        public boolean promptOpen() {
            return Prompts.open(askDir);
        }

        @Override
        public boolean console(String text) {
            try (FileOutputStream c = new FileOutputStream("/dev/console", true)) {
                c.write(text.getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public boolean showStatus() {
            return Files.exists(Path.of("/run/systemd/show-status"));
        }

        @Override
        public void corrected() {
            try {
                Files.createDirectories(Path.of("/run/systemd"));
                Files.write(Path.of("/run/systemd/quotacheck"), new byte[0]);
            } catch (IOException e) {
                // as systemd-fsck: a failed touch is not the check's failure
            }
        }

        @Override
        public void summaryAfterPrompt(String dev, String line) {
            try {
                FsckSummaries.keep(summaryDir, dev, line);
            } catch (IOException e) {
                System.out.println("stagehand: cannot keep the result for the console: " + e.getMessage());
            }
        }
    }
}
