#!/bin/bash
# e2e-only dracut module (both flavours): before switch-root, keep a copy of what the
# generators wrote (/run/systemd/generator*) in /run/e2e, which survives switch-root (systemd
# deletes its generator dirs when it leaves the initrd). With "e2e.journal" on the kernel
# command line it also saves the initrd journal. The test root's init prints both.
check() { return 255; }   # only when asked for (build-initrd.sh names it)
depends() { echo systemd-initrd; return 0; }
install() {
    inst_script "$moddir/e2e-dump.sh" /usr/bin/e2e-dump
    inst_simple "$moddir/e2e-dump.service" "$systemdsystemunitdir/e2e-dump.service"
    $SYSTEMCTL -q --root "$initdir" add-wants initrd-switch-root.target e2e-dump.service
}
