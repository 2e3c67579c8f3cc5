package dev.stagehand.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chase() with CHASE_NONEXISTENT inside a root, on a real directory tree. */
class ChaseTest {
    @TempDir
    Path dir;

    @Test
    void followsSymlinksInsideTheRootAndKeepsTheMissingRest() throws Exception {
        Files.createDirectories(dir.resolve("sysroot/srv"));
        Files.createSymbolicLink(dir.resolve("sysroot/data"), Path.of("srv/data"));
        Files.createSymbolicLink(dir.resolve("sysroot/abs"), Path.of("/srv"));
        Files.createSymbolicLink(dir.resolve("sysroot/loop"), Path.of("loop"));
        Files.writeString(dir.resolve("sysroot/file"), "");
        Root root = new Root(dir);
        assertThat(Chase.chase(root, "/data", "/sysroot")).isEqualTo("/sysroot/srv/data");
        assertThat(Chase.chase(root, "/abs/x/y", "/sysroot")).isEqualTo("/sysroot/srv/x/y");
        assertThat(Chase.chase(root, "/../../srv", "/sysroot")).isEqualTo("/sysroot/srv");
        assertThat(Chase.chase(root, "/", "/sysroot")).isEqualTo("/sysroot");
        assertThat(Chase.chase(root, "/srv/a//b/", "/sysroot"))
                .isEqualTo("/sysroot/srv/a/b/"); // slashes after a component are skipped, as in systemd
        assertThat(Chase.chase(root, "/nope/../x", "/sysroot")).isNull(); // ".." after a missing part
        assertThat(Chase.chase(root, "/loop/x", "/sysroot")).isNull(); // ELOOP
        assertThat(Chase.chase(root, "/file/x", "/sysroot")).isNull(); // ENOTDIR
        assertThat(Chase.chase(root, "/x", "/missing")).isNull();
        assertThat(Chase.chase(root, "/sysroot/data", "/")).isEqualTo("/sysroot/srv/data");
    }
}
