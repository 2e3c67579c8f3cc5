# The translation logic of the stagehand NixOS module, as pure functions that need nothing but
# Nix's builtins (no nixpkgs, no store), so that it can be evaluated and tested on a machine
# without nixpkgs: tests/lib-test.nix and tests/refusals.nix, run by ../check.sh.
#
#   renderConfig  boot.initrd.stagehand.{rootWait,md,lvm,hooks}  -> text of /etc/stagehand/stagehand.conf
#   hookFiles     boot.initrd.stagehand.compat.*                 -> /etc/stagehand/hooks/nixos/<name> scripts
#   initrdLinks   store paths                                    -> initrd path -> link target
#
# Every value that goes into stagehand.conf is checked first. A value that would leave its line
# (newline, carriage return, any other control character), a section name with "[" or "]", a
# value that is not what its key takes: evaluation stops with a `throw` that names the option
# and shows the value (JSON-quoted, so a newline shows as \n). Nothing hostile is written.
let
  inherit (builtins)
    attrNames concatStringsSep elem filter foldl' fromJSON genList head isInt isString length
    listToAttrs match replaceStrings stringLength substring toJSON typeOf;

  contains = needle: s: replaceStrings [ needle ] [ "" ] s != s;

  hex = i: substring (i / 16) 1 "0123456789abcdef" + substring (i - (i / 16) * 16) 1 "0123456789abcdef";
  # U+0001..U+001F and U+007F (a Nix string cannot hold NUL)
  controlChars = map (i: fromJSON "\"\\u00${hex i}\"") (genList (i: i + 1) 31 ++ [ 127 ]);
  hasControlChar = s: replaceStrings controlChars (map (_: "") controlChars) s != s;

  confPath = "/etc/stagehand/stagehand.conf";

  refuse = where: value: why:
    throw "stagehand: ${where} = ${toJSON value} ${why}; refusing to write it into ${confPath}";

  # A string that must stay on its one line of the ini file.
  oneLine = where: v:
    if !isString v then refuse where v "is of type ${typeOf v}, expected a string"
    else if contains "\n" v then refuse where v "contains a newline (it would end the line and start a new setting)"
    else if contains "\r" v then refuse where v "contains a carriage return"
    else if hasControlChar v then refuse where v "contains a control character"
    else v;

  # systemd time spans (systemd.time(7)) as parse_sec() takes them, ASCII units only.
  timeUnit = "(usec|us|msec|ms|seconds|second|sec|s|minutes|minute|min|m|hours|hour|hr|h|days|day|d|weeks|week|w|months|month|M|years|year|y)";
  # (no blank after a number without its unit: a time span never ends with a blank)
  timeComponent = "[0-9]+(\\.[0-9]+)?( *${timeUnit})?";
  timeSpanRegex = "${timeComponent}( *${timeComponent})*";

  # A time span: a string such as "90s", "2min", "1min 30s", "infinity", or a number of seconds.
  timeSpan = where: v:
    if v == null then null
    else if isInt v then
      (if v < 0 then refuse where v "is negative, expected a number of seconds >= 0" else "${toString v}s")
    else if !isString v then refuse where v "is of type ${typeOf v}, expected a time span such as \"90s\" or a number of seconds"
    else
      let s = oneLine where v; in
      if s == "" then refuse where v "is empty, expected a time span such as \"90s\" (or null to leave it unset)"
      else if match "[ ].*|.*[ ]" s != null then refuse where v "has leading or trailing blanks"
      else if s == "infinity" || match timeSpanRegex s != null then s
      else refuse where v "is not a systemd time span (expected e.g. \"30s\", \"2min\", \"1min 30s\", \"infinity\")";

  # The timeout of a degraded policy (md, LVM): a time span above 0 and finite, as stagehand
  # reads Timeout= in [MD]/[LVM] (it ignores 0 and "infinity" with a warning); waiting without
  # a limit is the policy "never".
  degradedTimeout = where: v:
    let s = timeSpan where v; in
    if s == null then null
    else if s == "infinity" then refuse where v "is not a finite time span: to wait without a limit, set the policy (degraded) to \"never\""
    else if match "(0+(\\.0*)? *[a-z]*)( +0+(\\.0*)? *[a-z]*)*" s != null then refuse where v "is 0, expected a time span above 0 such as \"30s\""
    else s;

  oneOf = allowed: where: v:
    if v == null then null
    else if isString v && elem v allowed then v
    else refuse where v "is not one of ${concatStringsSep ", " allowed}";

  mdPolicies = [ "auto" "ask" "never" ];
  lvmPolicies = [ "auto" "never" ];

  # The <name> of a [KIND:<name>] section header; `where` is the attribute set it is a name in.
  refuseName = where: name: why:
    throw "stagehand: ${where} has an entry named ${toJSON name}, which ${why}; refusing to write it into ${confPath}";

  sectionName = kind: where: name:
    if contains "\n" name then refuseName where name "contains a newline (it would end the [${kind}:...] section header)"
    else if contains "\r" name then refuseName where name "contains a carriage return"
    else if hasControlChar name then refuseName where name "contains a control character"
    else if name == "" then refuseName where name "is empty"
    else if contains "]" name || contains "[" name then
      refuseName where name "contains \"[\" or \"]\" (it would end the [${kind}:...] section header early)"
    else name;

  # md arrays: mdadm.conf's name=, the ARRAY line's device (/dev/md/NAME) or NAME, or a UUID (: or - separators).
  mdArrayName = where: name:
    let v = sectionName "MD" where name; in
    if match "[A-Za-z0-9_.:@+/-]+" v == null then
      refuseName where name "is not an md array name or UUID (letters, digits and _ . : @ + / - only)"
    else v;

  # LVM volume group names, by lvm(8): a-z A-Z 0-9 + _ . -, not starting with -, not . or ..
  lvmVgName = where: name:
    let v = sectionName "LVM" where name; in
    if match "[A-Za-z0-9+_.-]+" v == null then
      refuseName where name "is not an LVM volume group name (letters, digits and + _ . - only, see lvm(8))"
    else if match "-.*" v != null then refuseName where name "starts with \"-\", which LVM does not allow"
    else if v == "." || v == ".." then refuseName where name "is not a volume group name LVM allows"
    else if stringLength v > 127 then refuseName where name "is longer than 127 characters (LVM's limit)"
    else v;

  # Hook names for [Hooks] Optional=: FOLDER/NAME (local-top/foo, nixos/postDeviceCommands).
  hookNameRegex = "[A-Za-z0-9_.@+-]+(/[A-Za-z0-9_.@+-]+)*";
  hookName = where: v:
    let s = oneLine where v; in
    if s == "" then refuse where v "is empty"
    else if match ".*[ \t].*" s != null then refuse where v "contains a blank (Optional= is a space-separated list of hook names)"
    else if match hookNameRegex s == null then
      refuse where v "is not a hook name such as local-top/foo or nixos/postDeviceCommands (letters, digits, _ . @ + - and / between parts)"
    else if elem "." (splitSlash s) || elem ".." (splitSlash s) then refuse where v "has a . or .. part"
    else s;

  splitSlash = s: filter isString (builtins.split "/" s);

  unique = foldl' (acc: x: if elem x acc then acc else acc ++ [ x ]) [ ];

  # One [Header] section from [ { key; value; } ] (value null: not written); null if nothing is set.
  section = header: settings:
    let set = filter (s: s.value != null) settings; in
    if set == [ ] then null
    else "[${header}]\n" + concatStringsSep "" (map (s: "${s.key}=${s.value}\n") set);

  attr = name: set: set.${name} or null;

