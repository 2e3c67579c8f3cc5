# The NixOS options that stagehand's module reads and sets, declared with the types nixpkgs
# declares them, for evaluating ../default.nix with the real module system (nixpkgs' lib from
# ../shared/nixpkgs-lib) but without nixpkgs' own modules, which that tarball does not hold.
# Test-only: on NixOS these declarations come from nixpkgs and this file is not used.
#
# Each declaration names the nixpkgs file it is copied from (types and defaults as there,
# descriptions shortened). Options the module neither reads nor sets are left out, so that a
# definition of one in a test is an error, as a misspelt option would be on NixOS. Left out
# on purpose: boot.initrd.systemd.{services,units,targets,mounts,...} (their types need
# nixpkgs' systemd-lib/systemd-unit-options, ~2000 lines; the module defines none: its units
# come from its package through `packages`, and from its generator at boot).
#
# Below the options, `config` holds the few lines of nixpkgs' own modules that act on what
# stagehand's module sets or reads (each with its file): they are what would merge with, or
# assert against, the module's definitions on NixOS. Everything else nixpkgs does is absent.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption mkEnableOption mkIf mkMerge mkDefault mkAfter mkDerivedConfig types;

  # nixos/lib/systemd-types.nix: initrdStorePathModule, initrdStorePath, initrdContents
  initrdStorePathModule = { config, ... }: {
    options = {
      enable = mkEnableOption "copying of this file and symlinking it" // { default = true; };
      target = mkOption { type = types.nullOr types.path; default = null; description = "Path of the symlink."; };
      source = mkOption { type = types.path; description = "Path of the source file."; };
      dlopen = {
        usePriority = mkOption {
          type = types.enum [ "required" "recommended" "suggested" ];
          default = "recommended";
          description = "Priority of dlopen ELF notes to include.";
        };
        features = mkOption { type = types.listOf types.singleLineStr; default = [ ]; description = "Features to enable via dlopen ELF notes."; };
      };
    };
  };
  initrdStorePath = types.listOf (types.coercedTo
    (types.oneOf [ types.singleLineStr types.package ])
    (source: { inherit source; })
    (types.submodule initrdStorePathModule));
  initrdContents = types.attrsOf (types.submodule ({ config, options, name, ... }: {
    imports = [ initrdStorePathModule ];
    options.text = mkOption { default = null; type = types.nullOr types.lines; description = "Text of the file."; };
    config = {
      target = mkDefault name;
      source = mkIf (config.text != null) (mkDerivedConfig options.text (pkgs.writeText ("initrd-" + baseNameOf name)));
    };
  }));

  # nixos/modules/system/boot/stage-1.nix: the scripted stage 1's command hooks
  legacyCommands = [ "preFailCommands" "preDeviceCommands" "preLVMCommands" "postDeviceCommands" "postResumeCommands" "postMountCommands" ];
  linesOption = description: mkOption { default = ""; type = types.lines; inherit description; };
