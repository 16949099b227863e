#!/usr/bin/env bash
# Runs the release build of `descent` on the teaching checks and fails on any wrong
# number. CI calls it after `swift build -c release`: some Swift compiler bugs (around
# _Differentiation and closures capturing inout state) appear only in release builds,
# while `swift test` runs the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/descent
[ -x "$bin" ] || { echo "no release binary at $bin; run swift build -c release" >&2; exit 1; }
fail=0
check() { # name, python expression over d (the JSON), command...
  local name=$1 expr=$2; shift 2
  if "$bin" "$@" --format json | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)"; then
    echo "ok    $name"
  else
    echo "FAIL  $name: descent $*" >&2; fail=1
  fi
}
check "ravine step 1 and f0" "abs(d['trajectory'][1]['x'][0]-1.728)<1e-12 and abs(d['trajectory'][1]['x'][1]-0.1)<1e-12 and abs(d['trajectory'][0]['loss']-4.12)<1e-12 and d['result']['steps']==100" \
  run --function "0.5*x^2+10*y^2" --optimizer gd --lr 0.04 --start 1.8,0.5 --steps 100
check "w^2+3 one step" "d['trajectory'][1]['x']==[1.0]" run --function "w^2+3" --lr 0.25 --start 2 --steps 1
check "x^2 lr 0.5 exact" "d['trajectory'][1]['x']==[0.0] and d['result']['stopReason']=='gradientTolerance'" run --function "x^2" --lr 0.5 --start 1 --steps 50
check "x^2 lr 1.1 diverges" "d['result']['stopReason']=='diverged'" run --function "x^2" --lr 1.1 --start 1 --steps 300
check "step budget honoured" "d['result']['steps']==37 and len(d['trajectory'])==38" run --steps 37 --gradient-tolerance 0
check "saddle reported" "d['result']['finalPoint']['kind']=='saddle'" run --function "x^2-y^2" --start 1,0 --lr 0.1 --steps 500
check "adam rosenbrock" "d['result']['loss']<1e-2" run --function rosenbrock --optimizer adam --lr 0.02 --steps 2000
check "himmelblau atlas" "sorted(p['kind'] for p in d['criticalPoints']).count('saddle')==4 and sum(p['kind']=='maximum' for p in d['criticalPoints'])==1" analyze --function himmelblau
check "ravine curvature" "abs(d['curvature']['maxStableLearningRate']-0.1)<1e-12 and abs(d['curvature']['optimalLearningRate']-2/21)<1e-12" analyze --function ravine --at 1,1
check "sweep x^2 threshold" "abs(d['divergenceThreshold']-1)<0.1" sweep --function "x^2" --optimizer gd --lr 0.01:2:log50
check "digits MLP adam ≥ 97%" "d['result']['validationAccuracy']>=0.97 and d['history'][-1]['sharpness']>0" \
  train --data digits --model mlp:128,64 --optimizer adam --lr 1e-3 --batch-size 64 --epochs 30 --sharpness-every 30
exit $fail
