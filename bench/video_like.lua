-- POST /videos/:id/like: each request toggles another user's like of the bench video.
dofile("bench/shoppers.lua")
body = nil
