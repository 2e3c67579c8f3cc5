# NixOS module: stagehand in a systemd stage 1 (boot.initrd.systemd).
#
#   imports = [ /path/to/stagehand/nixos-module ];
#   boot.initrd.systemd.enable = true;
#   boot.initrd.stagehand.enable = true;
#
# README.md beside this file lists the options and what was and was not evaluated. The
# translation of the options (stagehand.conf, hook scripts, links) lives in ./lib.nix, which
# needs only builtins and is tested without nixpkgs.
{
  config,
  lib,
  pkgs,
  ...
}:

let
  inherit (lib)
    literalExpression
    mkEnableOption
    mkIf
    mkMerge
    mkOption
    types
    ;

  cfg = config.boot.initrd.stagehand;
  initrdSystemd = config.boot.initrd.systemd;
  stagehandLib = import ./lib.nix;

  # The option types refuse what lib.nix would refuse to write, so that NixOS names the file of
  # a bad definition (lib.nix's own checks stay: they hold for any caller, and they also
  # refuse what a type cannot see, such as a hostile attribute name)
  timeSpanType = types.nullOr (types.either types.ints.unsigned (types.strMatching stagehandLib.timeSpanPattern // {
    description = "systemd time span (such as \"90s\", \"1min 30s\", \"infinity\")";
  }));
  hookNameType = types.strMatching stagehandLib.hookNamePattern // {
    description = "hook name (FOLDER/NAME, such as \"local-top/foo\")";
  };

  timeSpanDoc = ''
    A systemd time span (e.g. `"30s"`, `"2min"`, `"1min 30s"`, `"infinity"`) or a number
    of seconds; `null` leaves it to stagehand's default.
  '';

  policyOptions =
    {
      policies,
      what,
      timeoutWhat,
      ...
    }:
    {
      degraded = mkOption {
        type = types.nullOr (types.enum policies);
        default = null;
        example = lib.head policies;
        description = ''
          What to do when ${what} is incomplete: ${lib.concatStringsSep ", " (map (p: "`${p}`") policies)}
          (see stagehand's docs/md-raid.md and docs/lvm.md). `null` leaves it to stagehand's default (`auto`).
        '';
      };
      timeout = mkOption {
        type = timeSpanType;
        default = null;
        example = "45s";
        description = ''
          How long to wait for ${timeoutWhat} before the degraded policy applies: above 0 and
          finite (`"infinity"` and `0` are refused; to wait without a limit, set `degraded` to
          `"never"`). ${timeSpanDoc}
        '';
      };
    };

  namedPolicies =
    args:
    mkOption {
      type = types.attrsOf (types.submodule { options = policyOptions args; });
      default = { };
      description = "Settings for one ${args.what}, overriding the ones above; written as [${args.section}:<name>].";
    };

  compatOption =
    name: when:
    mkOption {
      type = types.lines;
      default = "";
      description = ''
        Shell commands run ${when}, as `boot.initrd.${name}` did in NixOS's scripted stage 1
        (which systemd stage 1 refuses). Written to `/etc/stagehand/hooks/nixos/${name}` in the
        initrd and run there by stagehand's hook runner (hook name `nixos/${name}`; list it in
        `boot.initrd.stagehand.hooks.optional` to keep booting when it fails). The commands run
        under bash with `PATH=/bin:/sbin` of the initrd: add the tools they need to
        `boot.initrd.systemd.initrdBin` or `extraBin`.
      '';
    };

  confText = stagehandLib.renderConfig {
    inherit (cfg)
      rootWait
      md
      lvm
      hooks
      ;
  };

  hookScripts = stagehandLib.hookFiles {
    shell = pkgs.runtimeShell;
    commands = cfg.compat;
  };

  links = stagehandLib.initrdLinks {
    stagehand = cfg.package;
    systemd = initrdSystemd.package;
    utilLinux = initrdSystemd.package.util-linux;
    cryptsetup = config.boot.initrd.luks.devices != { } || config.boot.initrd.luks.forceLuksSupportInInitrd;
  };

  mdSettingsSet = cfg.md.degraded != null || cfg.md.timeout != null || cfg.md.arrays != { };
  lvmSettingsSet = cfg.lvm.degraded != null || cfg.lvm.timeout != null || cfg.lvm.volumeGroups != { };
