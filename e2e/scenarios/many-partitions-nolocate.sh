# many-partitions with stagehand-locate.service masked: the stagehand flavour as it would boot
# without the early look, for `make bench-boot` (time to the root marker with and without it).
. "$E2E_DIR/scenarios/many-partitions.sh"
DESCRIPTION="many-partitions, stagehand-locate.service masked"
FLAVOURS="stagehand"
CMDLINE+=" systemd.mask=stagehand-locate.service"
EXPECT_STAGEHAND=('E2E-GEN generator/sysroot.mount: What=/dev/disk/by-partlabel/system')
REJECT+=('stagehand: PARTLABEL=system is')
