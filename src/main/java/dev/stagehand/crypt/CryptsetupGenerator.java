package dev.stagehand.crypt;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.input.CrypttabFile;
import dev.stagehand.input.Environment;
import dev.stagehand.input.InputFile;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.systemd.Paths;
import java.io.IOException;
import java.util.List;

/**
 * The crypttab/rd.luks part of the generator, equal to systemd-cryptsetup-generator 257:
 * crypttab entries (limited to the volumes the command line names, if it names any), then
 * the volumes named only on the command line.
 */
public final class CryptsetupGenerator {
    private final Environment env;
    private final Log log;

    public CryptsetupGenerator(Environment env, Log log) {
        this.env = env;
        this.log = log;
    }

    public void read(KernelCommandLine cmdline, StorageGraph graph) {
        CryptCommandLine c = CryptCommandLine.parse(cmdline, log);
        if (!c.enabled) return;
        if (c.readCrypttab) readCrypttab(c, graph);
        for (CryptCommandLine.Volume v : c.toCreate()) {
            String name = v.name != null ? v.name : "luks-" + v.uuid;
            graph.add(new CryptVolume(
                    v.origin,
                    "/proc/cmdline",
                    name,
                    v.dataDev != null ? v.dataDev : "UUID=" + v.uuid,
                    v.keyFile != null ? v.keyFile : c.defaultKeyFile,
                    v.keyDev,
                    v.headerDev,
                    v.options != null ? v.options : c.defaultOptions,
                    v.coveredBy));
        }
    }

    /** add_crypttab_devices() / add_crypttab_device(). */
    private void readCrypttab(CryptCommandLine c, StorageGraph graph) {
        InputFile file = env.input("SYSTEMD_CRYPTTAB", "/etc/crypttab");
        String text;
        try {
            text = file.read();
        } catch (IOException e) {
            log.error(Origin.file(file.shownAs()), "cannot read: " + e.getMessage());
            return;
        }
        if (text == null) return;
        String source = UnitValues.sanitize(file.shownAs());
        for (CrypttabFile.Entry e : CrypttabFile.parse(text, file.shownAs(), log)) {
            String uuid = null;
            if (e.device().startsWith("UUID=")) uuid = e.device().substring(5);
            else if (Paths.startsWith(e.device(), "/dev/disk/by-uuid/") != null) {
                uuid = Paths.startsWith(e.device(), "/dev/disk/by-uuid/");
            } else if (e.name().startsWith("luks-")) uuid = e.name().substring(5);
            CryptCommandLine.Volume d = uuid == null ? null : c.volumes.get(uuid);
            if (c.allowList && d == null) {
                log.info(
                        e.origin(),
                        "not creating device " + e.name() + ": the kernel command line names other volumes only");
                continue;
            }
            LocationSpec key = LocationSpec.parse(e.keySpec());
            String options = e.options(), headerDev = null;
            if (options != null && (d == null || d.options == null)) {
                HeaderSplit h = HeaderSplit.of(options);
                options = h.options();
                headerDev = h.headerDev();
            }
            boolean cmdlineOptions = d != null && d.options != null;
            graph.add(new CryptVolume(
                    e.origin(),
                    source,
                    e.name(),
                    e.device(),
                    key.file(),
                    key.device(),
                    cmdlineOptions ? d.headerDev : headerDev,
                    cmdlineOptions ? d.options : options,
                    List.of()));
            if (d != null && d.create) d.coveredBy.add(e.origin()); // the line stands for it, if it can be planned
        }
    }
}