in
{
  options.boot.initrd.stagehand = {
    enable = mkEnableOption ''
      stagehand in the systemd initrd: its generator takes the place of systemd-fstab-generator
      and systemd-cryptsetup-generator (both are masked) and adds the password-aware root wait
      (needs {option}`boot.initrd.systemd.enable`)'';

    package = mkOption {
      type = types.package;
      default = pkgs.callPackage ./package.nix { };
      defaultText = literalExpression "pkgs.callPackage <stagehand>/nixos-module/package.nix { }";
      description = ''
        The stagehand package: `bin/stagehand` (the generator is the same binary) and its
        static units in `lib/systemd/system`. The default derivation needs `mvnHash` set (see
        package.nix), e.g. `pkgs.callPackage /path/to/nixos-module/package.nix { mvnHash = "sha256-..."; }`.
      '';
    };

    rootWait.budget = mkOption {
      type = timeSpanType;
      default = null;
      example = "2min";
      description = ''
        How long the root device may take to appear, not counting the time a passphrase
        prompt is open; `0` or `"infinity"`: no limit. ${timeSpanDoc} (90 s). The kernel
        command line's `rd.stagehand.rootwait=`, `rd.timeout=` and `rootdelay=` still win.
      '';
    };

    md = policyOptions {
      policies = [ "auto" "ask" "never" ];
      what = "an md RAID array";
      timeoutWhat = "the missing members of an md array";
    } // {
      arrays = namedPolicies {
        policies = [ "auto" "ask" "never" ];
        what = "md array (by name as in mdadm.conf, or UUID)";
        timeoutWhat = "the missing members of this array";
        section = "MD";
      };
    };

    lvm = policyOptions {
      policies = [ "auto" "never" ];
      what = "an LVM volume group";
      timeoutWhat = "the missing physical volumes of a volume group";
    } // {
      volumeGroups = namedPolicies {
        policies = [ "auto" "never" ];
        what = "LVM volume group (by name)";
        timeoutWhat = "the missing physical volumes of this volume group";
        section = "LVM";
      };
    };

    hooks.optional = mkOption {
      type = types.listOf hookNameType;
      default = [ ];
      example = [ "nixos/postDeviceCommands" "local-top/foo" ];
      description = ''
        Hooks whose failure does not stop the boot (written as `[Hooks] Optional=`).
        Names are FOLDER/NAME, e.g. `nixos/postDeviceCommands` for
        {option}`boot.initrd.stagehand.compat.postDeviceCommands`.
      '';
    };

    compat = {
      preDeviceCommands = compatOption "preDeviceCommands" "before udev has settled the devices";
      preLVMCommands = compatOption "preLVMCommands" "before LVM volumes and \"preLVM\" LUKS devices are opened";
      postDeviceCommands = compatOption "postDeviceCommands" "after the devices (md, LVM, LUKS) are there";
      postResumeCommands = compatOption "postResumeCommands" "after a resume from hibernation was tried";
      postMountCommands = compatOption "postMountCommands" "after the file systems needed for boot are mounted";
      preFailCommands = compatOption "preFailCommands" "when the boot goes to emergency mode";
    };
  };

  config = mkIf cfg.enable (mkMerge [
    {
      assertions = [
        {
          assertion = initrdSystemd.enable;
          message = ''
            boot.initrd.stagehand.enable needs systemd in stage 1: set
            boot.initrd.systemd.enable = true; (stagehand is a systemd generator with systemd units;
            NixOS's scripted stage 1 has no systemd to run them).
          '';
        }
      ]
      # NixOS asserts against these under systemd stage 1 ("convert it to analogous systemd
      # units"); with stagehand there is a closer home for them, and this says which
      ++ map (name: {
        assertion = !initrdSystemd.enable || (config.boot.initrd.${name} or "") == "";
        message = ''
          boot.initrd.${name} is set: with stagehand, move these commands to
          boot.initrd.stagehand.compat.${name}, which runs them at the same point of the boot
          (hook nixos/${name}, see stagehand's docs/hooks.md).
        '';
      }) stagehandLib.compatCommands;

      warnings =
        lib.optional (mdSettingsSet && !(config.boot.swraid.enable or false)) ''
          boot.initrd.stagehand.md.* is set, but boot.swraid.enable is not: the initrd has no
          mdadm and no mdadm.conf, so the settings have nothing to act on.
        ''
        ++ lib.optional (lvmSettingsSet && !config.boot.initrd.services.lvm.enable) ''
          boot.initrd.stagehand.lvm.* is set, but boot.initrd.services.lvm.enable is not: the
          initrd has no LVM tools, so the settings have nothing to act on.
        '';
    }

    (mkIf initrdSystemd.enable {
      boot.initrd.systemd = {
        # Each entry becomes a link in the initrd; initrd.nix also adds its source to storePaths,
        # and make-initrd-ng copies it with the shared libraries it needs (for the binary: libc).
        contents =
          lib.mapAttrs (_: source: { inherit source; }) links
          // lib.optionalAttrs (confText != "") {
            "/etc/stagehand/stagehand.conf".text = confText;
          }
          // lib.mapAttrs (_: script: { source = pkgs.writeScript script.name script.text; }) hookScripts;

        # static units of the package (lib/systemd/system) go into the initrd's unit directory
        packages = [ cfg.package ];
      };
      # crypttab comes from boot.initrd.luks.devices (luksroot.nix), mdadm.conf from
      # boot.swraid.mdadmConf (swraid.nix), the LVM tools from boot.initrd.services.lvm (lvm.nix):
      # stagehand reads them where those modules put them.
    })
  ]);
}
