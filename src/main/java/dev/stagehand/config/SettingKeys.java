package dev.stagehand.config;

import java.util.List;
import java.util.Map;

/**
 * The settings one reader takes, declared by that reader (its one home): its stagehand.conf
 * sections with their keys ("MD:*" stands for [MD:NAME]) and its kernel command line keys.
 * The generator reports settings no reader declares; check also looks at the command line.
 */
public record SettingKeys(Map<String, List<String>> sections, List<String> commandLine) {
    public SettingKeys {
        sections = Map.copyOf(sections);
        commandLine = List.copyOf(commandLine);
    }
}
