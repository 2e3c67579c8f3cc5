# ../default.nix under the real NixOS module system (nixpkgs' lib from ../shared/nixpkgs-lib,
# see eval.nix): realistic configurations and merges, checked against expected values.
# Same result format as lib-test.nix: { passed; failed = [ { name; actual; expected; } ]; }.
# The configurations NixOS must refuse are in module-failures.nix.
{ lib }:
let
  e = import ./eval.nix { inherit lib; };
  inherit (e) fake on configOf initrd failedAssertions;
  inherit (lib) attrNames filter length sort;

  S = "${fake.stagehand}/bin/stagehand";
  sd = "${fake.systemd}";
  file = text: { inherit text; executable = false; };
  script = name: body: {
    text = "#!${fake.bash}/bin/bash\n# boot.initrd.stagehand.compat.${name}: run by stagehand's hook runner as nixos/${name}\n${body}";
    executable = true;
  };
  header = "# /etc/stagehand/stagehand.conf: written by stagehand's NixOS module from boot.initrd.stagehand.*\n\n";
  conf = body: { "/etc/stagehand/stagehand.conf" = file (header + body); };

  # what the module puts into every initrd it is enabled in (README.md's table)
  links = {
    "/etc/systemd/system-generators/stagehand-generator" = S;
    "/usr/bin/stagehand" = S;
    "/etc/systemd/system-generators/systemd-fstab-generator" = "/dev/null";
    "/etc/systemd/system-generators/systemd-cryptsetup-generator" = "/dev/null";
    "/usr/lib/systemd/systemd-fsck" = "${sd}/lib/systemd/systemd-fsck";
    "/usr/lib/systemd/systemd-makefs" = "${sd}/lib/systemd/systemd-makefs";
    "/usr/bin/umount" = "${fake.util-linux}/bin/umount";
  };
  # what a LUKS device adds: ours (systemd-cryptsetup where the units stagehand writes run it)
  # and luksroot.nix's crypttab
  luks = {
    "/usr/bin/systemd-cryptsetup" = "${sd}/bin/systemd-cryptsetup";
    "/etc/crypttab" = file "(crypttab from luksroot.nix)";
  };
  names = map (p: p.name);

  plain = configOf [ (on { }) ];
  declared = (e.evalWith [ ]).options.boot.initrd.stagehand;
  # as the NixOS manual lists them: visible, not internal (a submodule's _module.* are internal)
  docs = filter (o: o.visible && !o.internal) (lib.optionAttrSetToDocList declared);

  laptop = configOf [
    # LUKS on LVM: vg0 on the NVMe disk, the root file system in LUKS on LV vg0/cryptroot
    (on {
      rootWait.budget = "3min";
      lvm.volumeGroups.vg0.degraded = "never";
    })
    {
      boot.initrd.services.lvm.enable = true;
      boot.initrd.luks.devices.cryptroot = {
        device = "/dev/vg0/cryptroot";
        allowDiscards = true;
        crypttabExtraOpts = [ "tpm2-device=auto" ];
      };
    }
  ];

  mdadmConf = "MAILADDR root\nARRAY /dev/md/root metadata=1.2 UUID=0a0a0a0a:00000000:00000000:0000000a name=server:root\n";
  server = configOf [
    (on {
      md.degraded = "ask";
      md.timeout = "45s";
      md.arrays."server:root".degraded = "auto";
    })
    { boot.swraid = { enable = true; inherit mdadmConf; }; }
  ];

  sample = configOf [ ./sample-config.nix { boot.initrd.stagehand.package = fake.stagehand; } ];
  sampleConf = ''
    [RootWait]
    Budget=2min

    [MD]
    Degraded=auto
    Timeout=30s

    [MD:/dev/md/data]
    Degraded=never

    [MD:myhost:root]
    Degraded=ask
    Timeout=1min 30s

    [LVM]
    Degraded=never
    Timeout=1min

    [LVM:vg0]
    Degraded=auto
    Timeout=45s

    [Hooks]
    Optional=nixos/postDeviceCommands local-top/foo
  '';

  # legacy stage-1 commands carried over as they were, shell quoting and all
  legacyText = ''
    echo "root is $root" >&2
    [ -e /dev/md/root ] || mdadm --assemble --scan 'x'"'"'y'
    printf '%s\n' "''${HOME}" `uname -r` $'\t'
  '';
  legacy = configOf [ (on { compat.preLVMCommands = legacyText; compat.postMountCommands = "  \n\t\n"; }) ];

  # two modules defining the same options: lists concatenate, lines join, submodules merge,
  # mkForce wins. Definitions of equal priority come in the module system's order, not
  # necessarily the order of the modules: mkBefore/mkAfter order them (as for NixOS' own
  # boot.initrd.postDeviceCommands, also types.lines)
  merged = configOf [
    (on {
      rootWait.budget = "1min";
      compat.postDeviceCommands = "echo a";
      hooks.optional = [ "nixos/postDeviceCommands" "local-top/foo" ];
      md.arrays.root.degraded = "ask";
    })
    {
      boot.swraid.enable = true;
      boot.initrd.stagehand = {
        rootWait.budget = lib.mkForce "5min";
        compat.postDeviceCommands = lib.mkAfter "echo b";
        hooks.optional = lib.mkAfter [ "local-top/foo" "local-top/bar" ];
        md.arrays.root.timeout = "20s";
        md.arrays.data.degraded = "never";
      };
    }
  ];

  # the administrator takes something back: systemd's own fstab generator, another umount
  overridden = configOf [
    (on { })
    {
      boot.initrd.systemd.contents = {
        "/etc/systemd/system-generators/systemd-fstab-generator".enable = false;
        "/usr/bin/umount".source = lib.mkForce "/nix/store/00000000000000000000000000000000-busybox/bin/umount";
      };
    }
  ];

  hostileLuksName = configOf [
    (on { })
    { boot.initrd.luks.devices."crypt \"root\"\n$HOME`id`".device = "/dev/disk/by-label/my \"disk\" $x"; }
  ];

  legacySet = configOf [ (on { }) { boot.initrd.postDeviceCommands = "zpool import -a"; } ];
  noSystemd = configOf [ (on { }) { boot.initrd.systemd.enable = lib.mkForce false; } ];

  mdWarning = ''
    boot.initrd.stagehand.md.* is set, but boot.swraid.enable is not: the initrd has no
    mdadm and no mdadm.conf, so the settings have nothing to act on.
  '';
  lvmWarning = ''
    boot.initrd.stagehand.lvm.* is set, but boot.initrd.services.lvm.enable is not: the
    initrd has no LVM tools, so the settings have nothing to act on.
  '';

  pkgDefault = e.pkgs.callPackage ../package.nix { };

  cases = [
    {
      name = "option types, as the real lib describes them";
      actual = map (p: (lib.attrByPath p null declared).type.description) [
        [ "enable" ] [ "package" ] [ "rootWait" "budget" ] [ "md" "degraded" ] [ "md" "timeout" ]
        [ "md" "arrays" ] [ "lvm" "degraded" ] [ "lvm" "volumeGroups" ] [ "hooks" "optional" ]
        [ "compat" "postDeviceCommands" ]
      ];
      expected = [
        "boolean"
        "package"
        "null or unsigned integer, meaning >=0, or systemd time span (such as \"90s\", \"1min 30s\", \"infinity\")"
        "null or one of \"auto\", \"ask\", \"never\""
        "null or unsigned integer, meaning >=0, or systemd time span (such as \"90s\", \"1min 30s\", \"infinity\")"
        "attribute set of (submodule)"
        "null or one of \"auto\", \"never\""
        "attribute set of (submodule)"
        "list of hook name (FOLDER/NAME, such as \"local-top/foo\")"
        "strings concatenated with \"\\n\""
      ];
    }
    {
      name = "the time span type takes systemd's forms (a number is seconds)";
      actual = map (v: (initrd (configOf [ (on { rootWait.budget = v; }) ]))."/etc/stagehand/stagehand.conf".text)
        [ "30s" "1min 30s" "5 min" "1h30min" "1.5s" "infinity" 90 0 ];
      expected = map (v: header + "[RootWait]\nBudget=${v}\n")
        [ "30s" "1min 30s" "5 min" "1h30min" "1.5s" "infinity" "90s" "0s" ];
    }
    {
      name = "option documentation renders (as the NixOS manual build does), every option described";
      actual = {
        names = map (o: o.name) docs;
        undescribed = map (o: o.name) (filter (o: o.description == null || o.description == "") docs);
      };
      expected = {
        names = map (n: "boot.initrd.stagehand.${n}") [
          "compat.postDeviceCommands" "compat.postMountCommands" "compat.postResumeCommands"
          "compat.preDeviceCommands" "compat.preFailCommands" "compat.preLVMCommands"
          "enable" "hooks.optional"
          "lvm.degraded" "lvm.timeout" "lvm.volumeGroups"
          "lvm.volumeGroups.<name>.degraded" "lvm.volumeGroups.<name>.timeout"
          "md.arrays" "md.arrays.<name>.degraded" "md.arrays.<name>.timeout"
          "md.degraded" "md.timeout" "package" "rootWait.budget"
        ];
        undescribed = [ ];
      };
    }
    {
      name = "defaults: everything unset";
      actual = removeAttrs (configOf [ ]).boot.initrd.stagehand [ "package" ];
      expected = {
        enable = false;
        rootWait.budget = null;
        md = { degraded = null; timeout = null; arrays = { }; };
        lvm = { degraded = null; timeout = null; volumeGroups = { }; };
        hooks.optional = [ ];
        compat = lib.genAttrs e.l.compatCommands (_: "");
      };
    }
    {
      name = "disabled: nothing added, and a hostile value of a disabled module is never written";
      actual = let c = configOf [ e.systemdStage1 { boot.initrd.stagehand.rootWait.budget = "90s\n[Evil]"; } ]; in {
        initrd = initrd c;
        inherit (c.boot.initrd.systemd) packages;
        failed = failedAssertions c;
        inherit (c) warnings;
      };
      expected = { initrd = { }; packages = [ ]; failed = [ ]; warnings = [ ]; };
    }
    {
      name = "enabled with nothing else: the links, the package's units, no stagehand.conf, no hook";
      actual = { initrd = initrd plain; packages = names plain.boot.initrd.systemd.packages; failed = failedAssertions plain; inherit (plain) warnings; };
      expected = { initrd = links; packages = [ "stagehand-test" ]; failed = [ ]; warnings = [ ]; };
    }
    {
      name = "storePaths (initrd.nix): every contents entry passes its type, /dev/null included";
      actual = sort (a: b: a < b) (map (p: p.source) plain.boot.initrd.systemd.storePaths);
      expected = sort (a: b: a < b) (builtins.attrValues links);
    }
    {
      name = "laptop, LUKS on LVM: systemd-cryptsetup linked beside luksroot.nix's crypttab, [RootWait] and [LVM:vg0]";
      actual = {
        initrd = initrd laptop;
        initrdBin = names laptop.boot.initrd.systemd.initrdBin;
        failed = failedAssertions laptop;
        inherit (laptop) warnings;
      };
      expected = {
        initrd = links // luks // conf "[RootWait]\nBudget=3min\n\n[LVM:vg0]\nDegraded=never\n";
        initrdBin = [ "lvm2-2.03.31" ];
        failed = [ ];
        warnings = [ ];
      };
    }
    {
      name = "RAID1 server: swraid.nix's mdadm.conf beside stagehand.conf, mdadm's and stagehand's units";
      actual = {
        initrd = initrd server;
        packages = sort (a: b: a < b) (names server.boot.initrd.systemd.packages);
        failed = failedAssertions server;
        inherit (server) warnings;
      };
      expected = {
        initrd = links // conf "[MD]\nDegraded=ask\nTimeout=45s\n\n[MD:server:root]\nDegraded=auto\n"
          // { "/etc/mdadm.conf" = file mdadmConf; };
        packages = [ "mdadm-4.3" "stagehand-test" ];
        failed = [ ];
        warnings = [ ];
      };
    }
    {
      name = "every option set: stagehand.conf and the six hook scripts";
      actual = { initrd = initrd sample; failed = failedAssertions sample; inherit (sample) warnings; };
      expected = {
        initrd = links // { "/etc/mdadm.conf" = file (import ./sample-config.nix).boot.swraid.mdadmConf; } // conf sampleConf // {
          "/etc/stagehand/hooks/nixos/preDeviceCommands" = script "preDeviceCommands" "modprobe -q zfs || true\n";
          "/etc/stagehand/hooks/nixos/preLVMCommands" = script "preLVMCommands" "echo before LVM\n";
          "/etc/stagehand/hooks/nixos/postDeviceCommands" = script "postDeviceCommands" "zpool import -N -a\n";
          "/etc/stagehand/hooks/nixos/postResumeCommands" = script "postResumeCommands" "zfs rollback -r rpool/local/root@blank\n";
          "/etc/stagehand/hooks/nixos/postMountCommands" = script "postMountCommands" "echo mounted\n";
          "/etc/stagehand/hooks/nixos/preFailCommands" = script "preFailCommands" "echo the boot failed >&2\n";
        };
        failed = [ ];
        warnings = [ ];
      };
    }
    {
      name = "legacy commands: quotes, $ and backquotes kept byte for byte; a blank one gets no file";
      actual = lib.filterAttrs (n: _: lib.hasPrefix "/etc/stagehand/" n) (initrd legacy);
      expected = { "/etc/stagehand/hooks/nixos/preLVMCommands" = script "preLVMCommands" legacyText; };
    }
    {
      name = "two modules: lines joined, lists concatenated (duplicates written once), submodules merged, mkForce wins";
      actual = lib.filterAttrs (n: _: lib.hasPrefix "/etc/stagehand/" n) (initrd merged);
      expected = conf ''
        [RootWait]
        Budget=5min

        [MD:data]
        Degraded=never

        [MD:root]
        Degraded=ask
        Timeout=20s

        [Hooks]
        Optional=nixos/postDeviceCommands local-top/foo local-top/bar
      '' // { "/etc/stagehand/hooks/nixos/postDeviceCommands" = script "postDeviceCommands" "echo a\necho b\n"; };
    }
    {
      name = "the administrator unmasks systemd-fstab-generator and forces another umount";
      actual = initrd overridden;
      expected = removeAttrs links [ "/etc/systemd/system-generators/systemd-fstab-generator" ]
        // { "/usr/bin/umount" = "/nix/store/00000000000000000000000000000000-busybox/bin/umount"; };
    }
    {
      name = "a LUKS name and device with quotes, newline, $ and backquotes: nothing of them in stagehand's files";
      actual = initrd hostileLuksName;
      expected = links // luks;
    }
    {
      name = "forceLuksSupportInInitrd without devices: systemd-cryptsetup linked";
      actual = (initrd (configOf [ (on { }) { boot.initrd.luks.forceLuksSupportInInitrd = true; } ]))."/usr/bin/systemd-cryptsetup" or null;
      expected = "${sd}/bin/systemd-cryptsetup";
    }
    {
      name = "warnings: md.* without boot.swraid.enable, lvm.* without boot.initrd.services.lvm.enable";
      actual = [
        (configOf [ (on { md.timeout = 10; }) ]).warnings
        (configOf [ (on { lvm.volumeGroups.vg0.degraded = "never"; }) ]).warnings
        (configOf [ (on { md.arrays.root.degraded = "ask"; lvm.degraded = "auto"; }) ]).warnings
      ];
      expected = [ [ mdWarning ] [ lvmWarning ] [ mdWarning lvmWarning ] ];
    }
    {
      name = "no LVM warning when a LUKS device brings LVM (luksroot.nix enables boot.initrd.services.lvm)";
      actual = (configOf [ (on { lvm.degraded = "never"; }) { boot.initrd.luks.devices.root.device = "/dev/sda2"; } ]).warnings;
      expected = [ ];
    }
    {
      name = "without systemd stage 1: only the assertion, nothing added to the initrd";
      actual = {
        failed = map (m: builtins.match ".*set[ \n]+boot.initrd.systemd.enable = true;.*" m != null) (failedAssertions noSystemd);
        initrd = initrd noSystemd;
        packages = noSystemd.boot.initrd.systemd.packages;
      };
      expected = { failed = [ true ]; initrd = { }; packages = [ ]; };
    }
    {
      name = "boot.initrd.postDeviceCommands set: nixpkgs' assertion and ours, which names the compat option";
      actual = let f = failedAssertions legacySet; in {
        nixpkgs = length (filter (lib.hasPrefix "systemd stage 1 does not support 'boot.initrd.postDeviceCommands'") f);
        ours = length (filter (lib.hasInfix "move these commands to\nboot.initrd.stagehand.compat.postDeviceCommands,") f);
        all = length f;
      };
      expected = { nixpkgs = 1; ours = 1; all = 2; };
    }
    {
      name = "default package: package.nix through callPackage, with the real lib";
      actual = (initrd (configOf [ { boot.initrd.systemd.enable = true; boot.initrd.stagehand.enable = true; } ]))."/usr/bin/stagehand";
      expected = "/nix/store/00000000000000000000000000000000-stagehand-0.1.0/bin/stagehand";
    }
    {
      name = "package.nix: Maven with GraalVM's JDK, tests off, placeholder hash, static zlib";
      actual = { inherit (pkgDefault.args) pname version mvnHash doCheck; jdk = pkgDefault.args.mvnJdk.name; buildInputs = names pkgDefault.args.buildInputs; };
      expected = {
        pname = "stagehand"; version = "0.1.0"; mvnHash = lib.fakeHash; doCheck = false;
        jdk = "graalvm-ce-25.0.1"; buildInputs = [ "zlib-1.3.1-static" ];
      };
    }
    {
      name = "package.nix: native-image with the Makefile's flags (lib.escapeShellArgs)";
      actual = lib.hasInfix "native-image -cp \"$cp\" -o target/stagehand -Os '--gc=serial' --static-nolibc '-march=compatibility' '-R:MaxHeapSize=256m' -R:-EnableSignalHandling -R:-AutomaticReferenceHandling dev.stagehand.Main" pkgDefault.args.postBuild;
      expected = true;
    }
    {
      name = "package.nix: installs the binary, the generator link and units/ with its drop-ins";
      actual = map (s: lib.hasInfix s pkgDefault.args.installPhase) [
        "install -Dm755 target/stagehand $out/bin/stagehand"
        "ln -s ../../../bin/stagehand $out/lib/systemd/system-generators/stagehand-generator"
        "for c in units/*.d/*.conf; do"
      ];
      expected = [ true true true ];
    }
    {
      name = "package.nix: a GraalVM older than Java 25 is refused";
      actual = (builtins.tryEval (builtins.deepSeq (e.pkgs.callPackage ../package.nix { graalvm = fake.graalvmOf "21.0.2"; }).args.pname true)).success;
      expected = false;
    }
  ];

  failed = filter (c: c.actual != c.expected) cases;
in
{
  passed = length cases - length failed;
  failed = map (c: { inherit (c) name actual expected; }) failed;
}
