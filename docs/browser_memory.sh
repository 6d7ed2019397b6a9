#!/bin/bash
# Peak memory of the browser on a corpus, from outside: starts dossier in a private tmux server
# (120x30, XDG_* folders under /tmp/bmem), waits until the status bar no longer says "loading",
# "reading" (the file coming from disk) nor "titles only" (the whole library is in) and the
# peak has held still for 3 s, then prints VmHWM (peak resident memory) and the corpus's size.
# usage: bash docs/browser_memory.sh BINARY CORPUS [FLAGS]   (FLAGS default: --no-cache)
# With CACHE=write, the index cache folder is emptied first and the run (FLAGS default: none)
# is measured until the index cache is written too: a first open as users have it. With
# CACHE=reopen (after a CACHE=write run of the same binary), the run reopens from that cache.
set -eu
binary=$1 corpus=$2
cache=${CACHE:-}
case $cache in
  write|reopen) flags=${3:-} ;;
  *) flags=${3:---no-cache} ;;
esac
sock=bmem
[ "$cache" = write ] && rm -rf /tmp/bmem/cache
mkdir -p /tmp/bmem/{data,config,cache}
# Whether the index cache is written (always, unless CACHE=write): a file, no temporary left.
written() {
  [ "$cache" != write ] && return 0
  ls /tmp/bmem/cache/dossier/*.bin > /dev/null 2>&1 && ! ls /tmp/bmem/cache/dossier/.tmp-* > /dev/null 2>&1
}
tmux -L $sock kill-server 2>/dev/null || true
tmux -L $sock -f /dev/null new-session -d -x 120 -y 30 \
  -e XDG_CACHE_HOME=/tmp/bmem/cache -e XDG_DATA_HOME=/tmp/bmem/data -e XDG_CONFIG_HOME=/tmp/bmem/config \
  "exec $binary $flags $corpus"
pid=""
for _ in $(seq 1 100); do
  pid=$(tmux -L $sock list-panes -F '#{pane_pid}' 2>/dev/null | head -1)
  [ -n "$pid" ] && [ -r /proc/$pid/status ] && break
  sleep 0.05
done
peak() { awk '/VmHWM/{print $2}' /proc/$pid/status; }
last=0 still=0
for _ in $(seq 1 1200); do
  sleep 0.25
  status=$(tmux -L $sock capture-pane -p | tail -1)
  now=$(peak)
  if [[ $status != *"titles only"* && $status != *"loading"* && $status != *"reading"* && $status == *"LIST"* && $now == "$last" ]] && written; then
    still=$((still + 1))
  else
    still=0
  fi
  last=$now
  [ $still -ge 12 ] && break
done
bytes=$(du -cb $corpus | tail -1 | cut -f1)
awk -v kb="$last" -v b="$bytes" 'BEGIN { printf "peak %.0f MB, corpus %.0f MB: %.2fx\n", kb * 1024 / 1e6, b / 1e6, kb * 1024 / b }'
tmux -L $sock send-keys q
sleep 0.3
tmux -L $sock kill-server 2>/dev/null || true
