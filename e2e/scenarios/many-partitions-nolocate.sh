# many-partitions with rd.stagehand.locate=no (no stagehand-locate.service): the stagehand flavour as it would boot
# without the early look, for `make bench-boot` (time to the root marker with and without it).
. "$E2E_DIR/scenarios/many-partitions.sh"
DESCRIPTION="many-partitions, rd.stagehand.locate=no"
FLAVOURS="stagehand"
# a comparison for bench-boot, not a behaviour of its own: booted by `make e2e-all` only
TIER=all
CMDLINE+=" rd.stagehand.locate=no"
EXPECT_STAGEHAND=('E2E-GEN generator/sysroot.mount: What=/dev/disk/by-partlabel/system')
REJECT+=('stagehand: PARTLABEL=system is')
