package dev.stagehand.input;

import dev.stagehand.systemd.Paths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * systemd's chase() with CHASE_PREFIX_ROOT|CHASE_NONEXISTENT, as fstab-generator uses it to
 * canonicalize mount points: symlinks are followed inside {@code chaseRoot} ("/" or
 * "/sysroot"), ".." never leaves it, and the first missing component ends the walk with the
 * rest appended unchanged. Returns null where systemd's chase() fails.
 */
public final class Chase {
    private static final int CHASE_MAX = 32;

    private Chase() {}

    public static String chase(Root fs, String path, String chaseRoot) {
        boolean inRoot = !Paths.emptyOrRoot(chaseRoot);
        Path rootDir = fs.host(inRoot ? chaseRoot : "/");
        if (rootDir == null || !Files.isDirectory(rootDir)) return null;
        // With a root the walk is relative to it and prefixed at the end; without one it is absolute.
        String done = inRoot ? null : "/";
        Path cur = rootDir;
        String todo = path;
        int maxFollow = CHASE_MAX;
        try {
            for (; ; ) {
                Component c = Component.first(todo);
                if (c == null) return null; // over-long component: EINVAL
                if (c.name == null) break;
                todo = c.rest;
                if (c.name.equals("..")) {
                    if (!Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) return null; // ENOTDIR
                    if (cur.equals(rootDir)) continue; // ".." at the root stays there
                    done = parentOf(done);
                    cur = cur.getParent();
                    continue;
                }
                if (!Root.isPlainAscii(c.name)) return null;
                Path child = cur.resolve(c.name);
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    if (!Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) return null; // ENOTDIR, not ENOENT
                    if (!todo.isEmpty() && !Paths.isSafe(todo)) return null;
                    done = Paths.join(done == null ? "" : done, c.name, todo);
                    break;
                }
                if (attrs.isSymbolicLink()) {
                    if (--maxFollow <= 0) return null; // ELOOP
                    String dest = Files.readSymbolicLink(child).toString();
                    if (dest.isEmpty()) return null;
                    if (Paths.isAbsolute(dest)) {
                        cur = rootDir;
                        done = inRoot ? null : "/";
                    }
                    todo = Paths.join(dest, todo);
                    continue;
                }
                // a regular file may be passed through; the next component then fails with ENOTDIR
                done = Paths.join(done == null ? "" : done, c.name);
                cur = child;
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        if (!inRoot) return done;
        String p = done == null ? "." : done;
        return Paths.join(chaseRoot, p.equals(".") || p.equals("./") ? p.substring(1) : p);
    }

    private static String parentOf(String done) {
        if (done == null) return null;
        int slash = done.lastIndexOf('/');
        if (slash < 0) return null; // a single relative component: nothing left
        if (slash == 0) return "/";
        return done.substring(0, slash);
    }

    /** path_find_first_component() with ".." accepted; name null at the end. */
    private record Component(String name, String rest) {
        static Component first(String s) {
            int i = skip(s, 0);
            if (i >= s.length() || (i == s.length() - 1 && s.charAt(i) == '.')) return new Component(null, "");
            int end = s.indexOf('/', i);
            if (end < 0) end = s.length();
            if (end - i > Paths.NAME_MAX) return null;
            int next = skip(s, end);
            if (next == s.length() - 1 && s.charAt(next) == '.') next++;
            return new Component(s.substring(i, end), s.substring(next));
        }

        private static int skip(String s, int i) {
            while (i < s.length()) {
                if (s.charAt(i) == '/') i++;
                else if (s.charAt(i) == '.' && i + 1 < s.length() && s.charAt(i + 1) == '/') i++;
                else break;
            }
            return i;
        }
    }
}
