package dev.stagehand.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The names %hostname and %fqdn stand for, as the initrd knows them once the network is up:
 * the kernel's host name (DHCP's host name, set by dracut's network scripts or
 * systemd-networkd), and for the domain the kernel's NIS domain name, else the first
 * "domain" or "search" of /etc/resolv.conf (what DHCP gave). Unset is null: "(none)" (the
 * kernel's default), "localhost" (systemd's fallback) and an empty name name no machine.
 */
record HostNames(String hostname, String fqdn) {
    static HostNames read(Path proc, Path resolvConf) {
        String host = clean(firstLine(proc.resolve("sys/kernel/hostname")));
        if (host == null) return new HostNames(null, null);
        if (host.contains(".")) return new HostNames(host.substring(0, host.indexOf('.')), host);
        String domain = clean(firstLine(proc.resolve("sys/kernel/domainname")));
        if (domain == null) domain = resolvDomain(resolvConf);
        return new HostNames(host, domain == null ? null : host + "." + domain);
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
                if (w.length >= 2 && (w[0].equals("domain") || w[0].equals("search"))) return clean(w[1].replaceAll("\\.$", ""));
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
