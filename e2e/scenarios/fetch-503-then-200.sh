# A root downloaded at boot (docs/fetch.md) from a server that answers 503 for its first 30 s
# (HEAD and GET), then serves the file: stagehand fetch says each 503 on the console, pauses with
# a jittered back-off that doubles from 2 s, asks the same (only) mirror again, and boots within
# its 2 min budget.
# Proves: a failure that may pass is tried again on the same mirror (not given up, not an
# emergency), the console names the status, the URL and that the server may recover; the server
# saw 503s and then one 200 for the GET.
DESCRIPTION="root=http:// from a server answering 503 for 30 s, then 200: boots after retries"
FLAVOURS="fetch"
HTTP_ROOT=$W/fetch-srv
HTTP_MISBEHAVE=('/node7/base.tar.xz=503-for=30')
CMDLINE="ip=dhcp root=http://$HTTP_ADDR/%hostname/base.tar.xz rootsize=64m rd.stagehand.fetch.timeout=2min"
EXPECT+=("stagehand: layer 1/1: HTTP 503 from http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz \\(the server may recover\\); trying again in [0-9]+\\.[0-9] s"
         "stagehand: layer 1/1: extracted http://$HTTP_ADDR/$HTTP_HOSTNAME/base.tar.xz \\(.* downloaded\\)"
         'stagehand: root file system downloaded: 1 layer'
         'E2E-FACT root-mount: tmpfs / tmpfs rw')
HTTP_EXPECT=('"GET /node7/base.tar.xz HTTP/1.1" 503' '"GET /node7/base.tar.xz HTTP/1.1" 200')
TIMEOUT=360
