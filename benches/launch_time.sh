#!/bin/bash
# Time from launching the editor on a chart to its window being mapped, and to the chart being drawn, under
# an X server (Xvfb). Usage:
#   Xvfb :97 -screen 0 1400x900x24 &
#   orgchart generate --units 100000 --seed 7 -o /tmp/g100k.ron
#   DISPLAY=:97 benches/launch_time.sh target/release/orgchart /tmp/g100k.ron [SECONDS]
# "mapped" comes from `xdotool search --sync --name Orgchart`. "drawn" is the first screen dump (taken about
# every 0.3 s, so read it as +-0.3 s) whose strip of canvas at y=400..430, x=20..260 is not plain
# background, where the fitted band of a wide generated chart is drawn. Needs xdotool, xwd and ImageMagick.
set -eu
BIN=$1; CHART=$2; SECS=${3:-20}
OUT=$(mktemp -d)
export ORGCHART_DATA_DIR=$OUT/data XDG_CONFIG_HOME=$OUT/cfg
T0=$(date +%s.%N)
"$BIN" "$CHART" 2>"$OUT/stderr" &
PID=$!
xdotool search --sync --name Orgchart >/dev/null
echo "window mapped after $(echo "$(date +%s.%N) - $T0" | bc) s"
while :; do
  E=$(echo "$(date +%s.%N) - $T0" | bc)
  xwd -root -silent >"$OUT/$E.xwd"
  if (($(echo "$E > $SECS" | bc))); then break; fi
  sleep 0.2
done
kill "$PID" || true
for f in $(ls "$OUT"/*.xwd | sort -t/ -k4 -g); do
  spread=$(convert "xwd:$f" -crop 240x30+20+400 -colorspace gray -format '%[fx:standard_deviation]' info:)
  if (($(echo "$spread > 0.05" | bc))); then
    echo "chart drawn by $(basename "$f" .xwd) s"
    break
  fi
done
rm -rf "$OUT"
