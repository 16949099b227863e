-- wrk script: POST the navigator's trajectory request (4 optimizers × 1,000 steps on
-- Himmelblau's function) and count non-2xx answers.
--   wrk -t2 -c8 -d10s -s scripts/wrk_trajectories.lua http://127.0.0.1:8123/api/trajectories
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"function": "himmelblau", "start": [0.5, -0.25], "steps": 1000, "tolerance": 1e-300,
  "runs": [{"optimizer": {"name": "gd", "learningRate": 0.01}},
           {"optimizer": {"name": "gd", "learningRate": 0.005}},
           {"optimizer": {"name": "gd", "learningRate": 0.002}},
           {"optimizer": {"name": "gd", "learningRate": 0.001}}]}]]

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", bad))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