in
rec {
  inherit timeSpan degradedTimeout mdArrayName lvmVgName hookName;

  # The same forms as regular expressions (builtins.match: the whole string), for the option
  # types of default.nix, which refuse a bad value already where it is defined
  timeSpanPattern = "infinity|${timeSpanRegex}";
  hookNamePattern = hookNameRegex;

  # The generators stagehand replaces; each is masked in the initrd by a link to /dev/null in
  # /etc/systemd/system-generators (which shadows systemd's own generator directory).
  replacedGenerators = [ "systemd-fstab-generator" "systemd-cryptsetup-generator" ];

  # The legacy stage-1 commands of NixOS's scripted initrd that stagehand's hook runner takes over.
  compatCommands = [
    "preDeviceCommands"
    "preLVMCommands"
    "postDeviceCommands"
    "postResumeCommands"
    "postMountCommands"
    "preFailCommands"
  ];

  hookDir = "/etc/stagehand/hooks/nixos";

  # stagehand.conf from the options (the attribute set boot.initrd.stagehand, or any part of it:
  # missing attributes count as unset). Only set values are written; "" when nothing is set.
  #   { rootWait.budget; md = { degraded; timeout; arrays.<name> = { degraded; timeout; }; };
  #     lvm = { degraded; timeout; volumeGroups.<vg> = { degraded; timeout; }; };
  #     hooks.optional = [ ... ]; }
  renderConfig = cfg:
    let
      p = cfg.prefix or "boot.initrd.stagehand";
      rootWait = cfg.rootWait or { };
      md = cfg.md or { };
      lvm = cfg.lvm or { };
      hooks = cfg.hooks or { };
      arrays = md.arrays or { };
      vgs = lvm.volumeGroups or { };
      optional = hooks.optional or [ ];

      perName = kind: checkName: policies: optPath: set:
        map
          (name:
            let
              w = "${p}.${optPath}.${toJSON name}";
              v = set.${name};
            in
            section "${kind}:${checkName "${p}.${optPath}" name}" [
              { key = "Degraded"; value = oneOf policies "${w}.degraded" (attr "degraded" v); }
              { key = "Timeout"; value = degradedTimeout "${w}.timeout" (attr "timeout" v); }
            ])
          (attrNames set);

      optionalNames =
        if !(builtins.isList optional) then refuse "${p}.hooks.optional" optional "is not a list of hook names"
        else unique (genList (i: hookName "${p}.hooks.optional[${toString i}]" (builtins.elemAt optional i)) (length optional));

      sections =
        [
          (section "RootWait" [
            { key = "Budget"; value = timeSpan "${p}.rootWait.budget" (attr "budget" rootWait); }
          ])
          (section "MD" [
            { key = "Degraded"; value = oneOf mdPolicies "${p}.md.degraded" (attr "degraded" md); }
            { key = "Timeout"; value = degradedTimeout "${p}.md.timeout" (attr "timeout" md); }
          ])
        ]
        ++ perName "MD" mdArrayName mdPolicies "md.arrays" arrays
        ++ [
          (section "LVM" [
            { key = "Degraded"; value = oneOf lvmPolicies "${p}.lvm.degraded" (attr "degraded" lvm); }
            { key = "Timeout"; value = degradedTimeout "${p}.lvm.timeout" (attr "timeout" lvm); }
          ])
        ]
        ++ perName "LVM" lvmVgName lvmPolicies "lvm.volumeGroups" vgs
        ++ [
          (section "Hooks" [
            { key = "Optional"; value = if optionalNames == [ ] then null else concatStringsSep " " optionalNames; }
          ])
        ];
      written = filter (s: s != null) sections;
    in
    if written == [ ] then ""
    else "# ${confPath}: written by stagehand's NixOS module from ${p}.*\n\n"
      + concatStringsSep "\n" written;

  # Hook scripts for the compat commands: { "<hookDir>/<command>" = { name; text; }; } for each
  # command whose text is not blank. `shell` is the interpreter of the scripts (an absolute path).
  hookFiles = { shell, commands, prefix ? "boot.initrd.stagehand.compat" }:
    let
      checkedShell =
        if !isString shell || match "/[A-Za-z0-9_.+/-]+" shell == null then
          throw "stagehand: the hook interpreter ${toJSON shell} is not an absolute path without blanks"
        else shell;
      unknown = filter (n: !elem n compatCommands) (attrNames commands);
      blank = t: t == null || (isString t && match "[ \t\r\n]*" t != null);
      present = filter (n: !blank (commands.${n} or null)) compatCommands;
      script = n:
        let t = commands.${n}; in
        if !isString t then throw "stagehand: ${prefix}.${n} is of type ${typeOf t}, expected lines of shell commands"
        else "#!${checkedShell}\n"
          + "# ${prefix}.${n}: run by stagehand's hook runner as nixos/${n}\n"
          + t + (if substring (stringLength t - 1) 1 t == "\n" then "" else "\n");
    in
    if unknown != [ ] then
      throw "stagehand: ${prefix} has no command ${toJSON (head unknown)} (known: ${concatStringsSep ", " compatCommands})"
    else
      listToAttrs (map
        (n: {
          name = "${hookDir}/${n}";
          value = { name = "stagehand-hook-${n}"; text = script n; };
        })
        present);

  # Links to put into the initrd: { "<path in the initrd>" = "<what it points to>"; }.
  #   stagehand   the package (its bin/stagehand is the binary; the generator is the same binary)
  #   systemd     boot.initrd.systemd.package; utilLinux: its util-linux
  #   cryptsetup  true when the initrd unlocks LUKS devices (boot.initrd.luks.devices)
  # The /usr paths are where the units stagehand writes look for these programs (as on a
  # Debian/Fedora initrd); NixOS's own initrd has them only under /nix/store.
  initrdLinks = { stagehand, systemd, utilLinux, cryptsetup ? false }:
    let
      bin = "${stagehand}/bin/stagehand";
    in
    {
      "/etc/systemd/system-generators/stagehand-generator" = bin;
      "/usr/bin/stagehand" = bin;
      "/usr/lib/systemd/systemd-fsck" = "${systemd}/lib/systemd/systemd-fsck";
      "/usr/lib/systemd/systemd-makefs" = "${systemd}/lib/systemd/systemd-makefs";
      "/usr/bin/umount" = "${utilLinux}/bin/umount";
    }
    // listToAttrs (map (g: { name = "/etc/systemd/system-generators/${g}"; value = "/dev/null"; }) replacedGenerators)
    // (if cryptsetup then { "/usr/bin/systemd-cryptsetup" = "${systemd}/bin/systemd-cryptsetup"; } else { });
}
