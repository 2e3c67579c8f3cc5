# ../default.nix and ../package.nix evaluated against a small hand-written STAND-IN for nixpkgs'
# `lib` and `pkgs` (below), because nixpkgs cannot be reached here. This is NOT an evaluation
# by the NixOS module system: option types are not checked, definitions are not merged, and
# pkgs.writeScript, maven.buildMavenPackage etc. are fakes that return their arguments. What it
# does check: every name our two files use resolves; the option tree the module declares has
# the shape its config part reads (defaults come from the declarations themselves); which
# boot.initrd.systemd attributes get which values for a given configuration; the assertion; the
# warnings; that package.nix asks for the pieces callPackage gives it and builds the native
# image with the Makefile's flags. Same result format as lib-test.nix.
let
  inherit (builtins) attrNames elem filter foldl' isAttrs length map mapAttrs;
  l = import ../lib.nix;

  # --- the stand-in for nixpkgs' lib (only what our files use) -----------------------------
  recursiveUpdate = a: b:
    a // mapAttrs (n: v: if isAttrs v && isAttrs (a.${n} or null) && !(v ? _type) && !(v ? outPath) then recursiveUpdate a.${n} v else v) b;
  fakeType = name: { _type = "fake-type"; inherit name; };
  stubLib = {
    mkOption = o: { _type = "option"; } // o;
    mkEnableOption = d: { _type = "option"; default = false; description = "Whether to enable ${d}."; };
    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkMerge = contents: { _type = "merge"; inherit contents; };
    literalExpression = text: { _type = "literalExpression"; inherit text; };
    types = {
      package = fakeType "package";
      str = fakeType "str";
      lines = fakeType "lines";
      ints.unsigned = fakeType "ints.unsigned";
      nullOr = t: fakeType "nullOr";
      either = a: b: fakeType "either";
      enum = values: fakeType "enum" // { inherit values; };
      listOf = t: fakeType "listOf";
      attrsOf = t: fakeType "attrsOf" // { elemType = t; };
      submodule = m: fakeType "submodule" // { module = m; };
    };
    inherit (builtins) head concatStringsSep mapAttrs;
    optional = c: x: if c then [ x ] else [ ];
    optionalAttrs = c: a: if c then a else { };
    # for package.nix
    fakeHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    toInt = builtins.fromJSON;
    versions.major = v: builtins.head (builtins.splitVersion v);
    assertMsg = c: msg: c || throw msg;
    escapeShellArgs = args: builtins.concatStringsSep " " (map (a: "'${a}'") args);
    fileset = {
      unions = xs: { _type = "fileset"; inherit xs; };
      toSource = { root, fileset }: "/nix/store/ffff-source";
    };
  };

  # resolve the stand-in's mkIf/mkMerge the way the module system would for these simple cases
  resolve = v:
    if isAttrs v && (v._type or null) == "if" then (if v.condition then resolve v.content else { })
    else if isAttrs v && (v._type or null) == "merge" then foldl' (acc: c: recursiveUpdate acc (resolve c)) { } v.contents
    else if isAttrs v && !(v ? _type) && !(v ? outPath) then mapAttrs (_: resolve) v
    else v;

  # option declarations -> their defaults (what the module system gives when nothing is set)
  defaults = opts:
    if (opts._type or null) == "option" then opts.default or null else mapAttrs (_: defaults) opts;

  fakeDrv = name: extra: { outPath = "/nix/store/0000-${name}"; inherit name; } // extra;
  graalvmOf = version: fakeDrv "graalvm-ce-${version}" { inherit version; };
  stubPkgs = {
    runtimeShell = "/nix/store/1111-bash-5.2/bin/bash";
    writeScript = name: text: { _type = "fake-writeScript"; inherit name text; };
    callPackage = path: args:
      let f = import path; in f (builtins.intersectAttrs (builtins.functionArgs f) packageArgs // args);
  };
  packageArgs = {
    lib = stubLib;
    maven.buildMavenPackage = a: { outPath = "/nix/store/2222-stagehand-${a.version}"; args = a; };
    graalvmPackages.graalvm-ce = graalvmOf "25.0.1";
    zlib.static = "/nix/store/3333-zlib-static";
  };

  systemdPkg = fakeDrv "systemd-257" { util-linux = fakeDrv "util-linux-2.40" { }; };
  stagehandPkg = fakeDrv "stagehand-test" { };

  module = import ../default.nix;
  declared = (module { config = baseConfig { }; lib = stubLib; pkgs = stubPkgs; }).options;

  # a NixOS configuration as the module system would hand it over: our options at their
  # declared defaults, overlaid with `stagehand`, next to the nixpkgs options we read
  baseConfig = { stagehand ? { }, systemdEnable ? true, luks ? { }, swraid ? false, lvm ? false }: {
    boot.initrd.stagehand = recursiveUpdate (defaults declared.boot.initrd.stagehand) stagehand;
    boot.initrd.systemd = { enable = systemdEnable; package = systemdPkg; };
    boot.initrd.luks = { devices = luks; forceLuksSupportInInitrd = false; };
    boot.swraid.enable = swraid;
    boot.initrd.services.lvm.enable = lvm;
  };
  eval = args: resolve (module { config = baseConfig args; lib = stubLib; pkgs = stubPkgs; }).config;

  on = { enable = true; package = stagehandPkg; };
  plain = eval { stagehand = on; };
  full = eval {
    stagehand = on // {
      rootWait.budget = "2min";
      md.arrays.root.degraded = "ask";
      hooks.optional = [ "nixos/postDeviceCommands" ];
      compat.postDeviceCommands = "echo devices";
    };
    swraid = true;
  };
  contentsOf = c: c.boot.initrd.systemd.contents;
  bin = "/nix/store/0000-stagehand-test/bin/stagehand";
  linkContents = mapAttrs (_: source: { inherit source; }) (l.initrdLinks {
    stagehand = stagehandPkg; systemd = systemdPkg; utilLinux = systemdPkg.util-linux;
  });

  pkgDefault = stubPkgs.callPackage ../package.nix { };
  pkgOldGraal = stubPkgs.callPackage ../package.nix { graalvm = graalvmOf "21.0.2"; };

  cases = [
    { name = "disabled: no config at all"; actual = eval { }; expected = { }; }
    {
      name = "declared option tree: names";
      actual = attrNames declared.boot.initrd.stagehand;
      expected = [ "compat" "enable" "hooks" "lvm" "md" "package" "rootWait" ];
    }
    {
      name = "declared defaults: everything unset";
      actual = removeAttrs (defaults declared.boot.initrd.stagehand) [ "package" ];
      expected = {
        enable = false;
        rootWait.budget = null;
        md = { degraded = null; timeout = null; arrays = { }; };
        lvm = { degraded = null; timeout = null; volumeGroups = { }; };
        hooks.optional = [ ];
        compat = builtins.listToAttrs (map (n: { name = n; value = ""; }) l.compatCommands);
      };
    }
    { name = "md policies offered"; actual = declared.boot.initrd.stagehand.md.degraded.type.name; expected = "nullOr"; }
    {
      name = "per-array options are a submodule with degraded and timeout";
      actual = attrNames declared.boot.initrd.stagehand.md.arrays.type.elemType.module.options;
      expected = [ "degraded" "timeout" ];
    }
    {
      name = "enabled with nothing else: links only, no stagehand.conf, no hooks";
      actual = contentsOf plain;
      expected = linkContents;
    }
    { name = "the package's units are added"; actual = plain.boot.initrd.systemd.packages; expected = [ stagehandPkg ]; }
    { name = "assertion holds with systemd stage 1"; actual = map (a: a.assertion) plain.assertions; expected = [ true ]; }
    { name = "no warnings by default"; actual = plain.warnings; expected = [ ]; }
    {
      name = "without systemd stage 1: the assertion fails and nothing is added to boot.initrd.systemd";
      actual = let c = eval { stagehand = on; systemdEnable = false; }; in {
        assertion = map (a: a.assertion) c.assertions;
        names = attrNames c;
        says = builtins.match ".*set[ \n]+boot.initrd.systemd.enable = true;.*" (builtins.head c.assertions).message != null;
      };
      expected = { assertion = [ false ]; names = [ "assertions" "warnings" ]; says = true; };
    }
    {
      name = "with LUKS devices: systemd-cryptsetup linked";
      actual = (contentsOf (eval { stagehand = on; luks.cryptroot.device = "/dev/vda2"; }))."/usr/bin/systemd-cryptsetup".source;
      expected = "/nix/store/0000-systemd-257/bin/systemd-cryptsetup";
    }
    {
      name = "options set: stagehand.conf and the hook script are added";
      actual = removeAttrs (contentsOf full) (attrNames linkContents);
      expected = {
        "/etc/stagehand/stagehand.conf".text = l.renderConfig {
          rootWait.budget = "2min";
          md.arrays.root.degraded = "ask";
          hooks.optional = [ "nixos/postDeviceCommands" ];
        };
        "/etc/stagehand/hooks/nixos/postDeviceCommands".source = {
          _type = "fake-writeScript";
          name = "stagehand-hook-postDeviceCommands";
          text = "#!/nix/store/1111-bash-5.2/bin/bash\n"
            + "# boot.initrd.stagehand.compat.postDeviceCommands: run by stagehand's hook runner as nixos/postDeviceCommands\n"
            + "echo devices\n";
        };
      };
    }
    {
      name = "md settings without boot.swraid.enable: one warning";
      actual = length (eval { stagehand = on // { md.timeout = 10; }; }).warnings;
      expected = 1;
    }
    {
      name = "lvm settings without boot.initrd.services.lvm.enable: one warning; with it none";
      actual = [
        (length (eval { stagehand = on // { lvm.volumeGroups.vg0.degraded = "never"; }; }).warnings)
        (length (eval { stagehand = on // { lvm.volumeGroups.vg0.degraded = "never"; }; lvm = true; }).warnings)
      ];
      expected = [ 1 0 ];
    }
    {
      name = "a hostile option value stops the evaluation of the contents";
      actual = (builtins.tryEval (builtins.deepSeq
        (contentsOf (eval { stagehand = on // { rootWait.budget = "1s\n[Evil]"; }; })) true)).success;
      expected = false;
    }
    {
      name = "default package: package.nix through callPackage";
      actual = (contentsOf (eval { stagehand = { enable = true; }; }))."/usr/bin/stagehand".source;
      expected = "/nix/store/2222-stagehand-0.1.0/bin/stagehand";
    }
    {
      name = "package.nix: Maven with GraalVM's JDK, tests off, placeholder hash, static zlib";
      actual = { inherit (pkgDefault.args) pname version mvnHash doCheck buildInputs; jdk = pkgDefault.args.mvnJdk.name; };
      expected = {
        pname = "stagehand"; version = "0.1.0"; mvnHash = stubLib.fakeHash; doCheck = false;
        buildInputs = [ "/nix/store/3333-zlib-static" ]; jdk = "graalvm-ce-25.0.1";
      };
    }
    {
      name = "package.nix: native-image with the Makefile's flags";
      actual = builtins.match ".*native-image -cp \"\\$cp\" -o target/stagehand '-Os' '--gc=serial' '--static-nolibc' '-march=compatibility' '-R:MaxHeapSize=256m' '-R:-EnableSignalHandling' '-R:-AutomaticReferenceHandling' dev.stagehand.Main.*" pkgDefault.args.postBuild != null;
      expected = true;
    }
    {
      name = "package.nix: installs the binary and the generator link";
      actual = map (s: builtins.match ".*${s}.*" pkgDefault.args.installPhase != null) [
        "install -Dm755 target/stagehand \\$out/bin/stagehand"
        "ln -s ../../../bin/stagehand \\$out/lib/systemd/system-generators/stagehand-generator"
      ];
      expected = [ true true ];
    }
    {
      name = "package.nix: a GraalVM older than Java 25 is refused";
      actual = (builtins.tryEval (builtins.deepSeq pkgOldGraal.args.pname true)).success;
      expected = false;
    }
  ];

  failed = filter (c: c.actual != c.expected) cases;
in
{
  passed = length cases - length failed;
  failed = map (c: { inherit (c) name actual expected; }) failed;
}
