# Makefile fragment for the real-boot tests; include it from the top Makefile:
#     include e2e/e2e.mk
# Targets:
#   e2e         build the native binary (target "native" of the top Makefile), prepare the
#               QEMU test environment, boot every scenario with the stagehand initrd
#   e2e-stock   the same scenarios with the plain dracut initrd (no binary needed)
#   e2e-hooks   the legacy-hook scenarios with the hooks initrd (stagehand + e2e/hooks scripts)
#   e2e-fetch   the downloaded-root scenarios (fetch-*) with the fetch initrd (stagehand with
#               stagehand_fetch=yes: dracut's network, curl, tar) and a local HTTP server that
#               misbehaves on purpose; make check boots two (503-then-200, wrong-checksum), e2e-all
#               all of them (E2E_TIER=all)
#   e2e-all     every boot there is: the stagehand, hooks, fetch and stock flavours and E2E_FUZZ_ALL
#               fuzz boots (make check boots the stagehand and hooks scenarios, two fetch scenarios and 20 fuzz boots)
#   e2e-fuzz    boot-level fuzzing: E2E_FUZZ_COUNT kernel command lines of hostile words around a
#               valid root (e2e/fuzz/cmdlines.py, seed E2E_FUZZ_SEED); each must reach root, or
#               emergency mode with a message naming the bad word, before its watchdog
#   e2e-debian13  make check's boots on the Debian 13 initrd (dracut-ng, systemd 257, its
#               kernel; docs/e2e-flavours.md): E2E_DEBIAN13_CHECK with the stagehand flavour
#   bench-fetch a ~200 MB downloaded root: time and peak memory of stagehand fetch against
#               `curl | tar -x` in the same guest (scenario fetch-bench; prints numbers only)
#   bench-locate  stagehand locate vs blkid -t on 512 GPT partitions, timed in a stagehand boot
#   bench-boot  boot times, stock vs stagehand initrd, per scenario, a group of columns per
#               initrd of BENCH_INITRDS (prints numbers only)
# Variables (override on the command line):
#   E2E_WORK       cache and logs            (default /var/tmp/stagehand-e2e)
#   E2E_INITRD     debian12 (default: the host's dracut 059, systemd 252) or debian13 (dracut-ng,
#                  systemd 257 and Debian 13's kernel from a chroot in $(E2E_WORK)/debian13)
#   E2E_JOBS       boots at a time           (default 2)
#   E2E_SCENARIOS  scenario names            (default: all of e2e/scenarios/)
#   E2E_APPEND     extra kernel command line (e.g. systemd.log_level=debug)
#   BENCH_REPEAT   boots per cell in bench-boot (default 1)
#   BENCH_INITRDS  E2E_INITRDs bench-boot compares on (default "debian12 debian13")
E2E_DIR       := $(CURDIR)/e2e
E2E_WORK      ?= /var/tmp/stagehand-e2e
E2E_JOBS      ?= 2
E2E_SCENARIOS ?=
E2E_APPEND    ?=
BENCH_REPEAT  ?= 1
BENCH_INITRDS ?= debian12 debian13
E2E_FUZZ_COUNT ?= 20
E2E_FUZZ_SEED  ?= 1
E2E_FUZZ_ALL   ?= 100
# check: the scenarios of make check; all: also those with TIER=all (make e2e-all)
E2E_TIER      ?= check
E2E_INITRD    ?= debian12
# make check's boots on debian13 (three, for CI time): LUKS with a root by UUID (dracut-ng's
# 01systemd-cryptsetup, systemd 257's /usr/bin/systemd-cryptsetup), md's degraded policy
# (mdadm 4.4, udev 257) and stagehand retry --set root= (dracut-ng's cmdline hook writes the
# wait for the old root again; docs/retry.md); the rest boots on debian13 in make e2e-all
E2E_DEBIAN13_CHECK ?= luks-keyfile raid1-degraded retry-set-root
E2E_BIN       := $(CURDIR)/target/stagehand
E2E_ENV        = E2E_WORK=$(E2E_WORK) STAGEHAND_BIN=$(E2E_BIN) STAGEHAND_UNITS=$(CURDIR)/units \
                 STAGEHAND_HOOKS_FUNCTIONS=$(CURDIR)/hooks/functions \
                 STAGEHAND_MODULE=$(CURDIR)/dracut/90stagehand E2E_APPEND="$(E2E_APPEND)" E2E_TIER=$(E2E_TIER) \
                 E2E_INITRD=$(E2E_INITRD)

