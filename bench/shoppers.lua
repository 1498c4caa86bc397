-- POSTs `body` (set by the scenario's script) as a different user each time: the tokens of
-- BENCH_SHOPPERS (one a line, made by make_shoppers.mjs) are dealt out between wrk's threads,
-- and each request carries an Idempotency-Key of its own.
local threads = 0
function setup(thread)
    thread:set("index", threads)
    threads = threads + 1
    thread:set("stride", tonumber(os.getenv("BENCH_THREADS") or "2"))
end

local tokens = {}
local next_request = 0
function init(args)
    for line in io.lines(os.getenv("BENCH_SHOPPERS")) do tokens[#tokens + 1] = line end
    next_request = index
end

function request()
    local token = tokens[next_request % #tokens + 1]
    local key = "bench-" .. index .. "-" .. next_request
    next_request = next_request + stride
    return wrk.format("POST", nil, {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = key,
    }, body)
end
