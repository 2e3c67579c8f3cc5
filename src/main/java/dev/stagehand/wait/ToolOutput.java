package dev.stagehand.wait;

/**
 * What a tool run at boot (mdadm, lvm, udevadm, systemctl, systemd-ask-password) left: its
 * exit status and its standard output. The policies take their tools through small interfaces
 * that return this, so that tests answer in place of the tools.
 */
public record ToolOutput(int status, String out) {}
