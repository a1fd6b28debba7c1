#!/bin/bash
# Time from launching the editor on a chart to its window being mapped, and to the chart being drawn, under
# an X server (Xvfb). Usage:
#   Xvfb :97 -screen 0 1400x900x24 &
#   orgchart generate --units 100000 --seed 7 -o /tmp/g100k.ron
#   DISPLAY=:97 benches/launch_time.sh target/release/orgchart /tmp/g100k.ron [SECONDS]
# "mapped" is when `xdotool search --onlyvisible --name Orgchart` first finds the window, asked every 10 ms:
# eframe creates the window hidden and shows it after painting the first frame (without --onlyvisible the
# hidden window already matches), and `search --sync` polls only every 0.5 s, which made every launch
# read as 0.5-0.6 s. "drawn" is the first screen dump (taken about
# every 0.3 s, so read it as +-0.3 s) whose strip of canvas at y=400..430, x=20..260 is not plain
# background, where the fitted band of a wide generated chart is drawn. Needs xdotool, xwd and ImageMagick.
set -eu
BIN=$1; CHART=$2; SECS=${3:-20}
OUT=$(mktemp -d)
export ORGCHART_DATA_DIR=$OUT/data XDG_CONFIG_HOME=$OUT/cfg
T0=$(date +%s.%N)
"$BIN" "$CHART" 2>"$OUT/stderr" &
PID=$!
until xdotool search --onlyvisible --name Orgchart >/dev/null 2>&1; do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "the editor exited before its window showed:" >&2
    cat "$OUT/stderr" >&2
    exit 1
  fi
  sleep 0.01
done
echo "window mapped after $(echo "$(date +%s.%N) - $T0" | bc) s"
while :; do
  E=$(echo "$(date +%s.%N) - $T0" | bc)
  xwd -root -silent >"$OUT/$E.xwd"
  if (($(echo "$E > $SECS" | bc))); then break; fi
  sleep 0.2
done
kill "$PID" || true
wait "$PID" 2>/dev/null || true
for f in $(ls "$OUT"/*.xwd | sort -t/ -k4 -g); do
  spread=$(convert "xwd:$f" -crop 240x30+20+400 -colorspace gray -format '%[fx:standard_deviation]' info:)
  if (($(echo "$spread > 0.05" | bc))); then
    echo "chart drawn by $(basename "$f" .xwd) s"
    break
  fi
done
rm -rf "$OUT"
