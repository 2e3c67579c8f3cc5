package dev.stagehand.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * --ask-dir, for every command that waits at boot (root-wait, md-degraded, lvm-activate,
 * fetch): their budgets stop while a passphrase prompt is open there (dev.stagehand.wait.Prompts).
 */
final class PromptDir {
    @Option(
            names = "--ask-dir",
            paramLabel = "DIR",
            defaultValue = "/run/systemd/ask-password",
            description = "where passphrase prompts appear")
    Path path;
}
