#!/usr/bin/env bash
# Prints the folder holding native-image, as ../shared/graal/setup.sh does, and gets one even
# when that script cannot: it takes OpenJDK's source from Debian's *index*, and the mirror's
# index moves on (on 2026-12-01 it listed only 25.0.5 versions whose files the mirror no longer
# served, so every fresh machine failed). The pool still holds the source of the Temurin
# release on this machine; we fetch that one by its path, check it against the checksum pinned
# in openjdk-src.sha256, and run the shared script's own steps 3-7 on it (composed at run time,
# so its build steps are not copied here).
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
SHARED_GRAAL=${SHARED_GRAAL:-$HERE/../../../shared/graal}
SETUP=$SHARED_GRAAL/setup.sh
[ -x "$SETUP" ] || { echo "toolchain: no $SETUP" >&2; exit 1; }
if out=$("$SETUP") && [ -x "$out/native-image" ]; then echo "$out"; exit 0; fi

say() { echo "[stagehand toolchain $(date +%T)] $*" >&2; }
say "the shared setup failed; fetching the OpenJDK source of this machine's Temurin by path"
TC=${GRAAL_TOOLCHAIN:-$HOME/.cache/graal-toolchain}
TEMURIN=${TEMURIN:-/usr/lib/jvm/temurin-25-jdk-amd64}
JV=$(. "$TEMURIN/release"; echo "$JAVA_RUNTIME_VERSION" | sed 's/-LTS//')
SUM=$(awk -v F="openjdk-25_${JV}.orig.tar.xz" '$2==F{print $1}' "$HERE/openjdk-src.sha256")
[ -n "$SUM" ] || { say "no pinned checksum for openjdk-25 $JV in $HERE/openjdk-src.sha256"; exit 1; }
mirror=$(grep -h -m1 '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' || true)
[ -n "$mirror" ] || mirror=$(grep -h -m1 '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}')
mkdir -p "$TC/jdksrc"; cd "$TC/jdksrc"
TAR="openjdk-25_${JV}.orig.tar.xz"
if ! echo "$SUM  $TAR" | sha256sum -c --status - 2>/dev/null; then
    curl -fsS -o "$TAR" "${mirror%/}/pool/main/o/openjdk-25/openjdk-25_${JV//+/%2b}.orig.tar.xz"
fi
echo "$SUM  $TAR" | sha256sum -c - >&2

# The shared script's step 1 (build dependencies) and its steps 3-7, after the variables its step 2 would have set.
for marker in '^# 2\. ' '^# 3\. ' '^emit "'; do grep -q "$marker" "$SETUP" || { say "$SETUP changed shape"; exit 1; }; done
script=$(mktemp); trap 'rm -f "$script"' EXIT
{
    sed -n '1,/^# 2\. /p' "$SETUP" | grep -v -e '^HERE=' -e '^# 2\. '
    echo "HERE='$SHARED_GRAAL'"
    echo "UP='$JV'; SRC=\"\$TC/jdksrc/openjdk-25-$JV\""
    echo "cd \"\$TC/jdksrc\"; [ -d \"\$SRC\" ] || tar -xJf '$TAR'"
    sed -n '/^# 3\. /,$p' "$SETUP"
} > "$script"
bash "$script"
