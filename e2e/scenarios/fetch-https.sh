# A root downloaded at boot over https from the harness's server, whose certificate was signed by
# a test CA that prepare.sh made with openssl ($E2E_WORK/fetch-tls). The CA reaches the initrd
# the way docs/fetch.md tells users: in the CA bundle that dracut's url-lib copies from the host
# (/etc/ssl/certs/ca-certificates.crt, what update-ca-certificates writes), here the host's bundle
# plus the test CA in this boot's initrd only. curl in the initrd trusts it and the root boots.
# Proves: https end to end through the initrd's curl and its CA bundle (prepare.sh checks that
# url-lib put the bundle into the fetch initrd); the server saw the GET over TLS.
DESCRIPTION="root=https:// with a test CA in the initrd's CA bundle"
FLAVOURS="fetch"
TIER=all
HTTP_ROOT=$W/fetch-srv
HTTP_TLS=yes
INITRD_FILES=("etc/ssl/certs/ca-certificates.crt=$(cat /etc/ssl/certs/ca-certificates.crt "$W/fetch-tls/ca.pem" 2>/dev/null)")
URL="https://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz"
CMDLINE="ip=dhcp root=https://$HTTP_ADDR/%hostname/base.tar.xz rootsize=64m rd.stagehand.fetch.timeout=2min"
EXPECT+=("stagehand: layer 1/1: downloading $URL"
         "stagehand: layer 1/1: extracted $URL \\(.* downloaded\\)"
         'E2E-FACT root-mount: tmpfs / tmpfs rw')
HTTP_EXPECT=('^https "GET /node7/base.tar.xz HTTP/1.1" 200')
