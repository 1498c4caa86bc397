// Makes COUNT users (ids 0...01 to COUNT in hex, numbers +917000000001...) straight in the
// database, each with 10 lakh rupees in the wallet (one adjustment ledger row, so `superapp wallet
// verify` holds), and writes one signed access token per user, a line each, for the shop
// scenarios: every request of them comes from another user.
//
//   node bench/make_shoppers.mjs <count> <out-file>     (DATABASE_URL and JWT_SECRET set)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';

const [count, out] = [Number(process.argv[2]), process.argv[3]];
const psql = `${process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin'}/psql`;
execFileSync(psql, [process.env.DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-Xqc',
  `INSERT INTO users (id, phone_number)
   SELECT lpad(to_hex(n), 24, '0'), '+917' || lpad(n::text, 9, '0') FROM generate_series(1, ${count}) AS n
   ON CONFLICT DO NOTHING;
   INSERT INTO wallets (user_id, balance, entries)
   SELECT lpad(to_hex(n), 24, '0'), 100000000, 1 FROM generate_series(1, ${count}) AS n
   ON CONFLICT DO NOTHING;
   INSERT INTO wallet_transactions (id, user_id, seq, type, credit, amount, description, source_type, source_reference,
                                    status, balance_before, balance_after, processed_at)
   SELECT 'ad' || lpad(to_hex(n), 22, '0'), lpad(to_hex(n), 24, '0'), 1, 'adjustment', true, 100000000, 'bench funds',
          'adjustment', lpad(to_hex(n), 24, '0'), 'completed', 0, 100000000, now()
   FROM generate_series(1, ${count}) AS n
   ON CONFLICT DO NOTHING`]);

const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = encode({ alg: 'HS256', typ: 'JWT' });
const now = Math.floor(Date.now() / 1000);
const lines = [];
for (let n = 1; n <= count; n++) {
  const payload = encode({ sub: n.toString(16).padStart(24, '0'), role: 'user', jti: crypto.randomBytes(16).toString('hex'),
    fid: crypto.randomBytes(16).toString('hex'), ver: 0, iat: now, exp: now + 3600 });
  const signature = crypto.createHmac('sha256', process.env.JWT_SECRET).update(`${header}.${payload}`).digest('base64url');
  lines.push(`${header}.${payload}.${signature}`);
}
fs.writeFileSync(out, `${lines.join('\n')}\n`);
