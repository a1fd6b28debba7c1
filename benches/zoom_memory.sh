#!/bin/bash
# The editor's peak memory (`VmHWM`) as it zooms in on a chart one "+" click at a time, under an X server
# (Xvfb). Usage:
#   Xvfb :97 -screen 0 1400x900x24 &
#   orgchart generate --units 100000 --seed 7 -o /tmp/g100k.ron
#   DISPLAY=:97 benches/zoom_memory.sh target/release/orgchart /tmp/g100k.ron [CLICKS]
# Prints the peak after opening and after each click, in MB. The "+" button is where a 1400x900 screen puts
# it (x=1013, y=38 with the details panel open). Needs xdotool.
set -eu
BIN=$1; CHART=$2; CLICKS=${3:-30}
OUT=$(mktemp -d)
export ORGCHART_DATA_DIR=$OUT/data XDG_CONFIG_HOME=$OUT/cfg
"$BIN" "$CHART" 2>"$OUT/stderr" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until xdotool search --onlyvisible --name Orgchart >/dev/null 2>&1; do sleep 0.05; done
sleep 6
peak() { awk '/VmHWM/ {print int($2 / 1000)}' "/proc/$PID/status"; }
printf 'opened %s MB\n' "$(peak)"
for i in $(seq 1 "$CLICKS"); do
  xdotool mousemove 1013 38 click 1
  sleep 0.6
  printf '%s: %s MB\n' "$i" "$(peak)"
done
