// Starts the real `superapp serve` binary for API tests.
//
//   const server = await startServer({ env: { JWT_SECRET: 'x' } });
//   const res = await fetch(`${server.url}/healthz`);
//   assert.equal(await server.stop(), 0);
//
// The binary is $SUPERAPP_BIN (scripts/test sets it), else build/superapp.
// It gets the test process's environment (DATABASE_URL, REDIS_URL, sanitizer
// options, ...) plus PORT, HOST=127.0.0.1, MIGRATE_ON_START=1, LOG_LEVEL=info,
// SWAGGER_UI_DIR, then `env`; an `env` value of undefined removes that variable.
// It runs in an empty temporary directory, so a developer's .env in the
// repository does not change what the tests see.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const running = new Map(); // process -> temporary directory to remove, or null

// Servers a test forgot to stop, or left behind by a failing test, die with
// the test process.
function killAll() {
  for (const [proc, dir] of running) {
    try {
      proc.kill('SIGKILL');
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // already gone
    }
  }
  running.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/** Resolves to a TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function childEnv(port, overrides) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MIGRATE_ON_START: '1',
    LOG_LEVEL: 'info',
    SWAGGER_UI_DIR: path.join(repoRoot, 'node_modules', 'swagger-ui-dist'),
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined || value === null) delete env[key];
    else env[key] = String(value);
  }
  return env;
}

/**
 * Starts `superapp serve` and resolves once GET /healthz answers 200.
 *
 * @param {object} [options]
 * @param {Record<string, string|number|undefined>} [options.env] variables to set (undefined: unset)
 * @param {string[]} [options.args] extra arguments after `serve`
 * @param {number} [options.startTimeoutMs] how long /healthz may take to answer 200 (20 s)
 * @param {string} [options.cwd] working directory (default: a new empty temporary one)
 * @returns {Promise<{url: string, port: number, proc: import('node:child_process').ChildProcess,
 *   logs: Array<{stream: string, line: string, json: object|null}>,
 *   stop: (signal?: string, options?: {timeoutMs?: number}) => Promise<number>, cwd: string,
 *   exited: Promise<number>, logText: () => string,
 *   findLog: (predicate: (json: object) => boolean) => object|undefined,
 *   waitForLog: (predicate: (json: object) => boolean, timeoutMs?: number) => Promise<object>}>}
 */
export async function startServer({ env = {}, args = [], startTimeoutMs = 20_000, cwd } = {}) {
  const fixedPort = env.PORT !== undefined;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ? Number(env.PORT) : await freePort();
    try {
      return await startOnce(port, env, args, startTimeoutMs, cwd);
    } catch (err) {
      // Another process took the port between our probe and the server's bind.
      if (err.addressInUse && !fixedPort && attempt < 5) continue;
      throw err;
    }
  }
}

