# Shared by module-eval.nix and module-failures.nix: ../default.nix evaluated by the real NixOS
# module system (lib.evalModules and lib.types of nixpkgs' lib, passed in by ../check.sh from
# ../shared/nixpkgs-lib), beside the nixpkgs options it reads and sets (nixos-options.nix) and
# a stand-in for pkgs (fake-pkgs.nix).
{ lib }:
rec {
  fake = import ./fake-pkgs.nix;
  pkgs = fake // { callPackage = fake.callPackageWith lib; };
  l = import ../lib.nix;

  # one NixOS configuration: its modules after the options and the module under test
  evalWith = modules: lib.evalModules {
    modules = [ ./nixos-options.nix ../default.nix { _module.args.pkgs = pkgs; } ] ++ modules;
  };
  configOf = modules: (evalWith modules).config;

  # what NixOS' top level does with the two lists before it builds anything
  # (nixos/modules/system/activation/top-level.nix: lib.asserts.checkAssertWarn)
  checked = c: value: lib.asserts.checkAssertWarn c.assertions c.warnings value;
  failedAssertions = c: map (a: a.message) (lib.filter (a: !a.assertion) c.assertions);

  # the initrd as the contents describe it: target -> what it points to, or, for a file
  # written from text (writeText/writeScript), { text; executable; }
  fileOf = source:
    if source.fake or null == "writeText" then { inherit (source) text; executable = false; }
    else if source.fake or null == "writeScript" then { inherit (source) text; executable = true; }
    else "${source}";
  initrd = c: lib.mapAttrs' (_: e: lib.nameValuePair e.target (fileOf e.source))
    (lib.filterAttrs (_: e: e.enable) c.boot.initrd.systemd.contents);

  # the parts of a configuration a test looks at, all forced (for the must-fail cases)
  everything = c: {
    initrd = initrd c;
    inherit (c.boot.initrd.systemd) packages initrdBin extraBin additionalUpstreamUnits;
    storePaths = map (p: p.source) c.boot.initrd.systemd.storePaths;
    inherit (c.boot.initrd) stagehand;
  };

  systemdStage1 = { boot.initrd.systemd.enable = true; };
  on = extra: {
    boot.initrd.systemd.enable = true;
    boot.initrd.stagehand = { enable = true; package = pkgs.stagehand; } // extra;
  };
}
