package dev.stagehand.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * --policy-dir, for the degraded policies (md-degraded, lvm-activate), which write their state
 * there, and the root wait, which reads it (dev.stagehand.wait.PolicyState). Tests move it.
 */
final class PolicyDir {
    @Option(
            names = "--policy-dir",
            paramLabel = "DIR",
            hidden = true,
            defaultValue = "/run/stagehand/policy", // PolicyState.DIR
            description = "the degraded policies' state files (tests)")
    Path path;
}
