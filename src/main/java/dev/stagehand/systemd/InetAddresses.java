package dev.stagehand.systemd;

import java.util.List;

/** inet_pton() for the address forms of a network root (root=10.0.0.1:/path, root=[fd00::1]:/path). */
public final class InetAddresses {
    private InetAddresses() {}

    /** AF_INET: exactly four decimal parts 0-255, no leading zeros. */
    public static boolean isIpv4(String s) {
        List<String> parts = Strings.split(s, '.');
        if (parts.size() != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) return false;
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') return false;
            }
            if (p.length() > 1 && p.charAt(0) == '0') return false;
            if (Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    /** AF_INET6: up to eight groups of 1-4 hex digits, one "::", an IPv4 tail allowed. */
    public static boolean isIpv6(String s) {
        if (s.isEmpty()) return false;
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) return false;
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int groups = 0;
        for (String half : new String[] {head, tail}) {
            if (half.isEmpty()) continue;
            List<String> parts = Strings.split(half, ':');
            for (int i = 0; i < parts.size(); i++) {
                String p = parts.get(i);
                boolean last = i == parts.size() - 1 && (half == tail || dc < 0);
                if (last && p.indexOf('.') >= 0) {
                    if (!isIpv4(p)) return false;
                    groups += 2;
                    continue;
                }
                if (p.isEmpty() || p.length() > 4 || !Strings.isWord(p, "")) return false;
                for (int k = 0; k < p.length(); k++) {
                    if (Character.digit(p.charAt(k), 16) < 0) return false;
                }
                groups++;
            }
        }
        return dc >= 0 ? groups <= 7 : groups == 8;
    }
}
