-- POST /orders: another user orders one unit of the bench product, paid from the wallet.
dofile("bench/shoppers.lua")
body = '{"items": [{"product": "' .. os.getenv("BENCH_PRODUCT") .. '", "quantity": 1}],'
    .. ' "deliveryAddress": {"name": "Bench User", "phone": "9845012345", "address": "1 MG Road",'
    .. ' "city": "Bengaluru", "pincode": "560001", "coordinates": [77.61, 12.97]},'
    .. ' "payment": {"method": "' .. (os.getenv("BENCH_PAYMENT") or "wallet") .. '"}}'
