#!/bin/sh
# dracut cmdline hook of the stagehand module (installed only for a host with a downloaded root):
# root=http://... and root=https://... are stagehand's (stagehand-fetch.service, docs/fetch.md).
# dracut-cmdline.sh would otherwise stop with "Don't know how to handle 'root=...'". The
# network is needed: rd.neednet=1 makes dracut's network module bring interfaces up (what ip=
# says; the legacy scripts do DHCP without ip=, systemd-networkd, Debian 12's choice, needs
# ip=dhcp) and wait for them, which stagehand-fetch.service is ordered after.
case "$root" in
    http://* | https://*)
        rootok=1
        if ! getargbool 0 rd.neednet; then
            echo "rd.neednet=1" > /etc/cmdline.d/90stagehand-fetch.conf
        fi
        ;;
esac
