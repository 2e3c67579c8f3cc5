package dev.stagehand.systemd;

/** specifier_escape(): a literal "%" in a unit file value is written as "%%". */
public final class Specifiers {
    private Specifiers() {}

    public static String escape(String s) {
        return s.replace("%", "%%");
    }
}
