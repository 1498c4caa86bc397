-- GETs a different URL each time, dealt in turn from BENCH_PATHS (one path a line, made by bench/run
-- for the scenario): a cache in front of the route sees as many keys as the list has lines.
local threads = 0
function setup(thread)
    thread:set("index", threads)
    threads = threads + 1
    thread:set("stride", tonumber(os.getenv("BENCH_THREADS") or "2"))
end

local paths = {}
local next_request = 0
function init(args)
    for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
    next_request = index
end

function request()
    local path = paths[next_request % #paths + 1]
    next_request = next_request + stride
    return wrk.format("GET", path)
end
