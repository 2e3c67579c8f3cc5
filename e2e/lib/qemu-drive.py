#!/usr/bin/python3
"""Boot QEMU with the serial console on a unix socket, answer prompts, check markers.

usage: qemu-drive.py --log FILE --timeout SECONDS [--step 'REGEX=>REPLY']... [--expect REGEX]...
                     [--reject REGEX]... [--done REGEX] -- qemu-system-x86_64 ARGS...

--step     expect/answer, in order; each fires once. REGEX is searched in the serial output that
           arrived since the previous step fired. REPLY: backslash escapes (\\n \\r \\t \\xNN)
           are decoded; leading tags modify it:
             <delay=S>   wait S seconds before answering (e.g. type a passphrase late)
             <hmp>       send REPLY (+ newline) to the QEMU human monitor instead of the console
                         (e.g. '<hmp>device_add virtio-blk-pci,drive=late0,id=late0'; declare
                         the drive with -drive if=none,id=late0 ... on the command line)
--expect   must be found in the whole serial log (multi-line regex) for PASS
--reject   must not be found in the whole serial log
--rescue-trigger REGEX, --rescue 'REGEX=>REPLY'...
           when REGEX shows up (e.g. 'Entering emergency mode' in a boot that should reach
           root), the remaining steps are dropped and the rescue steps run instead (e.g. drive
           the emergency shell to print evidence and power off); at most --rescue-time seconds
           (default 90) more. The verdict is FAIL.
--emergency-ok REGEX
           a boot that ends in emergency mode (--rescue-trigger seen) passes after all when
           REGEX is found in the serial output before that point, on a line that does not echo
           the kernel command line (the e2e-fuzz boots: "reach root, or emergency mode with a
           message naming the bad word"); missing --expect and a --reject of the trigger
           itself are then not failures.
--done     once all steps fired and all --expect matched and DONE is seen (default
           ROOT-MARKER-OK), qemu gets 15 s to power off by itself, then it is killed.
PASS iff every --expect matched, no --reject matched and every step fired.
Prints one line: result=PASS|FAIL wall=S marker_wall=S uptime=S after_input=S qemu_rc=N reason=...
(marker_wall: host seconds from qemu start to ROOT-MARKER-OK; uptime: guest /proc/uptime
 printed with the marker; after_input: host seconds from the last answer typed on the console
 (a passphrase) to the marker, what the person at the prompt waits; '-' when absent). Timestamps of every serial line go to LOG.times.
"""
import argparse, codecs, os, re, signal, socket, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument('--log', required=True)
ap.add_argument('--timeout', type=float, required=True)
ap.add_argument('--step', action='append', default=[])
ap.add_argument('--expect', action='append', default=[])
ap.add_argument('--reject', action='append', default=[])
ap.add_argument('--done', default='ROOT-MARKER-OK')
ap.add_argument('--rescue-trigger', default=None)
ap.add_argument('--rescue', action='append', default=[])
ap.add_argument('--rescue-time', type=float, default=90)
ap.add_argument('--emergency-ok', default=None)
ap.add_argument('qemu', nargs=argparse.REMAINDER)
a = ap.parse_args()
qemu = a.qemu[1:] if a.qemu and a.qemu[0] == '--' else a.qemu

TAG = re.compile(r'^<(delay=[0-9.]+|hmp)>')


def parse_steps(lst):
    out = []
    for s in lst:
        if '=>' not in s:
            sys.exit(f"bad step {s!r}: want REGEX=>REPLY")
        pat, reply = s.split('=>', 1)
        delay, hmp = 0.0, False
        while True:
            m = TAG.match(reply)
            if not m:
                break
            if m.group(1) == 'hmp':
                hmp = True
            else:
                delay = float(m.group(1)[6:])
            reply = reply[m.end():]
        reply = codecs.decode(reply, 'unicode_escape')
        out.append((re.compile(pat.encode()), reply.encode(), delay, hmp, pat))
    return out


steps = parse_steps(a.step)
rescue = parse_steps(a.rescue)
rescue_re = re.compile(a.rescue_trigger.encode()) if a.rescue_trigger else None
rescued_at = None
before_rescue = b''

tmp = f"/tmp/e2e-qemu-{os.getpid()}"
ser, mon = tmp + ".serial.sock", tmp + ".monitor.sock"
qemu = qemu + ['-chardev', f'socket,id=ser0,path={ser},server=on,wait=on', '-serial', 'chardev:ser0',
               '-monitor', f'unix:{mon},server=on,wait=off']
t0 = time.time()
p = subprocess.Popen(qemu, stdin=subprocess.DEVNULL)


def on_signal(signum, frame):
    # run.sh's trap or the outer watchdog: do not leave qemu behind
    if p.poll() is None:
        p.kill()
    for f in (ser, mon):
        if os.path.exists(f):
            os.unlink(f)
    print(f"result=FAIL wall={time.time()-t0:.1f} marker_wall=- uptime=- qemu_rc=- reason=interrupted-by-signal-{signum}")
    sys.exit(1)


for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, on_signal)
while not os.path.exists(ser):
    if p.poll() is not None:
        print(f"result=FAIL wall={time.time()-t0:.1f} marker_wall=- uptime=- qemu_rc={p.returncode} reason=qemu-died-at-start")
        sys.exit(1)
    time.sleep(0.05)
