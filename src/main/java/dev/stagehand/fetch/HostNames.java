package dev.stagehand.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The names %hostname and %fqdn stand for, as the initrd knows them once the network is up:
 * the kernel's host name (dracut's legacy network scripts set it from DHCP), else the
 * HOSTNAME= of a DHCP lease systemd-networkd saved (networkd hands the name to hostnamed,
 * which an initrd seldom has, so the kernel's name stays unset); for the domain the kernel's
 * NIS domain name, else a lease's DOMAINNAME=, else the first "domain" or "search" of
 * /etc/resolv.conf (what DHCP gave). Unset is null: "(none)" (the kernel's default),
 * "localhost" (systemd's fallback) and an empty name name no machine.
 */
record HostNames(String hostname, String fqdn) {
    /** Where systemd-networkd keeps its DHCP leases, one file per interface index. */
    static final Path NETWORKD_LEASES = Path.of("/run/systemd/netif/leases");

    static HostNames read(Path proc, Path resolvConf, Path leases) {
        Map<String, String> lease = lease(leases);
        String host = clean(firstLine(proc.resolve("sys/kernel/hostname")));
        if (host == null) host = clean(lease.get("HOSTNAME"));
        if (host == null) return new HostNames(null, null);
        if (host.contains(".")) return new HostNames(host.substring(0, host.indexOf('.')), host);
        String domain = clean(firstLine(proc.resolve("sys/kernel/domainname")));
        if (domain == null) domain = clean(lease.get("DOMAINNAME"));
        if (domain == null) domain = resolvDomain(resolvConf);
        return new HostNames(host, domain == null ? null : host + "." + domain);
    }

    /** The KEY=VALUE lines of the first lease file (by name) that names a host, else of none. */
    private static Map<String, String> lease(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        } catch (IOException e) {
            return Map.of();
        }
        for (Path f : files) {
            Map<String, String> m = new HashMap<>();
            try {
                for (String line : Files.readAllLines(f)) {
                    int eq = line.indexOf('=');
                    if (eq > 0)
                        m.put(
                                line.substring(0, eq).strip(),
                                line.substring(eq + 1).strip());
                }
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (m.containsKey("HOSTNAME")) return m;
        }
        return Map.of();
    }

    private static String clean(String name) {
        if (name == null) return null;
        name = name.strip();
        if (name.isEmpty() || name.equals("(none)") || name.equals("localhost")) return null;
        return name;
    }

    private static String resolvDomain(Path resolvConf) {
        try {
            for (String line : Files.readAllLines(resolvConf)) {
                String[] w = line.strip().split("\\s+");
                if (w.length >= 2 && (w[0].equals("domain") || w[0].equals("search")))
                    return clean(w[1].replaceAll("\\.$", ""));
            }
        } catch (IOException | RuntimeException e) {
            // no resolv.conf: no domain
        }
        return null;
    }

    private static String firstLine(Path p) {
        try {
            String s = Files.readString(p);
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        } catch (IOException e) {
            return null;
        }
    }
}