in
{
  options = {
    # nixos/modules/misc/assertions.nix
    assertions = mkOption { type = types.listOf types.unspecified; internal = true; default = [ ]; description = "Conditions that must hold."; };
    warnings = mkOption { type = types.listOf types.str; internal = true; default = [ ]; description = "Warnings shown during evaluation."; };

    # nixos/modules/system/etc/etc.nix (swraid.nix writes the initrd's mdadm.conf from environment.etc."mdadm.conf")
    environment.etc = mkOption {
      default = { };
      description = "Set of files that have to be linked in /etc.";
      type = types.attrsOf (types.submodule ({ name, config, options, ... }: {
        options = {
          enable = mkOption { type = types.bool; default = true; description = "Whether this /etc file should be generated."; };
          target = mkOption { type = types.str; description = "Name of symlink (relative to /etc)."; };
          text = mkOption { default = null; type = types.nullOr types.lines; description = "Text of the file."; };
          source = mkOption { type = types.path; description = "Path of the source file."; };
          mode = mkOption { type = types.str; default = "symlink"; description = "File mode, or symlink."; };
          uid = mkOption { default = 0; type = types.int; description = "UID of created file."; };
          gid = mkOption { default = 0; type = types.int; description = "GID of created file."; };
          user = mkOption { default = "+${toString config.uid}"; type = types.str; description = "User name of created file."; };
          group = mkOption { default = "+${toString config.gid}"; type = types.str; description = "Group name of created file."; };
        };
        config = {
          target = mkDefault name;
          source = mkIf (config.text != null) (mkDerivedConfig options.text (pkgs.writeText ("etc-" + lib.replaceStrings [ "/" ] [ "-" ] name)));
        };
      }));
    };

    # nixos/modules/system/boot/stage-1.nix
    boot.initrd = lib.genAttrs legacyCommands (n: linesOption "Shell commands of the scripted stage 1 (${n}).") // {
      # nixos/modules/system/boot/systemd/initrd.nix
      systemd = {
        enable = mkEnableOption "systemd in initrd";
        package = mkOption { type = types.package; default = pkgs.systemd; description = "The systemd package to use."; };
        contents = mkOption { description = "Set of files that have to be linked into the initrd"; default = { }; type = initrdContents; };
        storePaths = mkOption { description = "Store paths to copy into the initrd as well."; type = initrdStorePath; default = [ ]; };
        extraBin = mkOption { description = "Tools to add to /bin"; type = types.attrsOf types.path; default = { }; };
        initrdBin = mkOption { type = types.listOf types.package; default = [ ]; description = "Packages to include in /bin for the stage 1 emergency shell."; };
        packages = mkOption { default = [ ]; type = types.listOf types.package; description = "Packages providing systemd units and hooks."; };
        additionalUpstreamUnits = mkOption { default = [ ]; type = types.listOf types.str; description = "Additional units shipped with systemd that shall be enabled."; };
        suppressedUnits = mkOption { default = [ ]; type = types.listOf types.str; description = "Units to skip."; };
        suppressedStorePaths = mkOption { default = [ ]; type = types.listOf types.singleLineStr; description = "Store paths not to copy."; };
      };

      # nixos/modules/system/boot/luksroot.nix (the device submodule without gpgCard, fido2 and
      # yubikey, which systemd stage 1 refuses; luksroot.nix's clevis part of it is left out too)
      luks = {
        forceLuksSupportInInitrd = mkOption { type = types.bool; default = false; internal = true; description = "Whether to configure luks support in the initrd, when no luks devices are configured."; };
        reusePassphrases = mkOption { type = types.bool; default = true; description = "Try reusing the last successful passphrase."; };
        devices = mkOption {
          default = { };
          description = "The encrypted disks that should be opened before the root filesystem is mounted.";
          type = types.attrsOf (types.submodule ({ name, ... }: {
            options = {
              name = mkOption { visible = false; default = name; type = types.str; description = "Name of the unencrypted device in /dev/mapper."; };
              device = mkOption { type = types.str; description = "Path of the underlying encrypted block device."; };
              header = mkOption { default = null; type = types.nullOr types.str; description = "Detached header."; };
              keyFile = mkOption { default = null; type = types.nullOr types.str; description = "Key file."; };
              tryEmptyPassphrase = mkOption { default = false; type = types.bool; description = "Try an empty passphrase."; };
              keyFileTimeout = mkOption { default = null; type = types.nullOr types.int; description = "Seconds to wait for the key file."; };
              keyFileSize = mkOption { default = null; type = types.nullOr types.int; description = "Size of the key file."; };
              keyFileOffset = mkOption { default = null; type = types.nullOr types.int; description = "Offset of the key file."; };
              preLVM = mkOption { default = true; type = types.bool; description = "Whether the luksOpen will be attempted before LVM scan or after it."; };
              allowDiscards = mkOption { default = false; type = types.bool; description = "Whether to allow TRIM requests."; };
              bypassWorkqueues = mkOption { default = false; type = types.bool; description = "Whether to bypass dm-crypt's workqueues."; };
              fallbackToPassword = mkOption { default = false; type = types.bool; description = "Fall back to a passphrase prompt."; };
              preOpenCommands = linesOption "Commands run before opening.";
              postOpenCommands = linesOption "Commands run after opening.";
              crypttabExtraOpts = mkOption { type = types.listOf types.singleLineStr; default = [ ]; visible = false; description = "Extra crypttab options (systemd stage 1)."; };
            };
          }));
        };
      };

      # nixos/modules/tasks/lvm.nix
      services.lvm.enable = mkEnableOption "booting from LVM2 in the initrd";
    };

    # nixos/modules/tasks/swraid.nix (its default depends on system.stateVersion; here false,
    # as for a stateVersion of 23.11 or later)
    boot.swraid = {
      enable = mkEnableOption "swraid support using mdadm";
      mdadmConf = mkOption { description = "Contents of /etc/mdadm.conf."; type = types.lines; default = ""; };
    };
  };

  config = mkMerge [
    # nixos/modules/system/boot/systemd/initrd.nix: every contents entry is also a store path
    # to copy (make-initrd-ng gets them from storePaths), and the legacy commands are refused
    # (its message here without the list of definitions that nixpkgs appends)
    (mkIf config.boot.initrd.systemd.enable {
      boot.initrd.systemd.storePaths = map (c: builtins.removeAttrs c [ "text" ]) (builtins.attrValues config.boot.initrd.systemd.contents);
      assertions = map (name: {
        assertion = config.boot.initrd.${name} == "";
        message = "systemd stage 1 does not support 'boot.initrd.${name}'. Please convert it to analogous systemd units in 'boot.initrd.systemd'.";
      }) legacyCommands;
    })
    # nixos/modules/system/boot/luksroot.nix: LUKS devices bring LVM's udev rules; with systemd
    # stage 1, crypttab goes into the initrd and preLVM must stay at its default
    (mkIf (config.boot.initrd.luks.devices != { } || config.boot.initrd.luks.forceLuksSupportInInitrd) {
      boot.initrd.services.lvm.enable = true;
      boot.initrd.systemd = {
        contents."/etc/crypttab".source = pkgs.writeText "initrd-crypttab" "(crypttab from luksroot.nix)";
        extraBin.systemd-cryptsetup = "${config.boot.initrd.systemd.package}/bin/systemd-cryptsetup";
        additionalUpstreamUnits = [ "cryptsetup-pre.target" "cryptsetup.target" "remote-cryptsetup.target" ];
      };
      assertions = [
        {
          assertion = config.boot.initrd.systemd.enable -> lib.all (dev: dev.preLVM) (builtins.attrValues config.boot.initrd.luks.devices);
          message = "boot.initrd.luks.devices.<name>.preLVM is not used by systemd stage 1.";
        }
      ];
    })
    # nixos/modules/tasks/swraid.nix: mdadm.conf from environment.etc into the initrd
    (mkIf config.boot.swraid.enable {
      environment.etc."mdadm.conf".text = mkAfter config.boot.swraid.mdadmConf;
      boot.initrd.systemd = {
        contents."/etc/mdadm.conf".text = config.environment.etc."mdadm.conf".text;
        packages = [ pkgs.mdadm ];
        initrdBin = [ pkgs.mdadm ];
      };
    })
    # nixos/modules/tasks/lvm.nix
    (mkIf config.boot.initrd.services.lvm.enable {
      boot.initrd.systemd.initrdBin = [ pkgs.lvm2 ];
    })
  ];
}
