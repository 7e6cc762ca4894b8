#!/usr/bin/env bash
# Replays a new user's first minutes in the REAL app with real X input events (xdotool),
# under Xvfb, and leaves screenshots to look at. Run it by hand:
#
#     bash tests/e2e/new_user.sh [OUT_DIR]        (needs: xvfb xdotool imagemagick)
#
# It starts its own Xvfb, opens a new document, adds three elements from the keyboard
# (Insert shortcuts) and names them, connects two with Connect To..., drags one with the
# mouse, undoes with Ctrl+Z and redoes with Ctrl+Y, opens Find with Ctrl+F, and checks the
# saved file. Exit 0 when the saved text has what the user made.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/archstudio-e2e}"
mkdir -p "$out"
for tool in Xvfb xdotool import; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install xvfb xdotool imagemagick)"; exit 2; }
done
display=":$((RANDOM % 400 + 100))"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
config="$(mktemp -d)"
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$config"' EXIT
export DISPLAY="$display" ARCHSTUDIO_CONFIG_DIR="$config" ARCHSTUDIO_SINGLE_INSTANCE=0
sleep 1
.venv/bin/archstudio open >"$out/app.log" 2>&1 &
app=$!
window=$(xdotool search --sync --onlyvisible --name "ArchStudio" | head -1)
xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
sleep 2
shot() { import -window root "$out/$1.png"; echo "screenshot $out/$1.png"; }
key() { xdotool key --window "$window" --clearmodifiers "$@"; sleep 0.6; }
type_text() { xdotool type --delay 40 "$1"; sleep 0.4; }
shot 01-new-window
# The canvas first (Ctrl+Tab cycles; a click on the empty canvas also works).
eval "$(xdotool getwindowgeometry --shell "$window")"
canvas_x=$((X + 828)); canvas_y=$((Y + 480))
xdotool mousemove "$canvas_x" "$canvas_y" click 1; sleep 0.5
key alt+shift+1; type_text "Web Shop"; key Return      # a container, named at once
key alt+shift+1; type_text "Payment Service"; key Return
key alt+shift+2; type_text "Orders DB"; key Return     # a datastore
shot 02-three-elements
key ctrl+shift+k; type_text "PaymentService"; key Return  # Orders DB (selected) -> Payment
shot 03-connected
# Drag what is under the canvas centre 200 px to the right, with the real mouse.
xdotool mousemove "$canvas_x" "$canvas_y" mousedown 1
for step in 1 2 3 4 5 6 7 8 9 10; do xdotool mousemove_relative 20 0; sleep 0.05; done
xdotool mouseup 1; sleep 0.8
shot 04-dragged
key ctrl+z; key ctrl+y
key ctrl+f; type_text "Payment"; key Escape
shot 05-find
file="$out/new-user.arch"
rm -f "$file"
key ctrl+shift+s; sleep 1; type_text "$file"; key Return; sleep 1
shot 06-saved
grep -q 'container WebShop "Web Shop"' "$file" && grep -q 'PaymentService' "$file" && grep -q '"Orders DB"' "$file" && grep -q -- '->' "$file" \
    && { echo "OK: $file has the named elements and the relation"; exit 0; }
echo "FAILED: see $file and the screenshots in $out"; exit 1
