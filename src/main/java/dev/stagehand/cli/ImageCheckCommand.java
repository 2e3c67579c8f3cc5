package dev.stagehand.cli;

import dev.stagehand.runtime.image.ImageCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** stagehand image-check: run by stagehand-image.service, which the generator writes for root=image:. */
@Command(
        name = "image-check",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Check the root image before it is mounted (there, erofs or squashfs, the type asked for, not cut short, "
                    + "with --roothash: its hash tree stands for that root hash), "
                    + "and make the overlay's upper and work folders.",
            "Exits 1 with one message when the image cannot be the root: the boot then goes to emergency mode."
        })
public final class ImageCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "PATH", required = true, description = "the image file")
    Path image;

    @Option(names = "--type", paramLabel = "TYPE", description = "erofs or squashfs (rootfstype=); default: either")
    String type;

    @Option(
            names = "--overlay",
            paramLabel = "DIR",
            description = "the upper layer's mount, which gets upper/ and work/")
    Path overlay;

    @Option(
            names = "--hash-file",
            paramLabel = "PATH",
            description = "the image's dm-verity hash tree (with --roothash)")
    Path hashFile;

    @Option(names = "--roothash", paramLabel = "HEX", description = "roothash=: the hash tree must stand for it")
    String rootHash;

    @Override
    public Integer call() {
        if (type != null && !type.equals("erofs") && !type.equals("squashfs")) {
            throw new ParameterException(
                    spec.commandLine(), "--type: expected erofs or squashfs, got \"" + type + "\"");
        }
        if ((hashFile == null) != (rootHash == null)) {
            throw new ParameterException(spec.commandLine(), "--hash-file and --roothash go together");
        }
        int rc = new ImageCheck(System.out).run(image, type, overlay, hashFile, rootHash);
        System.out.flush();
        return rc;
    }
}
