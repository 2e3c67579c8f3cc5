package dev.stagehand.graph;

import dev.stagehand.input.MdadmConf;
import dev.stagehand.log.Origin;
import java.util.List;

/**
 * An md RAID array the initrd assembles (named by rd.md.uuid= or an ARRAY line of
 * mdadm.conf), with its degraded policy: what to do when members are still missing after
 * {@code timeoutMicros} (not counting passphrase prompts).
 *
 * @param uuid   32 lower-case hex digits
 * @param name   the array's name= (or its /dev/md/NAME), for messages; may be null
 * @param device the device its ARRAY line names (/dev/md/data, /dev/md0), which [MD:DEVICE]
 *               may name too, as NixOS's md.arrays."/dev/md/data" does; may be null
 * @param source where the policy came from, e.g. "[MD:root] Degraded=" or "default"
 * @param assemble stagehand hands the members to mdadm --incremental itself: the array is
 *                 named only by mdadm.conf, and dracut's udev rules assemble no array without
 *                 rd.md.uuid= or rd.auto
 * @param members  the member devices its ARRAY line names (devices=, without wildcards), for the
 *                 graph's order (RAID on LUKS); usually empty: md finds members by their superblock
 */
public record MdArray(
        Origin origin,
        String uuid,
        String name,
        String device,
        Degraded policy,
        long timeoutMicros,
        String source,
        boolean assemble,
        List<String> members)
        implements StorageNode {
    public MdArray {
        members = List.copyOf(members);
    }

    /** What to do with an array that is still missing members when its timeout runs out. */
    public enum Degraded {
        /** start it degraded */
        AUTO,
        /** ask on the console whether to start it degraded */
        ASK,
        /** never start it degraded: the root wait fails and names it */
        NEVER
    }

    /** The array as people know it: /dev/md/NAME or its UUID in mdadm's form. */
    public String label() {
        return name != null ? "md/" + name : MdadmConf.mdUuid(uuid);
    }

    /** The link udev makes once the array runs (63-md-raid-arrays.rules). */
    public String readyLink() {
        return "/dev/disk/by-id/md-uuid-" + MdadmConf.mdUuid(uuid);
    }
}
