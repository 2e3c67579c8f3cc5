package dev.stagehand.cli;

import dev.stagehand.runtime.retry.Retry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs systemctl (or the program a test names) with the console as its own, for `stagehand
 * retry` and for the hook runner when a hook moves the root. A class rather than a method
 * reference: a non-capturing one would be a constant that native-image puts into the image
 * heap, which the run-time-initialized Retry.Systemctl interface does not allow.
 */
final class SystemctlProgram implements Retry.Systemctl {
    private final String program;

    SystemctlProgram(String program) {
        this.program = program;
    }

    @Override
    public int run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(program);
        cmd.addAll(args);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