async function startOnce(port, envOverrides, args, startTimeoutMs, cwd) {
  const bin = path.resolve(process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp'));
  const workDir = cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'superapp-serve-'));
  const proc = spawn(bin, ['serve', ...args], {
    cwd: workDir,
    env: childEnv(port, envOverrides),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.set(proc, cwd ? null : workDir);
  // A server a test forgot to stop must not keep the test process alive (it is
  // killed at exit). Whoever waits for the server (start, stop, `exited`,
  // waitForLog) holds a timer, which keeps the process running meanwhile.
  proc.unref();
  proc.stdout.unref?.();
  proc.stderr.unref?.();

  const logs = [];
  const echo = process.env.SUPERAPP_TEST_LOGS === '1';
  const logWaiters = new Set();
  const capture = (stream) => (line) => {
    let json = null;
    if (line.startsWith('{')) {
      try {
        json = JSON.parse(line);
      } catch {
        // a partial or non-JSON line is kept as text
      }
    }
    const entry = { stream, line, json };
    logs.push(entry);
    if (echo) process.stderr.write(`[server:${port}] ${line}\n`);
    for (const waiter of logWaiters) waiter(entry);
  };
  const streamsClosed = Promise.all(
    [
      ['stdout', proc.stdout],
      ['stderr', proc.stderr],
    ].map(([name, stream]) => {
      const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
      rl.on('line', capture(name));
      return new Promise((resolve) => rl.once('close', resolve));
    }),
  );

  const logText = () => logs.map((e) => `[${e.stream}] ${e.line}`).join('\n');

  let started = false;
  let stopSignal = null;
  let spawnError = null;
  const exit = new Promise((resolve) => {
    proc.once('error', (err) => {
      spawnError = err;
      running.delete(proc);
      if (!cwd) fs.rmSync(workDir, { recursive: true, force: true });
      resolve(-1);
    });
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      if (!cwd) fs.rmSync(workDir, { recursive: true, force: true });
      // All output (e.g. a sanitizer report) is in `logs` before anyone hears of the exit.
      streamsClosed.then(() => {
        const status = code ?? 128 + (os.constants.signals[signal] ?? 0);
        // A failed start reports the output in its error; a deliberate SIGKILL is no news.
        const unexpected = stopSignal === null || (stopSignal !== 'SIGKILL' && status !== 0);
        if (started && unexpected) {
          process.stderr.write(
            `superapp serve on port ${port} exited with ${signal ?? `code ${code}`}` +
              `${stopSignal ? ` after ${stopSignal}` : ' unexpectedly'}; its output:\n${logText()}\n`,
          );
        }
        resolve(status);
      });
    });
  });

  const url = `http://127.0.0.1:${port}`;
  let exitStatus = null;
  exit.then((status) => {
    exitStatus = status;
  });
  // `await server.exited` resolves to the exit status; the timer keeps the
  // test process alive while someone waits.
  const exited = {
    then(onFulfilled, onRejected) {
      const keepAlive = setInterval(() => {}, 60_000);
      return exit.finally(() => clearInterval(keepAlive)).then(onFulfilled, onRejected);
    },
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exitStatus !== null) {
      const text = spawnError ? `${spawnError.message} (SUPERAPP_BIN=${bin})` : logText();
      const err = new Error(`superapp serve exited with status ${exitStatus} before /healthz answered:\n${text}`);
      err.addressInUse = /EADDRINUSE|address already in use/i.test(text);
      throw err;
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopSignal = 'SIGKILL';
      proc.kill('SIGKILL');
      await exited;
      throw new Error(`superapp serve did not answer GET /healthz with 200 within ${startTimeoutMs} ms:\n${logText()}`);
    }
    await sleep(50);
  }
  started = true;

  /** Sends `signal` and resolves to the exit status (128 + n when killed by signal n). */
  async function stop(signal = 'SIGTERM', { timeoutMs = 15_000 } = {}) {
    if (exitStatus !== null) return exitStatus;
    stopSignal ??= signal;
    proc.kill(signal);
    const timer = setTimeout(() => {
      process.stderr.write(`superapp serve on port ${port} still running ${timeoutMs} ms after ${signal}; killing it\n`);
      proc.kill('SIGKILL');
    }, timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  const findLog = (predicate) => logs.find((e) => e.json && predicate(e.json))?.json;

  /** Resolves to the first JSON log line (already logged or coming) that matches. */
  function waitForLog(predicate, timeoutMs = 5000) {
    const found = findLog(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = (entry) => {
        if (entry.json && predicate(entry.json)) {
          clearTimeout(timer);
          logWaiters.delete(waiter);
          resolve(entry.json);
        }
      };
      const timer = setTimeout(() => {
        logWaiters.delete(waiter);
        reject(new Error(`no matching log line within ${timeoutMs} ms; the log:\n${logText()}`));
      }, timeoutMs);
      logWaiters.add(waiter);
    });
  }

  return { url, port, proc, logs, stop, exited, logText, findLog, waitForLog, cwd: workDir };
}
