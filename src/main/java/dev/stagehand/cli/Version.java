package dev.stagehand.cli;

import picocli.CommandLine;

/** The version (kept equal to pom.xml's by a test). */
public final class Version implements CommandLine.IVersionProvider {
    public static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"stagehand " + VERSION};
    }
}
