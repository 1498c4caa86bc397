// A redis-server of a test's own (so that stopping it touches no other test file) and a small RESP
// client to look at its keys.
//
//   const redis = await startRedis();   // redis.url for REDIS_URL
//   await redis.command('GET', 'key');  // a string, number, null or array; an error reply throws
//   await redis.stop();                 // SHUTDOWN NOSAVE; start() brings it back, empty
import { spawn } from 'node:child_process';
import net from 'node:net';

import { freePort } from './server.js';

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Parses one RESP reply at `at` of `buf`; returns [value, next offset], or undefined when incomplete. */
function parseReply(buf, at) {
  const end = buf.indexOf('\r\n', at);
  if (end < 0) return undefined;
  const head = buf.toString('utf8', at + 1, end);
  const next = end + 2;
  switch (String.fromCharCode(buf[at])) {
    case '+': return [head, next];
    case '-': return [new Error(head), next];
    case ':': return [Number(head), next];
    case '$': {
      const len = Number(head);
      if (len < 0) return [null, next];
      if (buf.length < next + len + 2) return undefined;
      return [buf.toString('utf8', next, next + len), next + len + 2];
    }
    case '*': {
      const count = Number(head);
      if (count < 0) return [null, next];
      const items = [];
      let pos = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, pos);
        if (!item) return undefined;
        items.push(item[0]);
        pos = item[1];
      }
      return [items, pos];
    }
    default: throw new Error(`not a RESP reply: ${buf.toString('utf8', at, end)}`);
  }
}

/** Runs one command on a connection of its own. */
export function command(port, ...args) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      const reply = parseReply(buf, 0);
      if (!reply) return;
      socket.end();
      if (reply[0] instanceof Error) reject(reply[0]); else resolve(reply[0]);
    });
    socket.on('close', () => reject(new Error('Redis closed the connection before answering')));
    const parts = args.map((a) => Buffer.from(String(a)));
    socket.write(Buffer.concat([
      Buffer.from(`*${parts.length}\r\n`),
      ...parts.flatMap((p) => [Buffer.from(`$${p.length}\r\n`), p, Buffer.from('\r\n')]),
    ]));
  });
}

export async function startRedis() {
  const port = await freePort();
  let proc;
  const redis = {
    url: `redis://127.0.0.1:${port}`,
    command: (...args) => command(port, ...args),
    async start() {
      proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        try {
          if (await redis.command('PING') === 'PONG') return;
        } catch { /* not listening yet */ }
        await sleep(50);
      }
      throw new Error(`redis-server never answered on port ${port}`);
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => { proc.once('exit', resolve); });
      await redis.command('SHUTDOWN', 'NOSAVE').catch(() => {}); // the connection closes unanswered
      await exited;
    },
  };
  await redis.start();
  return redis;
}
