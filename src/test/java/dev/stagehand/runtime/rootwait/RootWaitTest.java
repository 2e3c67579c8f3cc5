package dev.stagehand.runtime.rootwait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.wait.Policies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on real folders: it ends when the device appears, and names the missing link when
 * not. (The budget logic with a clock the test moves: RootWaitLookTest.)
 */
class RootWaitTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RootWait waiter(Path device, long budgetMillis) throws Exception {
        Files.createDirectories(dir.resolve("ask"));
        return new RootWait(
                device,
                List.of(
                        new RootWait.Link(dir.resolve("dev/src"), "encrypted source of luks-x"),
                        new RootWait.Link(dir.resolve("dev/mapper/luks-x"), "luks-x unlocked")),
                dir.resolve("ask"),
                new Policies(dir.resolve("policy"), List.of(), dir.resolve("proc")),
                TimeUnit.MILLISECONDS.toNanos(budgetMillis),
                System::nanoTime,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void endsWhenTheDeviceAppears() throws Exception {
        Path device = dir.resolve("dev/disk/by-uuid/root");
        RootWait w = waiter(device, 60_000);
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            try {
                return w.await();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        Files.createDirectories(device.getParent()); // the folder appears only now, as under udev
        Files.writeString(device, "");
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("is there after");
    }

    @Test
    void namesTheFirstMissingLinkWhenTheBudgetRunsOut() throws Exception {
        Files.createDirectories(dir.resolve("dev"));
        Files.writeString(dir.resolve("dev/src"), "");
        RootWait w = waiter(dir.resolve("dev/disk/by-uuid/root"), 300);
        assertThat(w.await()).isFalse();
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said)
                .contains("did not appear within")
                .contains("present  " + dir.resolve("dev/src"))
                .contains("MISSING  " + dir.resolve("dev/mapper/luks-x")
                        + " (luks-x unlocked)  <- the first missing link");
    }

    @Test
    void theUsrDeviceOfMountUsrIsWaitedForBesideTheRoot() throws Exception {
        Path device = dir.resolve("dev/root");
        Path usr = dir.resolve("dev/disk/by-partuuid/usr");
        Files.createDirectories(device.getParent());
        Files.writeString(device, "");
        RootWait w = waiter(device, 60_000).withUsr(usr);
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            try {
                return w.await();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);
        assertThat(result).as("the root alone is not enough").isNotDone();
        Files.createDirectories(usr.getParent());
        Files.writeString(usr, "");
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("root device " + device + " and /usr device " + usr + " are there after");
    }

    @Test
    void aMissingUsrDeviceIsNamedWhenTheBudgetRunsOut() throws Exception {
        Path device = dir.resolve("dev/root");
        Path usr = dir.resolve("dev/disk/by-partuuid/usr");
        Files.createDirectories(dir.resolve("dev/mapper"));
        for (String f : List.of("root", "src", "mapper/luks-x")) Files.writeString(dir.resolve("dev/" + f), "");
        RootWait w = waiter(device, 300).withUsr(usr);
        assertThat(w.await()).isFalse();
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said)
                .contains("the /usr device " + usr + " did not appear within")
                .contains("present  " + device + " (the root file system)")
                .contains("MISSING  " + usr + " (the /usr file system, mount.usr=)  <- the first missing link");
    }

    @Test
    void anImageRootsUpperLayerDeviceIsWaitedForAndNamed() throws Exception {
        Path device = dir.resolve("dev/root");
        Path usr = dir.resolve("dev/disk/by-partuuid/usr");
        Path upper = dir.resolve("dev/disk/by-label/e2eupper");
        Files.createDirectories(usr.getParent());
        for (Path p : List.of(device, usr, dir.resolve("dev/src"))) Files.writeString(p, "");
        RootWait w = waiter(device, 300).withUsr(usr).withUpper(upper);
        assertThat(w.await()).isFalse();
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said)
                .contains("the upper layer device " + upper + " did not appear within")
                .contains("present  " + usr + " (the /usr file system, mount.usr=)")
                .contains("MISSING  " + dir.resolve("dev/mapper/luks-x")
                        + " (luks-x unlocked)  <- the first missing link")
                .contains("MISSING  " + upper + " (the image root's upper layer, rd.stagehand.overlay=)");
        out.reset();
        Files.createDirectories(upper.getParent());
        Files.writeString(upper, "");
        assertThat(waiter(device, 60_000).withUpper(upper).await()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("root device " + device + " and upper layer device " + upper + " are there after");
    }

    @Test
    void anOpenPromptHoldsTheBudget() throws Exception {
        Path device = dir.resolve("dev/root");
        RootWait w = waiter(device, 300);
        Files.writeString(dir.resolve("ask/ask.1234"), "[Ask]\n"); // systemd-ask-password's request file
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            try {
                return w.await();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1000); // well past the 300 ms budget, but the prompt is open
        assertThat(result).isNotDone();
        Files.createDirectories(device.getParent());
        Files.writeString(device, "");
        Files.delete(dir.resolve("ask/ask.1234"));
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("of passphrase prompts");
    }
}
