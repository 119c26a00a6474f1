-- wrk script for bench/scale.sh: replays the paths of a file (one per line, made by
-- bench/scale_paths.py) in turn, each wrk thread starting at its own offset, so consecutive
-- requests ask different things and a path comes back only after the whole list has gone by
-- (longer than the server's 1,024-slot response cache holds it).
--   wrk -t2 -c16 -d10s --latency -s bench/scale_wrk.lua http://127.0.0.1:PORT -- PATHS_FILE 2
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("scale_wrk.lua: no paths in " .. tostring(args[1])) end
  local n = tonumber(args[2]) or 2
  i = math.floor(#paths * (tid or 0) / n)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
