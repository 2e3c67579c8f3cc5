# The one stand-in left in the module checks: nixpkgs' package set. The NixOS module system and
# its types are the real ones (nixpkgs' lib, from ../shared/nixpkgs-lib, see ../check.sh); what
# cannot be had here is pkgs, whose derivations would need nixpkgs itself and a Nix store.
# Each "package" is an attribute set that lib.types.package and lib.types.path accept as a
# derivation (type = "derivation", an absolute outPath), with a fixed, recognisable store path,
# so that a test can say exactly which link points where. writeText/writeScript keep their text
# (the real ones would put it into the store) so that a test can read what the initrd would get.
let
  drv = name: extra: {
    type = "derivation";
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
  } // extra;
in
rec {
  inherit drv;
  runtimeShell = "${bash}/bin/bash";
  bash = drv "bash-5.2p37" { };
  util-linux = drv "util-linux-2.41" { };
  systemd = drv "systemd-257.6" { inherit util-linux; kmod = drv "kmod-34" { }; };
  mdadm = drv "mdadm-4.3" { };
  lvm2 = drv "lvm2-2.03.31" { };
  stagehand = drv "stagehand-test" { };

  writeText = name: text: drv name { fake = "writeText"; inherit text; };
  writeScript = name: text: drv name { fake = "writeScript"; inherit text; executable = true; };

  # callPackage on ../package.nix: what nixpkgs would pass it, with the real lib
  packageArgs = lib: {
    inherit lib;
    maven.buildMavenPackage = a: drv "${a.pname}-${a.version}" { args = a; };
    graalvmPackages.graalvm-ce = graalvmOf "25.0.1";
    zlib.static = drv "zlib-1.3.1-static" { };
  };
  graalvmOf = version: drv "graalvm-ce-${version}" { inherit version; };
  callPackageWith = lib: path: args:
    let f = import path; in f (builtins.intersectAttrs (builtins.functionArgs f) (packageArgs lib) // args);
}
