# A root downloaded at boot whose #sha256= does not match the file on the server: stagehand
# fetch gives up on the layer (one mirror, a mismatch is not asked again), names the layer, the
# URL, both checksums and what to do, and the boot goes to emergency mode. There the harness
# types `stagehand retry --set root=URL#sha256=RIGHT`; the generator writes the service anew, the
# tmpfs is cleared of the wrong extraction and the root downloads and boots.
# Proves: the checksum check on the stream, the failure's console lines, and the way out the
# message names, end to end.
DESCRIPTION="root=http://...#sha256=wrong -> emergency naming the layer -> stagehand retry --set root= -> boots"
FLAVOURS="fetch"
HTTP_ROOT=$W/fetch-srv
BASE_SHA=$(sha256sum "$W/fetch-srv/node7/base.tar.xz" 2>/dev/null | cut -c1-64)
WRONG=$(printf 'ab%.0s' $(seq 32))
URL="http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz"
CMDLINE="ip=dhcp root=http://$HTTP_ADDR/%hostname/base.tar.xz#sha256=$WRONG rootsize=64m rd.stagehand.fetch.timeout=2min"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>stagehand retry --set root=http://$HTTP_ADDR/%hostname/base.tar.xz#sha256=$BASE_SHA\n")
EXPECT=("stagehand: giving up on layer 1/1 \\($URL\\) after [0-9.]+ s: checksum mismatch: $URL has sha256 $BASE_SHA, root= expects $WRONG \\(the server has another file; fix the URL or its #sha256=\\)"
        'stagehand: going to emergency mode. Fix it there: `stagehand retry --set root=URL'
        "stagehand retry: the generator sees: .*root=http://$HTTP_ADDR/%hostname/base.tar.xz#sha256=$BASE_SHA"
        'stagehand retry: starting initrd.target again'
        "stagehand: layer 1/1: extracted $URL \\(.* downloaded\\)"
        'E2E-FACT root-mount: tmpfs / tmpfs rw'
        'ROOT-MARKER-OK')
REJECT=('Kernel panic')   # the first pass enters emergency mode on purpose
TIMEOUT=360
