# Configurations NixOS must refuse: each case's `value` must fail to evaluate, and Nix's error
# must contain `message`. ../check.sh evaluates each on its own:
#   nix-instantiate --eval --strict --arg lib ... tests/module-failures.nix -A <case>.value
# The errors come from the real module system (type checks, conflicting definitions, unknown
# options), from NixOS' assertion check, or from lib.nix's refusals of hostile values.
{ lib }:
let
  e = import ./eval.nix { inherit lib; };
  inherit (e) on;
  refused = modules: message: {
    value = let c = e.configOf modules; in e.checked c (builtins.deepSeq (e.everything c) true);
    inherit message;
  };
  notOfType = option: "A definition for option `${option}' is not of type";
  sh = "boot.initrd.stagehand";
in
{
  # option types
  budgetFloat = refused [ (on { rootWait.budget = 1.5; }) ] (notOfType "${sh}.rootWait.budget");
  budgetBool = refused [ (on { rootWait.budget = true; }) ] (notOfType "${sh}.rootWait.budget");
  budgetNegative = refused [ (on { rootWait.budget = -5; }) ] (notOfType "${sh}.rootWait.budget");
  mdPolicyUnknown = refused [ (on { md.degraded = "maybe"; }) ] (notOfType "${sh}.md.degraded");
  lvmPolicyAsk = refused [ (on { lvm.degraded = "ask"; }) ] (notOfType "${sh}.lvm.degraded");
  arrayTimeoutList = refused [ (on { md.arrays.root.timeout = [ "30s" ]; }) ] (notOfType "${sh}.md.arrays.root.timeout");
  vgUnknownSetting = refused [ (on { lvm.volumeGroups.vg0.retries = 3; }) ] "The option `${sh}.lvm.volumeGroups.vg0.retries' does not exist";
  hooksNotList = refused [ (on { hooks.optional = "nixos/postDeviceCommands"; }) ] (notOfType "${sh}.hooks.optional");
  compatNotLines = refused [ (on { compat.postDeviceCommands = 1; }) ] (notOfType "${sh}.compat.postDeviceCommands");
  compatUnknown = refused [ (on { compat.postBootCommands = "true"; }) ] "The option `${sh}.compat.postBootCommands' does not exist";
  enableString = refused [ (on { enable = "yes"; }) ] (notOfType "${sh}.enable");
  packageString = refused [ (on { package = "stagehand"; }) ] (notOfType "${sh}.package");

  # conflicting definitions in two modules
  budgetConflict = refused [ (on { rootWait.budget = "1min"; }) { boot.initrd.stagehand.rootWait.budget = "2min"; } ]
    "The option `${sh}.rootWait.budget' has conflicting definition values";
  mdPolicyConflict = refused [ (on { md.arrays.root.degraded = "auto"; }) { boot.initrd.stagehand.md.arrays.root.degraded = "never"; } ]
    "The option `${sh}.md.arrays.root.degraded' has conflicting definition values";
  packageTwice = refused [ (on { }) { boot.initrd.stagehand.package = e.fake.drv "stagehand-other" { }; } ]
    "The option `${sh}.package' is defined multiple times";
  umountConflict = refused [ (on { }) { boot.initrd.systemd.contents."/usr/bin/umount".source = "/nix/store/00000000000000000000000000000000-busybox/bin/umount"; } ]
    "The option `boot.initrd.systemd.contents.\"/usr/bin/umount\".source' has conflicting definition values";
  generatorConflict = refused [ (on { }) { boot.initrd.systemd.contents."/etc/systemd/system-generators/stagehand-generator".source = "/dev/null"; } ]
    "has conflicting definition values";

  # hostile values: the option types refuse them where they are defined, and the error names
  # the file of the definition
  budgetNewline = refused [ (on { rootWait.budget = "90s\n[Evil]"; }) ] (notOfType "${sh}.rootWait.budget");
  budgetWord = refused [ (on { md.arrays.root.timeout = "soon"; }) ] (notOfType "${sh}.md.arrays.root.timeout");
  budgetTrailingBlank = refused [ (on { lvm.timeout = "90 "; }) ] (notOfType "${sh}.lvm.timeout");
  hookNameNewline = refused [ (on { hooks.optional = [ "nixos/x\n[RootWait]" ]; }) ]
    (notOfType "${sh}.hooks.optional.\"[definition 1-entry 1]\"");
  hookBlankInFile = refused [ (on { hooks.optional = [ "nixos/postDeviceCommands" ]; }) { _file = "/etc/nixos/hardware.nix"; boot.initrd.stagehand.hooks.optional = [ "local-top/a local-top/b" ]; } ]
    "- In `/etc/nixos/hardware.nix': \"local-top/a local-top/b\"";
  # what a type cannot see, lib.nix refuses when it writes the file: attribute names, . and ..
  # parts, a timeout that is infinite or 0
  arrayNameBracket = refused [ (on { md.arrays."root]\n[RootWait".degraded = "ask"; }) ]
    ''stagehand: boot.initrd.stagehand.md.arrays has an entry named "root]\n[RootWait", which contains a newline'';
  vgNameQuote = refused [ (on { lvm.volumeGroups."vg\"0".timeout = "30s"; }) ]
    ''stagehand: boot.initrd.stagehand.lvm.volumeGroups has an entry named "vg\"0", which is not an LVM volume group name'';
  vgNameDollar = refused [ (on { lvm.volumeGroups."$vg".timeout = "30s"; }) ]
    ''entry named "$vg", which is not an LVM volume group name'';
  hookDotDot = refused [ (on { hooks.optional = [ "nixos/../x" ]; }) ]
    ''stagehand: boot.initrd.stagehand.hooks.optional[0] = "nixos/../x" has a . or .. part'';
  mdTimeoutInfinity = refused [ (on { md.timeout = "infinity"; }) ]
    ''stagehand: boot.initrd.stagehand.md.timeout = "infinity" is not a finite time span'';
  lvmTimeoutZero = refused [ (on { lvm.volumeGroups.vg0.timeout = 0; }) ]
    ''stagehand: boot.initrd.stagehand.lvm.volumeGroups."vg0".timeout = 0 is 0'';

  # assertions that must fire, through NixOS' check (the build stops with all failed ones)
  withoutSystemdStage1 = refused [ (on { }) { boot.initrd.systemd.enable = lib.mkForce false; } ]
    "boot.initrd.stagehand.enable needs systemd in stage 1";
  legacyCommands = refused [ (on { }) { boot.initrd.postDeviceCommands = "zpool import -a"; } ]
    "boot.initrd.postDeviceCommands is set: with stagehand, move these commands to";
}