# QEMU creates the socket file before it listens on it: a connect in between is refused
# (seen once in twenty boots on a loaded machine), so try again for a while
for attempt in range(200):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(ser)
        break
    except ConnectionRefusedError:
        s.close()
        if p.poll() is not None or attempt == 199:
            print(f"result=FAIL wall={time.time()-t0:.1f} marker_wall=- uptime=- qemu_rc={p.returncode} reason=serial-socket-refused")
            sys.exit(1)
        time.sleep(0.05)
s.settimeout(0.25)

out = open(a.log, 'wb')
times = open(a.log + '.times', 'w')
buf = b''          # output since the last step fired
line = b''
marker_wall = None
input_wall = None  # when the last answer was typed on the console
done_at = None
reason = 'timeout'
pending = None     # (fire_at, step) for delayed replies
full = b''
done_re = re.compile(a.done.encode())
expects = [e.encode() for e in a.expect]


def note(msg):
    m = f"\n[e2e t={time.time()-t0:.1f}s {msg}]\n"
    out.write(m.encode()); out.flush()


def send(step):
    _, reply, _, hmp, pat = step
    if hmp:
        m = socket.socket(socket.AF_UNIX)
        m.connect(mon)
        m.sendall(reply + b'\n')
        time.sleep(0.5)
        m.close()
        note(f"sent to monitor: {reply!r}")
    else:
        global input_wall
        s.sendall(reply)
        input_wall = time.time() - t0
        note(f"typed on console: {reply!r}")


while True:
    now = time.time()
    if now - t0 > a.timeout:
        reason = 'timeout'
        break
    if pending and now >= pending[0]:
        send(pending[1]); pending = None
    try:
        d = s.recv(65536)
    except socket.timeout:
        d = None
    except OSError:
        d = b''
    if d == b'':
        reason = 'qemu-exited'
        break
    if d:
        out.write(d); out.flush()
        buf += d
        line += d
        while b'\n' in line:
            l, line = line.split(b'\n', 1)
            times.write(f"{time.time()-t0:.3f} {l.decode('utf-8', 'replace').rstrip()}\n")
        if marker_wall is None and b'ROOT-MARKER-OK' in buf:
            marker_wall = time.time() - t0
        if rescue_re and rescued_at is None and rescue_re.search(full + d):
            # the boot failed into emergency mode: drop the scenario's steps, run the rescue
            # dialogue (collects evidence, powers off); the verdict stays FAIL
            rescued_at = time.time()
            before_rescue = full + d
            note(f"rescue: {a.rescue_trigger!r} seen, collecting evidence")
            steps, pending, buf = rescue, None, b''
        if steps and not pending and steps[0][0].search(buf):
            st = steps.pop(0)
            note(f"matched {st[4]!r}")
            buf = b''
            time.sleep(0.3)          # let the prompt reader get ready
            if st[2] > 0:
                pending = (time.time() + st[2], st)
                note(f"answering in {st[2]}s")
            else:
                send(st)
        buf = buf[-65536:]
        full += d
        if done_at is None and not steps and not pending and done_re.search(full) \
                and all(re.search(e, full, re.M) for e in expects):
            done_at = time.time()
    if rescued_at and time.time() - rescued_at > a.rescue_time:
        reason = 'rescue-time-over'
        break
    if done_at and time.time() - done_at > 15:
        reason = 'killed-after-done'
        break

times.close()
out.close()
if p.poll() is None:
    p.terminate()
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill(); p.wait()
for f in (ser, mon):
    if os.path.exists(f):
        os.unlink(f)
wall = time.time() - t0
log = open(a.log, 'rb').read()
fails = []
for e in a.expect:
    if not re.search(e.encode(), log, re.M):
        fails.append('missing:' + e)
for r in a.reject:
    if re.search(r.encode(), log, re.M):
        fails.append('rejected:' + r)
named = None
if rescued_at and a.emergency_ok:
    shown = b'\n'.join(l for l in before_rescue.split(b'\n') if b'ommand line' not in l)
    named = re.search(a.emergency_ok.encode(), shown)
if named:
    # emergency mode is an accepted end when the console said why, naming the bad word
    fails = [f for f in fails if not f.startswith('missing:') and f != 'rejected:' + (a.rescue_trigger or '')]
    note_named = 'emergency-named:' + named.group(0).decode('utf-8', 'replace')[:60]
elif rescued_at:
    fails.append('emergency-mode(see-RESCUE-lines)')
elif steps or pending:
    fails.append('step-not-reached:' + (pending[1][4] if pending else steps[0][4]))
m = re.search(rb'ROOT-MARKER-OK uptime=([0-9.]+)', log)
uptime = m.group(1).decode() if m else '-'
res = 'FAIL' if fails else 'PASS'
why = ','.join(fails) + ';end=' + reason if fails else (note_named + ';' if named else '') + reason
why = re.sub(r'\s+', '_', why)
mw = f"{marker_wall:.1f}" if marker_wall is not None else '-'
ai = f"{marker_wall - input_wall:.1f}" if marker_wall is not None and input_wall is not None and marker_wall > input_wall else '-'
print(f"result={res} wall={wall:.1f} marker_wall={mw} uptime={uptime} after_input={ai} qemu_rc={p.returncode} reason={why}")
sys.exit(0 if res == 'PASS' else 1)
