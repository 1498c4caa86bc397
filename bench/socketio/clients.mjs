// N Engine.IO/Socket.IO WebSocket clients, each signed in as its own user, split over WORKERS
// processes (bench/socketio/client_worker.mjs, 2,500 clients each by default): one JS thread
// parsing 10,000 frames one after another would time the client as much as the server. Each
// arrival is stamped in its worker with process.hrtime.bigint() (CLOCK_MONOTONIC, shared by every
// process of the machine) and measured here from the moment before the request that causes it.
// See bench/socketio/run.
import { fork } from 'node:child_process';
import fs from 'node:fs';

import { token } from './token.mjs';

const url = process.env.URL;
const clients = Number(process.env.CLIENTS);
const rounds = Number(process.env.ROUNDS);
const serverPid = process.env.SERVER_PID;
const clockTicks = Number(process.env.CLK_TCK || 100);
const workerCount = Number(process.env.WORKERS || Math.ceil(clients / 2500));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${serverPid}/status`, 'utf8'))[1]);
// The server's CPU time so far (user + system, every thread), in ms: unlike the arrival times, it
// does not depend on how much of the 2 cores the clients and everything else on the machine take.
const cpuMs = () => {
  const stat = fs.readFileSync(`/proc/${serverPid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// The next message of `type` from the worker.
function next(worker, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code) => reject(new Error(`a client worker exited (${code}) before sending ${type}`));
    worker.on('message', onMessage);
    worker.on('exit', onExit);
  });
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

// A notification to every bench user: one new_notification in each user's room.
const notifyAll = (title) => adminPost('/api/v1/admin/notifications', { title, message: 'bench', segment: { city: 'Bench' } });

const workers = [];

// Runs `trigger` once every worker waits for `perClient` events `name` on each of its clients;
// returns every arrival in ms after the trigger started, sorted.
async function time(name, perClient, trigger) {
  await Promise.all(workers.map((w) => {
    const ready = next(w, 'expecting');
    w.send({ type: 'expect', name, count: perClient });
    return ready;
  }));
  const arrivals = Promise.all(workers.map((w) => next(w, 'arrivals')));
  const sentAt = process.hrtime.bigint();
  await trigger();
  const all = (await arrivals).flatMap((m) => m.times).map((t) => Number(BigInt(t) - sentAt) / 1e6);
  return all.sort((a, b) => a - b);
}

const figures = (sorted) => `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ` +
  `max ${sorted[sorted.length - 1].toFixed(1)} ms`;

const before = rssKb();
const started = performance.now();
const share = Math.ceil(clients / workerCount);
for (let first = 1; first <= clients; first += share) {
  const worker = fork(new URL('./client_worker.mjs', import.meta.url), {
    env: { ...process.env, FIRST: String(first), COUNT: String(Math.min(share, clients + 1 - first)) },
  });
  workers.push(worker);
}
await Promise.all(workers.map((w) => next(w, 'ready')));
const connectSeconds = (performance.now() - started) / 1000;
await sleep(3000);
const after = rssKb();
console.log(`connected ${clients} clients (${workers.length} client processes) in ${connectSeconds.toFixed(1)} s`);
console.log(`server RSS ${(before / 1024).toFixed(1)} MB -> ${(after / 1024).toFixed(1)} MB: ` +
  `${((after - before) / clients).toFixed(2)} KB per idle connection`);

// One unmeasured broadcast first, as wrk warms up before measuring: the server's first announcement
// prepares its statements and the clients' first event warms their parsers.
await time('new_project', 1, () => announceProject('warm-up'));

const projectCpu = cpuMs();
const project = [];
const lasts = [];
for (let r = 0; r < rounds; r++) {
  const round = await time('new_project', 1, () => announceProject(`project ${r}`));
  lasts.push(`${round[0].toFixed(0)}-${round[round.length - 1].toFixed(0)}`);
  project.push(...round);
}
project.sort((a, b) => a - b);
const perProject = (cpuMs() - projectCpu) / rounds;
console.log(`new_project rounds, first to last arrival (ms): ${lasts.join(', ')}`);
console.log(`${rounds} new_project broadcasts to ${clients} clients (POST to arrival, including the insert): ${figures(project)}; ` +
  `server CPU ${perProject.toFixed(0)} ms each`);

const oneCpu = cpuMs();
const one = await time('new_notification', 1, () => notifyAll('one'));
console.log(`one notification to each of ${clients} users' rooms (POST to arrival, including the inserts): ${figures(one)}; ` +
  `server CPU ${(cpuMs() - oneCpu).toFixed(0)} ms`);

// Back-to-back notifications to everyone: events/s delivered to per-user rooms.
const all = await time('new_notification', rounds, async () => {
  for (let r = 0; r < rounds; r++) await notifyAll(`round ${r}`);
});
const seconds = all[all.length - 1] / 1000;
console.log(`${rounds} notifications to each user, ${all.length} events in ${seconds.toFixed(2)} s: ` +
  `${Math.round(all.length / seconds)} events/s to per-user rooms`);
console.log(`server RSS after the broadcasts ${(rssKb() / 1024).toFixed(1)} MB`);
for (const w of workers) w.send({ type: 'close' });
