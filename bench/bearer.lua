-- Sends every request with the access token bench/run obtained by logging in a demo user.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
