#!/usr/bin/env python3
"""Latency of `deepspt stream`'s live outputs, as an acquisition program sees them.

Feeds a track CSV (particle,frame,x,y[,...], e.g. from `deepspt simulate`) to `stream --in -` at FPS frames/s,
all rows of a frame in one write, polls the states file, and reports, per frame, the time from its rows written to
the pipe to the first of its final states visible in the file (the lag L frames + 1 frame is the least possible),
and how many reads of the file ended inside a row.

    python3 stream_live.py JAR TRACKS.csv STATES.csv FPS [FRAMES] [-- extra stream options]
"""
import os
import subprocess
import sys
import threading
import time

args = sys.argv[1:]
extra = []
if '--' in args:
    extra = args[args.index('--') + 1:]
    args = args[:args.index('--')]
jar, tracks, out, fps = args[0], args[1], args[2], float(args[3])
nframes = int(args[4]) if len(args) > 4 else 10**9
frames = {}
with open(tracks) as f:
    cols = f.readline().strip().split(',')
    ip, iframe, ix, iy = (cols.index(c) for c in ('particle', 'frame', 'x', 'y'))
    for line in f:
        p = line.rstrip('\n').split(',')
        frames.setdefault(int(p[iframe]), []).append(f"{p[ip]},{p[iframe]},{p[ix]},{p[iy]}\n")
order = sorted(frames)[:nframes]
chunks = [''.join(frames[fr]).encode() for fr in order]
if os.path.exists(out):
    os.remove(out)
proc = subprocess.Popen(['java', '-jar', jar, 'stream', '--in', '-', '--out', out, '--no-progress'] + extra,
                        stdin=subprocess.PIPE, stderr=subprocess.PIPE)
written, seen, reads = {}, {}, [0, 0]
done = threading.Event()


def poll():
    while not os.path.exists(out):
        time.sleep(0.0005)
    with open(out, 'rb') as f:
        buf = b''
        while True:
            chunk = f.read()
            now = time.monotonic()
            if chunk:
                reads[1] += 1
                buf += chunk
                if not buf.endswith(b'\n'):
                    reads[0] += 1
                lines = buf.split(b'\n')
                buf = lines[-1]
                for line in lines[:-1]:
                    if not line.startswith(b'particle'):
                        seen.setdefault(int(line.split(b',')[2]), now)
            elif done.is_set():
                break
            else:
                time.sleep(0.001)


t = threading.Thread(target=poll)
t.start()
proc.stdin.write(b'particle,frame,x,y\n')
proc.stdin.flush()
time.sleep(1.0)
t0 = time.monotonic()
for i, fr in enumerate(order):
    wait = t0 + i / fps - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    proc.stdin.write(chunks[i])
    proc.stdin.flush()
    written[fr] = time.monotonic()
proc.stdin.close()
err = proc.stderr.read().decode()
proc.wait()
time.sleep(0.3)
done.set()
t.join()
lat = sorted((seen[fr] - written[fr]) * 1000 for fr in order if fr in seen)
n = len(lat)
print('\n'.join(line for line in err.splitlines() if line.startswith('streamed')))
print(f"fed {len(order)} frames in {written[order[-1]] - t0:.1f} s; a frame's first final state visible in the file "
      f"after its rows were written: p50 {lat[n // 2]:.0f} ms, p99 {lat[int(n * 0.99)]:.0f} ms; "
      f"{reads[0]} of {reads[1]} reads ended inside a row")
