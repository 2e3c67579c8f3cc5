package dev.stagehand.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * GNU coreutils' tsort, step by step (Knuth's Algorithm T as coreutils implements it), because
 * initramfs-tools orders a script folder with {@code get_prereq_pairs | tsort} and the order
 * of ties and the way a loop is broken are tsort's, not any topological order's:
 * <ul>
 * <li>items are kept in a search tree by strcmp(); every scan for items without
 *     predecessors walks it in order, so ties come out sorted by byte value;</li>
 * <li>the successors of an item are a list with the newest relation first, and an item whose
 *     last predecessor was just printed joins the end of the queue in that list's order;</li>
 * <li>when the queue runs dry with items left, the input has a loop: tsort walks the tree
 *     to find one (detect_loop), prints it and removes one relation, then goes on. Every
 *     item is printed exactly once.</li>
 * </ul>
 * The names initramfs-tools feeds it are script names ([A-Za-z0-9._-]), for which Java's
 * String order is strcmp()'s; other text is compared the same way, char by char.
 */
public final class Tsort {
    /** The output order, and each loop found (in the order tsort reports its items). */
    public record Result(List<String> order, List<List<String>> loops) {}

    private static final class Item {
        final String str;
        boolean printed;
        int count;
        Item qlink;
        Successor top;

        Item(String str) {
            this.str = str;
        }
    }

    private static final class Successor {
        final Item suc;
        Successor next;

        Successor(Item suc, Successor next) {
            this.suc = suc;
            this.next = next;
        }
    }

    private final TreeMap<String, Item> tree = new TreeMap<>();
    private Item head, zeros, loop;
    private List<String> currentLoop;

    private Tsort() {}

    /** Sorts the relations "a precedes b" given as pairs {a, b} (a pair {x, x} only adds x). */
    public static Result sort(List<String[]> pairs) {
        return new Tsort().run(pairs);
    }

    private Item item(String s) {
        return tree.computeIfAbsent(s, Item::new);
    }

    private Result run(List<String[]> pairs) {
        for (String[] p : pairs) {
            Item j = item(p[0]);
            Item k = item(p[1]);
            if (!j.str.equals(k.str)) { // record_relation
                k.count++;
                j.top = new Successor(k, j.top);
            }
        }
        List<String> out = new ArrayList<>();
        List<List<String>> loops = new ArrayList<>();
        int n = tree.size();
        while (n > 0) {
            for (Item k : tree.values()) { // T4: scan for zeros
                if (k.count == 0 && !k.printed) {
                    if (head == null) head = k;
                    else zeros.qlink = k;
                    zeros = k;
                }
            }
            while (head != null) {
                out.add(head.str); // T5
                head.printed = true;
                n--;
                for (Successor p = head.top; p != null; p = p.next) { // T6
                    p.suc.count--;
                    if (p.suc.count == 0) {
                        zeros.qlink = p.suc;
                        zeros = p.suc;
                    }
                }
                head = head.qlink; // T7
            }
            if (n > 0) { // T8: a loop; print it and remove one relation
                currentLoop = new ArrayList<>();
                int walks = 0;
                do {
                    // each walk lengthens the path by at least one item until it meets itself
                    if (++walks > tree.size() + 2) throw new IllegalStateException("tsort: no loop found");
                    for (Item k : tree.values()) {
                        if (detectLoop(k)) break;
                    }
                } while (loop != null);
                loops.add(List.copyOf(currentLoop));
            }
        }
        return new Result(List.copyOf(out), List.copyOf(loops));
    }

    /** coreutils' detect_loop(), one tree node at a time; true stops the walk. */
    private boolean detectLoop(Item k) {
        if (k.count <= 0) return false;
        if (loop == null) {
            loop = k;
            return false;
        }
        Successor prev = null;
        for (Successor p = k.top; p != null; prev = p, p = p.next) {
            if (p.suc != loop) continue;
            if (k.qlink != null) {
                while (loop != null) {
                    Item tmp = loop.qlink;
                    currentLoop.add(loop.str);
                    if (loop == k) {
                        p.suc.count--;
                        if (prev == null) k.top = p.next;
                        else prev.next = p.next;
                        break;
                    }
                    loop.qlink = null;
                    loop = tmp;
                }
                while (loop != null) {
                    Item tmp = loop.qlink;
                    loop.qlink = null;
                    loop = tmp;
                }
                return true;
            }
            k.qlink = loop;
            loop = k;
            break;
        }
        return false;
    }
}
