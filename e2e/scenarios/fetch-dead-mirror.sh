# A root downloaded at boot with two mirrors for its one layer; the first (10.0.2.101) is dead:
# restrict=on drops every packet to an address without a guestfwd, so nothing answers there.
# stagehand fetch says so on the console, tries it again (a dead host may come up), then takes
# the second mirror, the harness's server, and boots.
# Proves: `|` mirrors, the retry-then-next-mirror order, the console line naming the dead URL.
DESCRIPTION="root=http://dead|http://live: the first mirror does not answer, boots from the second"
FLAVOURS="fetch"
TIER=all
HTTP_ROOT=$W/fetch-srv
DEAD=10.0.2.101
CMDLINE="ip=dhcp root=http://$DEAD/%hostname/base.tar.xz|http://$HTTP_ADDR/%hostname/base.tar.xz rootsize=64m rd.stagehand.fetch.timeout=3min"
EXPECT+=("stagehand: layer 1/1: (cannot connect to|no answer in time from) http://$DEAD/$HTTP_HOSTNAME/base.tar.xz: .*; trying again in [0-9.]+ s"
         "stagehand: layer 1/1: (cannot connect to|no answer in time from) http://$DEAD/$HTTP_HOSTNAME/base.tar.xz: .*; next: http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz"
         "stagehand: layer 1/1: downloading http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz"
         "stagehand: layer 1/1: extracted http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz \\(.* downloaded\\)"
         'E2E-FACT root-mount: tmpfs / tmpfs rw')
HTTP_EXPECT=('"GET /node7/base.tar.xz HTTP/1.1" 200')
TIMEOUT=420
