# Legacy hooks (hooks flavour): with e2e.hookfail on the command line, init-premount/e2e-fail
# exits 7 until /run/e2e-hook-fixed exists. The boot must stop there and go to emergency mode
# with the script's name and status on the console; the harness removes the cause in the
# emergency shell and types `systemctl default`; the boot must then go on to the root, running
# e2e-fail again but not e2e-a-ok (it succeeded before: its done-marker), then local-top (which
# makes the root device) and the rest.
DESCRIPTION="failing init-premount script -> emergency naming it; fixed there, systemctl default boots"
FLAVOURS="hooks"
DISKS=(plain)
CMDLINE="root=/dev/mapper/hookroot e2e.hookfail"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>systemctl --no-pager --no-legend list-units --failed | sed 's/^/EMERG-FAILED /'; systemctl --no-pager --no-legend list-units --state=active,activating 'stagehand*' | sed 's/^/EMERG-ACTIVE /'; ls /run | sed 's/^/EMERG-RUN /'; : > /run/e2e-hook-fixed; echo EMERG-FIXED-\$((40+2)); systemctl default\n")
EXPECT=('E2E-FACT point: nixos-preFailCommands '
    'stagehand: init-premount/e2e-fail failed with exit status 7 \(/etc/initramfs-tools/scripts/init-premount/e2e-fail\)'
    'e2e-fail: the cause is still there'
    'stagehand: the boot stops at the init-premount hooks and goes to emergency mode'
    'Entering emergency mode'
    'EMERG-FAILED .*stagehand-hook@init-premount\.service +loaded failed failed'
    'EMERG-FIXED-42'
    'stagehand: init-premount/e2e-a-ok succeeded earlier in this boot; not run again'
    'e2e-fail: the cause is gone'
    'E2E-FACT root-mount: /dev/mapper/hookroot / ext4 '
    'E2E-FACT run: .*\be2e-hook-ok-1\b'
    'E2E-FACT run: .*\be2e-hook-2-dm\b'
    'ROOT-MARKER-OK')
# before the failure nothing of local-top ran (it requires init-premount), nor the root wait
# (it requires the hooks before it: its budget must not run out in the emergency shell), and
# e2e-a-ok ran once
REJECT=('Kernel panic' 'EMERG-RUN e2e-hook-1-prep' 'EMERG-RUN e2e-hook-2-dm' 'E2E-FACT run: .*\be2e-hook-ok-2\b'
    'EMERG-ACTIVE .*stagehand-rootwait')
TIMEOUT=300
