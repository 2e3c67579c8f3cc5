# Cases for ../lib.nix: { name; actual; expected; }. Evaluated by ../check.sh with
#   nix-instantiate --eval --strict --json tests/lib-test.nix
# which needs only Nix, no nixpkgs. The values that must be refused are in refusals.nix.
let
  l = import ../lib.nix;
  inherit (builtins) attrNames filter length map tryEval;

  header = "# /etc/stagehand/stagehand.conf: written by stagehand's NixOS module from boot.initrd.stagehand.*\n\n";

  # what the module passes when no option is set (every default)
  allDefaults = {
    rootWait.budget = null;
    md = { degraded = null; timeout = null; arrays = { }; };
    lvm = { degraded = null; timeout = null; volumeGroups = { }; };
    hooks.optional = [ ];
  };

  budget = b: l.renderConfig { rootWait.budget = b; };
  budgetText = t: header + "[RootWait]\nBudget=${t}\n";

  links = {
    stagehand = "/nix/store/aaaa-stagehand-0.1.0";
    systemd = "/nix/store/bbbb-systemd-257";
    utilLinux = "/nix/store/cccc-util-linux-2.40";
  };

  cases = [
    # --- stagehand.conf: only set values are written
    { name = "nothing set: no file text"; actual = l.renderConfig { }; expected = ""; }
    { name = "every option at its default: no file text"; actual = l.renderConfig allDefaults; expected = ""; }
    { name = "budget as a string"; actual = budget "90s"; expected = budgetText "90s"; }
    { name = "budget as seconds"; actual = budget 90; expected = budgetText "90s"; }
    { name = "budget 0 (no limit)"; actual = budget 0; expected = budgetText "0s"; }
    { name = "budget infinity"; actual = budget "infinity"; expected = budgetText "infinity"; }
    { name = "budget with two components"; actual = budget "1min 30s"; expected = budgetText "1min 30s"; }
    { name = "budget without blanks between components"; actual = budget "1min30s"; expected = budgetText "1min30s"; }
    { name = "budget with a fraction"; actual = budget "1.5h"; expected = budgetText "1.5h"; }
    { name = "budget with a blank before the unit"; actual = budget "2 min"; expected = budgetText "2 min"; }
    { name = "budget as bare digits"; actual = budget "120"; expected = budgetText "120"; }
    { name = "budget in milliseconds"; actual = budget "500ms"; expected = budgetText "500ms"; }

    {
      name = "md: only the set key is written";
      actual = l.renderConfig { md.timeout = 45; };
      expected = header + "[MD]\nTimeout=45s\n";
    }
    {
      name = "lvm section, no md section";
      actual = l.renderConfig (allDefaults // { lvm = allDefaults.lvm // { degraded = "never"; timeout = "1min"; }; });
      expected = header + "[LVM]\nDegraded=never\nTimeout=1min\n";
    }
    {
      name = "per-array and per-VG sections, sorted by name; an entry with nothing set is left out";
      actual = l.renderConfig {
        md.arrays = {
          "myhost:root" = { degraded = "ask"; timeout = null; };
          "0a1b2c3d:4e5f6a7b:8c9d0e1f:2a3b4c5d" = { timeout = "10s"; };
          "/dev/md/data" = { degraded = "never"; };
          unused = { degraded = null; timeout = null; };
        };
        lvm.volumeGroups = {
          "vg_root-1.x+" = { degraded = "auto"; };
          vg0 = { timeout = 20; degraded = "never"; };
        };
      };
      expected = header
        + "[MD:/dev/md/data]\nDegraded=never\n\n"
        + "[MD:0a1b2c3d:4e5f6a7b:8c9d0e1f:2a3b4c5d]\nTimeout=10s\n\n"
        + "[MD:myhost:root]\nDegraded=ask\n\n"
        + "[LVM:vg0]\nDegraded=never\nTimeout=20s\n\n"
        + "[LVM:vg_root-1.x+]\nDegraded=auto\n";
    }
    {
      name = "hooks: space-separated, first occurrence kept";
      actual = l.renderConfig { hooks.optional = [ "local-top/foo" "nixos/postDeviceCommands" "local-top/foo" "init-premount/a.b@c+d-e" ]; };
      expected = header + "[Hooks]\nOptional=local-top/foo nixos/postDeviceCommands init-premount/a.b@c+d-e\n";
    }
    {
      name = "every section, in order";
      actual = l.renderConfig {
        rootWait.budget = "2min";
        md = { degraded = "auto"; timeout = "30s"; arrays.root = { degraded = "ask"; timeout = "1min"; }; };
        lvm = { degraded = "auto"; timeout = 30; volumeGroups.vg0.degraded = "never"; };
        hooks.optional = [ "nixos/preFailCommands" ];
      };
      expected = header
        + "[RootWait]\nBudget=2min\n\n"
        + "[MD]\nDegraded=auto\nTimeout=30s\n\n"
        + "[MD:root]\nDegraded=ask\nTimeout=1min\n\n"
        + "[LVM]\nDegraded=auto\nTimeout=30s\n\n"
        + "[LVM:vg0]\nDegraded=never\n\n"
        + "[Hooks]\nOptional=nixos/preFailCommands\n";
    }
    {
      name = "message prefix follows the caller's option path";
      actual = (tryEval (l.renderConfig { prefix = "x.y"; md.degraded = "maybe"; })).success;
      expected = false;
    }

    # --- hook scripts for the compat commands
    {
      name = "hook files: only non-blank commands, trailing newline added, text kept as is";
      actual = l.hookFiles {
        shell = "/nix/store/dddd-bash-5.2/bin/bash";
        commands = {
          preDeviceCommands = "echo \"] [x]\" > /dev/kmsg";
          preLVMCommands = "";
          postDeviceCommands = "  \n\t\n";
          postResumeCommands = null;
          postMountCommands = "mount -o remount,rw /sysroot\n";
          preFailCommands = "";
        };
      };
      expected = {
        "/etc/stagehand/hooks/nixos/preDeviceCommands" = {
          name = "stagehand-hook-preDeviceCommands";
          text = "#!/nix/store/dddd-bash-5.2/bin/bash\n"
            + "# boot.initrd.stagehand.compat.preDeviceCommands: run by stagehand's hook runner as nixos/preDeviceCommands\n"
            + "echo \"] [x]\" > /dev/kmsg\n";
        };
        "/etc/stagehand/hooks/nixos/postMountCommands" = {
          name = "stagehand-hook-postMountCommands";
          text = "#!/nix/store/dddd-bash-5.2/bin/bash\n"
            + "# boot.initrd.stagehand.compat.postMountCommands: run by stagehand's hook runner as nixos/postMountCommands\n"
            + "mount -o remount,rw /sysroot\n";
        };
      };
    }
    {
      name = "hook files: nothing set, nothing written";
      actual = l.hookFiles { shell = "/bin/sh"; commands = { }; };
      expected = { };
    }
    {
      name = "hook files: one per compat command";
      actual = attrNames (l.hookFiles { shell = "/bin/sh"; commands = builtins.listToAttrs (map (n: { name = n; value = "true"; }) l.compatCommands); });
      expected = map (n: "/etc/stagehand/hooks/nixos/${n}") [
        "postDeviceCommands" "postMountCommands" "postResumeCommands" "preDeviceCommands" "preFailCommands" "preLVMCommands"
      ];
    }

    # --- links in the initrd
    {
      name = "links without LUKS: generator, masks, /usr paths of the programs the units name";
      actual = l.initrdLinks links;
      expected = {
        "/etc/systemd/system-generators/stagehand-generator" = "/nix/store/aaaa-stagehand-0.1.0/bin/stagehand";
        "/etc/systemd/system-generators/systemd-fstab-generator" = "/dev/null";
        "/etc/systemd/system-generators/systemd-cryptsetup-generator" = "/dev/null";
        "/usr/bin/stagehand" = "/nix/store/aaaa-stagehand-0.1.0/bin/stagehand";
        "/usr/lib/systemd/systemd-fsck" = "/nix/store/bbbb-systemd-257/lib/systemd/systemd-fsck";
        "/usr/lib/systemd/systemd-makefs" = "/nix/store/bbbb-systemd-257/lib/systemd/systemd-makefs";
        "/usr/bin/umount" = "/nix/store/cccc-util-linux-2.40/bin/umount";
      };
    }
    {
      name = "links with LUKS add systemd-cryptsetup";
      actual = (l.initrdLinks (links // { cryptsetup = true; }))."/usr/bin/systemd-cryptsetup" or null;
      expected = "/nix/store/bbbb-systemd-257/bin/systemd-cryptsetup";
    }
    {
      name = "masked generators";
      actual = l.replacedGenerators;
      expected = [ "systemd-fstab-generator" "systemd-cryptsetup-generator" ];
    }
  ];

  failed = filter (c: c.actual != c.expected) cases;
in
{
  passed = length cases - length failed;
  failed = map (c: { inherit (c) name actual expected; }) failed;
}
