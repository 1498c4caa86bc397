// Access tokens for the bench's users, signed with the server's JWT_SECRET. See bench/socketio/run.
import crypto from 'node:crypto';

/// User n's id: its number in hex, as bench/socketio/run inserts them.
export const userId = (n) => n.toString(16).padStart(24, '0');

export function token(n, role = 'user') {
  const part = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: userId(n), role, jti: crypto.randomBytes(8).toString('hex'), fid: crypto.randomBytes(16).toString('hex'),
    ver: 0, iat: now, exp: now + 3600,
  })}`;
  return `${body}.${crypto.createHmac('sha256', process.env.JWT_SECRET).update(body).digest('base64url')}`;
}
