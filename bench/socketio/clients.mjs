// N raw Engine.IO/Socket.IO WebSocket clients (the protocol by hand keeps the client side light),
// each with an access token of its own user. See bench/socketio/run.
import crypto from 'node:crypto';
import fs from 'node:fs';

import WebSocket from 'ws';

const url = process.env.URL;
const clients = Number(process.env.CLIENTS);
const rounds = Number(process.env.ROUNDS);
const serverPid = process.env.SERVER_PID;
const secret = process.env.JWT_SECRET;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${serverPid}/status`, 'utf8'))[1]);
const userId = (n) => n.toString(16).padStart(24, '0');

function token(n, role = 'user') {
  const part = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: userId(n), role, jti: crypto.randomBytes(8).toString('hex'), iat: now, exp: now + 3600,
  })}`;
  return `${body}.${crypto.createHmac('sha256', secret).update(body).digest('base64url')}`;
}

// Connects one client; resolves once its namespace CONNECT is answered. onEvent(name) per event.
function connect(n, onEvent) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.on('error', reject);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text[0] === '0') ws.send(`40${JSON.stringify({ token: token(n) })}`);
      else if (text === '2') ws.send('3');
      else if (text.startsWith('40')) resolve(ws);
      else if (text.startsWith('44')) reject(new Error(text));
      else if (text.startsWith('42')) onEvent(JSON.parse(text.slice(2))[0]);
    });
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function adminPost(path, body) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token(0, 'admin')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

// A new earn project: one new_project event to the room every socket is in.
function announceProject(title) {
  return adminPost('/api/v1/admin/earn/projects', {
    title, description: 'bench', category: 'review', type: 'text',
    reward: { amount: 10 }, limits: { totalBudget: 1000, expiryDate: new Date(Date.now() + 86_400_000).toISOString() },
  });
}

async function broadcast(title) {
  const res = await fetch(`${url}/api/v1/admin/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token(0, 'admin')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, message: 'bench', segment: { city: 'Bench' } }),
  });
  if (res.status !== 200) throw new Error(`broadcast: ${res.status} ${await res.text()}`);
}

const arrivals = [];
let received = 0;
let sentAt = 0;
let awaited = 'new_notification';
const onEvent = (name) => {
  if (name !== awaited) return;
  received += 1;
  arrivals.push(performance.now() - sentAt);
};

const before = rssKb();
const started = performance.now();
const sockets = [];
for (let i = 1; i <= clients; i += 200) {
  const batch = [];
  for (let n = i; n < Math.min(i + 200, clients + 1); n++) batch.push(connect(n, onEvent));
  sockets.push(...(await Promise.all(batch)));
}
const connectSeconds = (performance.now() - started) / 1000;
await sleep(3000);
const after = rssKb();
console.log(`connected ${sockets.length} clients in ${connectSeconds.toFixed(1)} s`);
console.log(`server RSS ${(before / 1024).toFixed(1)} MB -> ${(after / 1024).toFixed(1)} MB: ` +
  `${((after - before) * 1024 / clients / 1024).toFixed(2)} KB per idle connection`);

// One new_project to everyone: one encoding, sent to every socket.
awaited = 'new_project';
const projectRuns = [];
for (let r = 0; r < rounds; r++) {
  received = 0;
  arrivals.length = 0;
  sentAt = performance.now();
  await announceProject(`project ${r}`);
  while (received < clients) await sleep(1);
  projectRuns.push(...arrivals);
}
const project = projectRuns.sort((a, b) => a - b);
console.log(`${rounds} new_project broadcasts to ${clients} clients (POST to arrival, including the insert): ` +
  `p50 ${percentile(project, 50).toFixed(1)} ms, p99 ${percentile(project, 99).toFixed(1)} ms, ` +
  `max ${project[project.length - 1].toFixed(1)} ms`);

// One notification broadcast: every client gets its own new_notification.
awaited = 'new_notification';
received = 0;
arrivals.length = 0;
sentAt = performance.now();
await broadcast('one');
while (received < clients) await sleep(1);
const one = [...arrivals].sort((a, b) => a - b);
console.log(`one broadcast to ${clients} users' rooms (POST to last arrival, including the inserts): ` +
  `p50 ${percentile(one, 50).toFixed(1)} ms, p99 ${percentile(one, 99).toFixed(1)} ms, ` +
  `max ${one[one.length - 1].toFixed(1)} ms`);

// Back-to-back broadcasts: events/s delivered to per-user rooms.
received = 0;
arrivals.length = 0;
sentAt = performance.now();
for (let r = 0; r < rounds; r++) await broadcast(`round ${r}`);
while (received < clients * rounds) await sleep(1);
const seconds = (performance.now() - sentAt) / 1000;
console.log(`${rounds} broadcasts, ${received} events in ${seconds.toFixed(2)} s: ` +
  `${Math.round(received / seconds)} events/s to per-user rooms`);
console.log(`server RSS after the broadcasts ${(rssKb() / 1024).toFixed(1)} MB`);
for (const ws of sockets) ws.terminate();
