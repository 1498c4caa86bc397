-- POST /cart/add: one unit of the bench product into another user's cart each time.
dofile("bench/shoppers.lua")
body = '{"productId": "' .. os.getenv("BENCH_PRODUCT") .. '", "quantity": 1}'