.PHONY: e2e e2e-all e2e-stock e2e-hooks e2e-fetch e2e-fuzz e2e-prepare e2e-debian13 bench-boot bench-fetch bench-locate

e2e-prepare:
	$(E2E_ENV) $(E2E_DIR)/prepare.sh --flavour stock

e2e: native
	$(E2E_ENV) $(E2E_DIR)/prepare.sh --flavour stagehand
	$(E2E_ENV) $(E2E_DIR)/run.sh --no-prepare --flavour stagehand --jobs $(E2E_JOBS) $(E2E_SCENARIOS)

e2e-debian13: native
	$(MAKE) e2e E2E_INITRD=debian13 E2E_SCENARIOS="$(E2E_DEBIAN13_CHECK)"

e2e-hooks: native
	$(E2E_ENV) $(E2E_DIR)/prepare.sh --flavour hooks
	$(E2E_ENV) $(E2E_DIR)/run.sh --no-prepare --flavour hooks --jobs $(E2E_JOBS) $(E2E_SCENARIOS)

e2e-fetch: native
	$(E2E_ENV) $(E2E_DIR)/prepare.sh --flavour fetch
	$(E2E_ENV) $(E2E_DIR)/run.sh --no-prepare --flavour fetch --jobs $(E2E_JOBS) $(E2E_SCENARIOS)

e2e-fuzz: native
	$(PYTHON) $(E2E_DIR)/fuzz/cmdlines.py --seed $(E2E_FUZZ_SEED) --count $(E2E_FUZZ_COUNT) --out $(CURDIR)/target/e2e-fuzz
	$(E2E_ENV) $(E2E_DIR)/prepare.sh --flavour stagehand
	$(E2E_ENV) $(E2E_DIR)/run.sh --no-prepare --flavour stagehand --jobs $(E2E_JOBS) --scenario-dir $(CURDIR)/target/e2e-fuzz

# make check's boots, then what it leaves out: the stock initrd on the same scenarios (the
# comparison), every scenario on the Debian 13 initrds (both flavours) and five times the fuzz
# boots; each part runs even when an earlier one failed
e2e-all: native
	rc=0; \
	$(MAKE) e2e E2E_TIER=all || rc=1; \
	$(MAKE) e2e-hooks || rc=1; \
	$(MAKE) e2e-fetch E2E_TIER=all || rc=1; \
	$(MAKE) e2e-stock E2E_TIER=all || rc=1; \
	$(MAKE) e2e E2E_INITRD=debian13 E2E_TIER=all || rc=1; \
	$(MAKE) e2e-hooks E2E_INITRD=debian13 || rc=1; \
	$(MAKE) e2e-fetch E2E_INITRD=debian13 E2E_TIER=all || rc=1; \
	$(MAKE) e2e-stock E2E_INITRD=debian13 E2E_TIER=all || rc=1; \
	$(MAKE) e2e-fuzz E2E_FUZZ_COUNT=$(E2E_FUZZ_ALL) || rc=1; \
	exit $$rc

e2e-stock:
	$(E2E_ENV) $(E2E_DIR)/run.sh --flavour stock --jobs $(E2E_JOBS) $(E2E_SCENARIOS)

# stagehand locate against blkid -t on 512 GPT partitions, timed inside a boot (docs/locate.md)
bench-locate: native
	$(E2E_ENV) E2E_TIER=all $(E2E_DIR)/run.sh --flavour stagehand --jobs 1 many-partitions-512
	$(PYTHON) $(E2E_DIR)/bench-locate.py $(E2E_WORK)/logs/stagehand/many-partitions-512.serial.log

bench-boot: native
	$(E2E_ENV) $(E2E_DIR)/bench-boot.sh --repeat $(BENCH_REPEAT) --initrds "$(BENCH_INITRDS)" $(E2E_SCENARIOS)

bench-fetch: native
	$(E2E_ENV) $(E2E_DIR)/bench-fetch.sh --repeat $(BENCH_REPEAT)
