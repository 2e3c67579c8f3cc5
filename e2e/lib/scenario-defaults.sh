# shellcheck shell=bash disable=SC2034
# Defaults and helpers for scenario files (e2e/scenarios/NAME.sh). run.sh sources, in a subshell:
# lib/ids.env, this file, then the scenario; $FLAVOUR (stock|stagehand) is set before.
#
# Scenario variables (plain bash; append with +=, or replace):
#   DESCRIPTION  one line
#   FLAVOURS     flavours the scenario applies to (default "stock stagehand")
#   DISKS        disk images from $E2E_WORK/disks, attached in order as virtio disks whose
#                serial is the image name (so /dev/disk/by-id/virtio-NAME)
#   LATE_DISKS   disk images that are not plugged in at boot; a step plugs one in with
#                "REGEX=><delay=S>$(hotplug_disk NAME)" (QEMU monitor device_add, PCI hotplug)
#   CMDLINE      kernel command line besides "console=ttyS0 panic=-1"
#   STEPS        expect/answer pairs 'REGEX=>REPLY', in order (see lib/qemu-drive.py:
#                \n escapes, <delay=S> to answer late, <hmp> to talk to the QEMU monitor)
#   EXPECT       regexes that must all appear in the serial log (default: ROOT-MARKER-OK)
#   EXPECT_STOCK, EXPECT_STAGEHAND   extra regexes for one flavour only
#   REJECT       regexes that must not appear (default: kernel panic, emergency mode)
#   DONE         regex after which (all steps done, EXPECT met) the VM may be killed if it does
#                not power off within 15 s (default ROOT-MARKER-OK)
#   TIMEOUT      watchdog, seconds (default 300)
#   MEM          guest memory, MiB (default 1024)
#   QEMU_EXTRA   extra qemu arguments (array), e.g. a drive to hot-add later with <hmp>
FLAVOURS="stock stagehand"
DESCRIPTION=""
DISKS=()
LATE_DISKS=()
CMDLINE=""
STEPS=()
EXPECT=('ROOT-MARKER-OK')
EXPECT_STOCK=()
EXPECT_STAGEHAND=()
REJECT=('Kernel panic' 'Entering emergency mode')
DONE='ROOT-MARKER-OK'
TIMEOUT=300
MEM=1024
QEMU_EXTRA=()

# --- emergency shell helpers --------------------------------------------------------------
# dracut's emergency.service asks first, then sulogin -e starts a root shell
EMERGENCY_PROMPT='Control-D to continue\): '
SHELL_PROMPT='# $'   # sulogin's root shell prompt ("# "), at the end of the output so far
# A command line for the emergency shell that reports and powers off. The marker is computed
# ($((40+2))) so the echo of the typed command cannot match it; it is printed last.
emergency_report() {
    printf '%s' 'sed "s/^/EMERG-SYSROOT /" /run/systemd/generator/sysroot.mount;' \
        ' ls /run/systemd/generator | sed "s/^/EMERG-GEN /";' \
        ' systemctl --no-pager --no-legend list-units --failed | sed "s/^/EMERG-FAILED /";' \
        ' echo EMERG-SHELL-$((40+2)); poweroff -f'
}

# --- hot-plug ------------------------------------------------------------------------------
# reply for a step: plug in LATE_DISKS entry NAME as a virtio disk with serial NAME
hotplug_disk() {
    printf '<hmp>device_add virtio-blk-pci,drive=late-%s,serial=%s,id=late-%s' "$1" "$1" "$1"
}
