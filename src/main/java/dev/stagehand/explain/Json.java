package dev.stagehand.explain;

import dev.stagehand.systemd.Strings;
import java.util.List;
import java.util.Map;

/** A small JSON writer: maps, lists, strings, numbers, booleans and null (explain and check). */
public final class Json {
    private Json() {}

    public static String write(Object o) {
        StringBuilder b = new StringBuilder();
        write(b, o, "");
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object o, String indent) {
        switch (o) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Number n -> b.append(n);
            case Boolean x -> b.append(x);
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    b.append("{}");
                    return;
                }
                b.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(indent).append("  ");
                    string(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    write(b, e.getValue(), indent + "  ");
                    b.append(++i < m.size() ? ",\n" : "\n");
                }
                b.append(indent).append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    b.append("[]");
                    return;
                }
                b.append("[\n");
                for (int i = 0; i < l.size(); i++) {
                    b.append(indent).append("  ");
                    write(b, l.get(i), indent + "  ");
                    b.append(i + 1 < l.size() ? ",\n" : "\n");
                }
                b.append(indent).append(']');
            }
            default -> string(b, o.toString());
        }
    }

    /** Byte strings (one char per byte) are shown as Latin-1 would decode them; controls escaped. */
    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) b.append("\\u00").append(Strings.hex2(c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
