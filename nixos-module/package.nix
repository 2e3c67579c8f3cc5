# stagehand as a Nix package: the Maven build (its dependencies come from a fixed-output
# derivation, nixpkgs' maven.buildMavenPackage pattern) and then native-image from GraalVM CE in
# nixpkgs, with the flags of the repository's Makefile.
#
#   pkgs.callPackage ./package.nix { mvnHash = "sha256-..."; }
#
# Not built on the project's own machines (they cannot reach nixpkgs); README.md says what was
# checked. mvnHash is the hash of the Maven dependency derivation: it depends on nixpkgs' Maven
# (the plugins pom.xml does not pin come from Maven's defaults), so it cannot be computed here.
# The first build with the placeholder fails and prints the right value ("got: sha256-...").
{
  lib,
  maven,
  graalvmPackages,
  zlib,
  graalvm ? graalvmPackages.graalvm-ce,
  mvnHash ? lib.fakeHash,
  # as NATIVE_FLAGS in ../Makefile: any x86-64 (no -march=native), only libc dynamic
  nativeImageFlags ? [
    "-Os"
    "--gc=serial"
    "--static-nolibc"
    "-march=compatibility"
    "-R:MaxHeapSize=256m"
    "-R:-EnableSignalHandling"
    "-R:-AutomaticReferenceHandling"
  ],
}:

let
  version = "0.1.0";
  javaMajor = lib.toInt (lib.versions.major graalvm.version);
in
assert lib.assertMsg (javaMajor >= 25)
  "stagehand needs a GraalVM for Java 25 or newer (pom.xml compiles with release 25); ${graalvm.name} is older";
maven.buildMavenPackage {
  pname = "stagehand";
  inherit version mvnHash;

  # only what the build reads, so that unrelated edits (tests, docs) keep the same source hash
  src = lib.fileset.toSource {
    root = ../.;
    fileset = lib.fileset.unions [
      ../pom.xml
      ../src/main
      ../units
    ];
  };

  # Maven compiles with GraalVM's JDK, the one native-image belongs to
  mvnJdk = graalvm;
  # the tests need the golden corpus, systemd 257 and QEMU: `make check` in the repository runs them
  doCheck = false;

  nativeBuildInputs = [ graalvm ];
  # --static-nolibc links zlib statically (GraalVM's static JDK libraries do not include it)
  buildInputs = [ zlib.static ];

  postBuild = ''
    export HOME=$TMPDIR
    # as the Makefile: the jar and its runtime libraries, without GraalVM's own SDK jars
    cp=target/stagehand-${version}.jar
    for j in target/lib/*.jar; do
      case ''${j##*/} in nativeimage-*|word-*) ;; *) cp=$cp:$j ;; esac
    done
    native-image -cp "$cp" -o target/stagehand ${lib.escapeShellArgs nativeImageFlags} dev.stagehand.Main
  '';

  installPhase = ''
    runHook preInstall
    install -Dm755 target/stagehand $out/bin/stagehand
    # the generator is the same binary under another name (it acts on argv[0])
    mkdir -p $out/lib/systemd/system-generators $out/lib/systemd/system
    ln -s ../../../bin/stagehand $out/lib/systemd/system-generators/stagehand-generator
    # static units from units/ (none yet) and their NAME.d/*.conf drop-ins
    shopt -s nullglob
    for u in units/*.service units/*.target units/*.timer units/*.path units/*.socket; do
      install -m644 "$u" $out/lib/systemd/system/
    done
    for c in units/*.d/*.conf; do
      d=''${c%/*}
      install -Dm644 "$c" "$out/lib/systemd/system/''${d##*/}/''${c##*/}"
    done
    runHook postInstall
  '';

  # the native binary must not keep the JDK alive
  disallowedReferences = [ graalvm ];

  meta = {
    description = "systemd generators and units for the initrd, as one native binary";
    mainProgram = "stagehand";
    platforms = [ "x86_64-linux" "aarch64-linux" ];
  };
}
