#!/usr/bin/env python3
"""Time to first screen and to searchable, from outside: tmux capture-pane polled every ~5 ms
from the moment the pane is respawned with dossier (so times include process start).
"first screen": the pane shows the Documents box; "searchable": its title shows N/N (for a
corpus of 16 MB and more, titles only at first); "whole": the status bar no longer says
"titles only" (actors found, bodies searchable). Also prints when each loading phase first showed. Uses a private tmux socket and
XDG_* folders under /tmp/ldx.
usage: python3 docs/first_screen.py BINARY CORPUS [runs]
(BINARY may carry flags: "target/release/dossier --no-cache" times first opens)"""
import os, subprocess, sys, time
binary, corpus = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
sock = "ldx-measure"
env = dict(os.environ, XDG_DATA_HOME="/tmp/ldx/data", XDG_CONFIG_HOME="/tmp/ldx/config", XDG_CACHE_HOME="/tmp/ldx/cache", TERM="xterm-256color")
for d in ("data", "config", "cache"):
    os.makedirs(f"/tmp/ldx/{d}", exist_ok=True)
def tmux(*args):
    return subprocess.run(["tmux", "-L", sock, *args], env=env, capture_output=True, text=True).stdout
for run in range(runs):
    tmux("kill-server")
    time.sleep(0.3)  # a new server right after kill-server sometimes exits at once
    r = subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", "m", "-x", "120", "-y", "30", "sleep 600"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    time.sleep(0.3)
    assert "m:" in tmux("ls"), "no session"
    t0 = time.monotonic()
    r = subprocess.run(["tmux", "-L", sock, "respawn-pane", "-k", "-t", "m:0", f"{binary} {corpus}; sleep 600"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    first = searchable = None
    seen = {}
    while True:
        screen = tmux("capture-pane", "-p", "-t", "m:0")
        now = time.monotonic() - t0
        if first is None and "Documents" in screen:
            first = now
            print(f"  first screen {first:.3f} s: {[l for l in screen.splitlines() if 'Documents' in l or 'loading' in l or 'reading' in l][:2]}", flush=True)
        for mark in ("reading", "loading", "finding actors", "indexing"):
            if mark not in seen and mark + " " in screen:
                seen[mark] = now
        if searchable is None and "Documents " in screen and any(c.isdigit() for c in screen.split("Documents ")[1][:3]):
            searchable = now
        # The status bar drawn too (a capture can catch a frame half drawn): it shows the count.
        status = screen.rstrip("\n").splitlines()[-1] if screen.strip() else ""
        if searchable is not None and "titles only" not in status and "/" in status.split()[0]:
            whole = now
            break
        if now > 300:
            raise SystemExit('timeout; screen:\n' + screen)
        time.sleep(0.005)
    marks = ", ".join(f"{k} from {v:.2f} s" for k, v in seen.items())
    print(f"run {run}: first screen {first:.3f} s, searchable {searchable:.3f} s, whole {whole:.3f} s ({marks})", flush=True)
    tmux("send-keys", "-t", "m:0", "q")
    time.sleep(0.5)
tmux("kill-server")
