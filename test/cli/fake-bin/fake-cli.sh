#!/bin/sh
# Stand-in for the `cdk`, `cdktf` and `cdktn` CLIs in deploy tests (this file, under each tool's
# name): records its arguments (one JSON line per call, written when the call ends, with its start
# and end times in ms), sleeps on request (CCVPN_FAKE_SLEEP: {"<stack>": ms}), fails on request
# (CCVPN_FAKE_FAIL: stacks, comma-separated), and writes the outputs file the real tools write
# (CCVPN_FAKE_OUTPUTS: {"<stack>": {…}}). It prints a line or two, as the tools do, to its log.
#
# CCVPN_FAKE_MEET: {"<stack>": ["<other stack>", …]}: the call waits, before its sleep, until the
# calls for those stacks have started too (each call leaves `<log>.started.<stack>` when it
# starts), and fails after 20 s if they do not. Stacks that meet each other are provably
# deployed side by side, however slowly the machine starts processes; a deployer that ran them
# one after the other fails the meeting instead of passing by luck.
#
# A shell script with at most one jq call, not a node script: the deploy tests start ~130 of these,
# and node's own start costs ~0.1 CPU-second here, jq 1.6's ~25 ms.
set -eu
tool=${0##*/}
start=$(date +%s%3N)
verb=${1-}
stack=${2-}
log=$CCVPN_FAKE_LOG
: >"$log.started.$stack"
echo "$tool $verb $stack: starting (stand-in)"
# CCVPN_FAKE_PRINT: a line the tool prints, e.g. a plan showing an attribute (split over writes).
if [ -n "${CCVPN_FAKE_PRINT-}" ]; then
  printf '%.12s' "$CCVPN_FAKE_PRINT"
  printf '%s\n' "$(printf '%s' "$CCVPN_FAKE_PRINT" | cut -c13-)"
fi

outputs_file='' app=''
prev=''
for a in "$@"; do
  case $prev in
    --outputs-file) outputs_file=$a ;;
    --app) app=$a ;;
  esac
  prev=$a
done
# A template written by fake-synth.js may carry the outputs its stack reports.
template=''
[ -n "$app" ] && [ -f "$app/$stack.template.json" ] && template=$app/$stack.template.json
# Everything JSON in one jq call, made only when a setting or an outputs file needs it: the sleep,
# the stacks to meet, the outputs file's text ("$@": the template slurped as $t, or `[]`).
settings() {
  command -v jq >/dev/null || { echo "$tool (stand-in): jq is not installed (apt-get install jq)" >&2; exit 127; }
  jq -rn --arg s "$stack" "$@" '
    (env.CCVPN_FAKE_OUTPUTS // "{}" | fromjson | .[$s]) as $o
    | (if $o == null then $t[0].FakeOutputs else $o end) as $out
    | "sleep_ms=\((env.CCVPN_FAKE_SLEEP // "{}" | fromjson | .[$s]) // 0 | @sh)",
      "meet=\((env.CCVPN_FAKE_MEET // "{}" | fromjson | .[$s]) // [] | join(" ") | @sh)",
      "outputs=\({($s): ($out // {})} | tojson | @sh)"'
}
sleep_ms=0 meet='' outputs=''
# (assigned first: a jq error, e.g. a setting that is not JSON, then stops the stand-in, where
# `eval "$(…)"` would go on with the defaults)
if [ -n "$template" ]; then
  vars=$(settings --slurpfile t "$template")
  eval "$vars"
elif [ -n "${CCVPN_FAKE_SLEEP-}${CCVPN_FAKE_MEET-}" ] || [ -n "$outputs_file" ]; then
  vars=$(settings --argjson t '[]')
  eval "$vars"
fi

# The JSON line by printf (arguments with no quote, backslash or control character, as deploy
# passes: stack names, flags, paths), else by jq, which takes the arguments one per line on its
# input (jq 1.6 reads a positional argument like `--app` as its own option).
record() {
  stop=$(date +%s%3N)
  line="{\"tool\":\"$tool\",\"args\":["
  sep=''
  for a in "$@"; do
    case $a in
      *[\"\\]* | *[[:cntrl:]]*)
        printf '%s\n' "$@" | jq -cnR --arg tool "$tool" --argjson start "$start" --argjson stop "$stop" '{tool: $tool, args: [inputs], start: $start, "end": $stop}' >>"$log"
        return
        ;;
    esac
    line="$line$sep\"$a\""
    sep=','
  done
  printf '%s],"start":%s,"end":%s}\n' "$line" "$start" "$stop" >>"$log"
}

for other in $meet; do
  while [ ! -e "$log.started.$other" ]; do
    if [ $(($(date +%s%3N) - start)) -gt 20000 ]; then
      echo "$tool: $stack waited 20 s for $other to start alongside it (stand-in)" >&2
      record "$@"
      exit 1
    fi
    sleep 0.02
  done
done
[ "$sleep_ms" -gt 0 ] && sleep "$((sleep_ms / 1000)).$(printf '%03d' $((sleep_ms % 1000)))"

case ",${CCVPN_FAKE_FAIL-}," in
  *",$stack,"*)
    echo "$tool: $stack failed (stand-in)" >&2
    record "$@"
    exit 1
    ;;
esac
if [ -n "$outputs_file" ]; then
  # CCVPN_FAKE_TRUNCATE: write half the file, as a tool killed mid-write would.
  if [ -n "${CCVPN_FAKE_TRUNCATE-}" ]; then
    printf '%s' "$outputs" | head -c $((${#outputs} / 2)) >"$outputs_file"
  else
    printf '%s' "$outputs" >"$outputs_file"
  fi
fi
echo "$tool $verb $stack: done (stand-in)"
record "$@"
