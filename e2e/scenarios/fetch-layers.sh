# A root downloaded at boot (docs/fetch.md): two layers, both under the DHCP host name
# (%hostname -> node7, from QEMU's DHCP), the second with its #sha256=; extracted into a tmpfs
# on /sysroot. The guest's only network is QEMU user networking with restrict=on and one
# guestfwd from 10.0.2.100:80 to the harness's HTTP server on the host's 127.0.0.1.
# The first layer's checksum comes from the SHA256SUMS beside it (#sha256sums).
# Proves: the generator's tmpfs and stagehand-fetch.service, the dracut module's network part
# (rd.neednet=1 from its cmdline hook, DHCP, the ordering after dracut's initqueue), %hostname
# at boot, curl | sha256 | tar for xz and gzip, layer 2 over layer 1, switch-root into the tmpfs.
DESCRIPTION="root=http:// two layers (%hostname, SHA256SUMS, sha256) into a tmpfs over restricted user networking"
FLAVOURS="fetch"
TIER=all   # make e2e-all; make check boots fetch-503-then-200 and fetch-wrong-checksum
HTTP_ROOT=$W/fetch-srv
HTTP_EXPECT=('"GET /node7/SHA256SUMS HTTP/1.1" 200')
SITE_SHA=$(sha256sum "$W/fetch-srv/node7/site.tar.gz" 2>/dev/null | cut -c1-64)
# ip=dhcp: Debian 12's dracut brings the network up with systemd-networkd, which configures an
# interface only when told (systemd-network-generator turns ip= into a .network file)
CMDLINE="ip=dhcp root=http://$HTTP_ADDR/%hostname/base.tar.xz#sha256sums,http://$HTTP_ADDR/%hostname/site.tar.gz#sha256=$SITE_SHA rootsize=64m rd.stagehand.fetch.timeout=2min"
BASE_SHA=$(sha256sum "$W/fetch-srv/node7/base.tar.xz" 2>/dev/null | cut -c1-64)
EXPECT+=("stagehand: layer 1/2: downloading http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz \\(sha256 $BASE_SHA from http://$HTTP_ADDR/$HTTP_HOSTNAME/SHA256SUMS\\)"
         "stagehand: layer 1/2: extracted http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz \\(.* downloaded\\)"
         "stagehand: layer 2/2: extracted http://$HTTP_ADDR/$HTTP_HOSTNAME/site.tar.gz \\(.* downloaded\\)"
         'stagehand: root file system downloaded: 2 layers'
         'E2E-FACT root-mount: tmpfs / tmpfs rw'
         'E2E-FACT os-release: PRETTY_NAME="stagehand e2e fetched root, layer 2"'
         'E2E-GEN generator/stagehand-fetch.service'
         'E2E-GEN generator/sysroot.mount: Type=tmpfs'
         'E2E-GEN generator/sysroot.mount: Options=rw,mode=0755,size=64m,dev,suid,exec')
TIMEOUT=300
