#!/usr/bin/env node
// Local MongoDB-compatible server (mongo-java-server + H2 on disk) for development, CI and tests.
//
//   node scripts/db.mjs start   # idempotent; last stdout line: MONGODB_URI=mongodb://127.0.0.1:<port>/<db>
//   node scripts/db.mjs stop
//
// Env: DB_PORT (port to use; default 27018 if free, else a random free one), DB_NAME (default csops).
// State: .data/mongo/server.json (pid, port), data .data/mongo/db.h2, log .data/mongo/server.log.
// Only Node builtins are used: readiness is checked with a raw OP_MSG `isMaster` over TCP.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_DIR = path.join(ROOT, 'tools', 'mongo-server');
const LIB_DIR = path.join(SERVER_DIR, 'target', 'lib');
const LAUNCHER = path.join(SERVER_DIR, 'Launcher.java');
const DEFAULT_PORT = 27018;
const REQUIRED_JARS = ['mongo-java-server-h2-backend-', 'mongo-java-server-core-', 'h2-', 'slf4j-nop-'];

/** Paths of the dev instance. */
export const DEV = {
  dataFile: path.join(ROOT, '.data', 'mongo', 'db.h2'),
  stateFile: path.join(ROOT, '.data', 'mongo', 'server.json'),
  logFile: path.join(ROOT, '.data', 'mongo', 'server.log'),
};

export class DbError extends Error {}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Raw wire-protocol handshake (isMaster over OP_MSG, opCode 2013) with a tiny BSON reader for top-level scalars.

function bsonHello() {
  const parts = [];
  const cstr = (s) => Buffer.from(s + '\0', 'utf8');
  const int32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    return b;
  };
  parts.push(Buffer.from([0x10]), cstr('isMaster'), int32(1)); // mongo-java-server has no `hello`
  const db = Buffer.from('admin\0', 'utf8');
  parts.push(Buffer.from([0x02]), cstr('$db'), int32(db.length), db);
  const body = Buffer.concat([...parts, Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

function readTopLevel(doc) {
  const out = {};
  let i = 4;
  const end = doc.readInt32LE(0) - 1;
  while (i < end) {
    const type = doc[i++];
    const nameEnd = doc.indexOf(0, i);
    const name = doc.toString('utf8', i, nameEnd);
    i = nameEnd + 1;
    switch (type) {
      case 0x01: out[name] = doc.readDoubleLE(i); i += 8; break;
      case 0x02: { const n = doc.readInt32LE(i); out[name] = doc.toString('utf8', i + 4, i + 3 + n); i += 4 + n; break; }
      case 0x03: case 0x04: i += doc.readInt32LE(i); break;
      case 0x05: i += 5 + doc.readInt32LE(i); break;
      case 0x07: i += 12; break;
      case 0x08: out[name] = doc[i] === 1; i += 1; break;
      case 0x09: case 0x11: case 0x12: i += 8; break;
      case 0x0a: out[name] = null; break;
      case 0x10: out[name] = doc.readInt32LE(i); i += 4; break;
      case 0x13: i += 16; break;
      default: return out; // unknown type: stop, we have what we need
    }
  }
  return out;
}

/**
 * Sends `isMaster` (the legacy hello; mongo-java-server lacks `hello`) to 127.0.0.1:port. Resolves to the reply's top-level scalars ({ ok, maxWireVersion, ... })
 * or null when nothing MongoDB-like answers within timeoutMs.
 */
export function hello(port, { host = '127.0.0.1', timeoutMs = 2000 } = {}) {
  return new Promise((resolve) => {
    const doc = bsonHello();
    const header = Buffer.alloc(20);
    header.writeInt32LE(16 + 4 + 1 + doc.length, 0);
    header.writeInt32LE(1, 4); // requestID
    header.writeInt32LE(0, 8); // responseTo
    header.writeInt32LE(2013, 12); // OP_MSG
    header.writeUInt32LE(0, 16); // flagBits
    const msg = Buffer.concat([header, Buffer.from([0]), doc]);
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (v) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(v);
    };
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => finish(null), timeoutMs);
    sock.on('connect', () => sock.write(msg));
    sock.on('error', () => finish(null));
    sock.on('close', () => finish(null));
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 16) return;
      const len = buf.readInt32LE(0);
      if (buf.length < len) return;
      try {
        if (buf.readInt32LE(12) !== 2013 || buf[20] !== 0) return finish(null);
        const reply = readTopLevel(buf.subarray(21, len));
        finish(reply.ok === 1 || reply.ok === true ? reply : null);
      } catch {
        finish(null);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Processes, ports, state.

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** True unless /proc says the pid is something other than our launcher (pid reuse guard). */
function looksLikeLauncher(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('Launcher.java');
  } catch {
    return isAlive(pid); // no /proc (macOS): trust the recorded pid
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function randomFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function readState(stateFile = DEV.stateFile) {
  try {
    const s = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    return Number.isInteger(s.pid) && Number.isInteger(s.port) ? s : null;
  } catch {
    return null;
  }
}

function writeState(stateFile, state) {
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  const tmp = `${stateFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(tmp, stateFile);
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function uriFor(port, dbName) {
  return `mongodb://127.0.0.1:${port}/${dbName}`;
}

// ---------------------------------------------------------------------------------------------
// Java + jars.

function hasCommand(cmd, args = ['-version']) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error;
}

function jarsPresent() {
  let names;
  try {
    names = fs.readdirSync(LIB_DIR);
  } catch {
    return false;
  }
  return REQUIRED_JARS.every((p) => names.some((n) => n.startsWith(p) && n.endsWith('.jar')));
}

/** True when a server can be launched here (java present; jars present or mvn available). */
export function canLaunch() {
  return hasCommand('java') && (jarsPresent() || hasCommand('mvn', ['-v']));
}

/** Fetches the server's jars into tools/mongo-server/target/lib (atomic: temp dir + rename). */
export function ensureJars({ log = () => {} } = {}) {
  if (jarsPresent()) return;
  if (!hasCommand('mvn', ['-v'])) {
    throw new DbError('db: Maven (mvn) not found on PATH; it is needed once to fetch the server jars (apt-get install maven)');
  }
  log('db: fetching mongo-java-server jars with Maven (first run only)...');
  const tmp = path.join(SERVER_DIR, 'target', `lib.tmp-${process.pid}-${Date.now()}`);
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(SERVER_DIR, 'pom.xml'), 'dependency:copy-dependencies',
      `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime'],
    { encoding: 'utf8', cwd: ROOT },
  );
  if (r.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new DbError(`db: mvn dependency:copy-dependencies failed (exit ${r.status})\n${out}`);
  }
  try {
    fs.renameSync(tmp, LIB_DIR);
  } catch {
    // another process installed them concurrently
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!jarsPresent()) throw new DbError(`db: jars missing from ${LIB_DIR} after mvn ran`);
}

// ---------------------------------------------------------------------------------------------
// Start / stop.

async function waitReady(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  const onExit = (code, signal) => { exited = { code, signal }; };
  child?.once('exit', onExit);
  try {
    while (Date.now() < deadline) {
      if (exited) return { ok: false, exited };
      const r = await hello(port, { timeoutMs: 1000 });
      if (r) return { ok: true, hello: r };
      await sleep(150);
    }
    return { ok: false, exited: null };
  } finally {
    child?.off('exit', onExit);
  }
}

/**
 * Stops the server recorded in stateFile (SIGTERM, SIGKILL after graceMs) and removes the state file.
 * Returns { stopped: boolean, pid?, port? }.
 */
export async function stopServer({ stateFile = DEV.stateFile, graceMs = 10_000 } = {}) {
  const state = readState(stateFile);
  fs.rmSync(stateFile, { force: true });
  if (!state) return { stopped: false };
  const { pid, port } = state;
  if (!isAlive(pid) || !looksLikeLauncher(pid)) return { stopped: false, pid, port };
  await killPid(pid, graceMs);
  return { stopped: true, pid, port };
}

async function killPid(pid, graceMs = 10_000) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  while (isAlive(pid)) await sleep(50);
}

/**
 * Starts (or reuses) a server.
 *
 * opts:
 *   dataFile   H2 file (default .data/mongo/db.h2)
 *   stateFile  where pid/port are recorded (default .data/mongo/server.json)
 *   logFile    server stdout/stderr (default .data/mongo/server.log)
 *   port       fixed port (default: env DB_PORT, else 27018 if free, else random). 0 = random.
 *   dbName     database in the returned URI (default env DB_NAME or 'csops')
 *   reuse      reuse a live server recorded in stateFile (default true)
 *   fresh      delete dataFile before starting (default false; ignored when reusing)
 *   timeoutMs  readiness timeout (default 60000)
 *   log        progress logger (default: stderr)
 *   meta       extra fields recorded in the state file
 *
 * Returns { uri, port, pid, reused, stateFile, logFile, dataFile }.
 */
export async function startServer(opts = {}) {
  const dataFile = path.resolve(ROOT, opts.dataFile ?? DEV.dataFile);
  const stateFile = path.resolve(ROOT, opts.stateFile ?? DEV.stateFile);
  const logFile = path.resolve(ROOT, opts.logFile ?? DEV.logFile);
  const dbName = opts.dbName ?? process.env.DB_NAME ?? 'csops';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const log = opts.log ?? ((m) => process.stderr.write(m + '\n'));
  const envPort = process.env.DB_PORT ? Number(process.env.DB_PORT) : undefined;
  if (envPort !== undefined && !(Number.isInteger(envPort) && envPort > 0 && envPort < 65536)) {
    throw new DbError(`db: invalid DB_PORT=${process.env.DB_PORT}`);
  }
  const fixedPort = opts.port ?? envPort; // undefined → default/random; 0 → random
  const files = { stateFile, logFile, dataFile };

  // 1. Reuse a recorded live server.
  const state = readState(stateFile);
  if (state && opts.reuse !== false && isAlive(state.pid) && looksLikeLauncher(state.pid)) {
    const ready = await waitReady(state.port, null, 10_000); // it may still be starting
    if (ready.ok && (fixedPort === undefined || fixedPort === 0 || fixedPort === state.port)) {
      log(`db: reusing server pid ${state.pid} on port ${state.port}`);
      return { uri: uriFor(state.port, dbName), port: state.port, pid: state.pid, reused: true, ...files };
    }
  }
  if (state) {
    const r = await stopServer({ stateFile });
    if (r.stopped) log(`db: stopped previous server pid ${r.pid} (port ${r.port})`);
  }

  // 2. Prerequisites.
  if (!hasCommand('java')) {
    throw new DbError('db: java not found on PATH; install a JDK/JRE 17+ (apt-get install openjdk-17-jre-headless)');
  }
  ensureJars({ log });

  // 3. Launch (one retry on another random port if the default one got taken meanwhile).
  if (opts.fresh) fs.rmSync(dataFile, { force: true });
  fs.mkdirSync(path.dirname(dataFile), { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    let port;
    if (fixedPort) {
      port = fixedPort;
      if (!(await portFree(port))) throw new DbError(`db: port ${port} (DB_PORT) is already in use`);
    } else if (fixedPort === undefined && attempt === 0 && (await portFree(DEFAULT_PORT))) {
      port = DEFAULT_PORT;
    } else {
      port = await randomFreePort();
    }

    const logFd = fs.openSync(logFile, 'a');
    fs.writeSync(logFd, `--- ${new Date().toISOString()} starting on port ${port}, data ${dataFile}\n`);
    const child = spawn(
      'java',
      ['-cp', path.join(LIB_DIR, '*'), LAUNCHER, String(port), dataFile],
      { cwd: ROOT, detached: true, stdio: ['ignore', logFd, logFd] },
    );
    fs.closeSync(logFd);
    child.unref();
    // record it at once so that a killed caller leaves something `stop` / reapStale() can find
    const state = { pid: child.pid, port, dataFile, logFile, startedAt: new Date().toISOString(), ...opts.meta };
    if (child.pid) writeState(stateFile, state);
    const spawnError = new Promise((resolve) => child.once('error', resolve));
    const ready = await Promise.race([
      waitReady(port, child, timeoutMs),
      spawnError.then((e) => ({ ok: false, error: e })),
    ]);
    if (ready.ok) {
      const pid = child.pid;
      log(`db: started mongo-java-server pid ${pid} on port ${port} (data ${path.relative(ROOT, dataFile)})`);
      return { uri: uriFor(port, dbName), port, pid, reused: false, ...files };
    }
    if (child.pid && isAlive(child.pid)) await killPid(child.pid, 2000);
    fs.rmSync(stateFile, { force: true });
    if (ready.exited && !fixedPort && attempt === 0 && /BindException|Address already in use/.test(tail(logFile, 50))) {
      continue;
    }
    const why = ready.error
      ? `could not run java: ${ready.error.message}`
      : ready.exited
        ? `server exited (code ${ready.exited.code}, signal ${ready.exited.signal}) before accepting connections`
        : `server did not accept connections within ${Math.round(timeoutMs / 1000)} s`;
    throw new DbError(`db: ${why}; last lines of ${path.relative(ROOT, logFile)}:\n${tail(logFile)}`);
  }
}

/**
 * Stops throwaway servers whose state files (*.json) sit in dir and whose owner process is gone
 * (e.g. a test run that was killed). Returns how many were stopped.
 */
export async function reapStale(dir) {
  let n = 0;
  let names = [];
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return 0;
  }
  for (const f of names) {
    const stateFile = path.join(dir, f);
    const s = readState(stateFile);
    if (!s || (s.ownerPid && isAlive(s.ownerPid))) continue;
    if ((await stopServer({ stateFile, graceMs: 3000 })).stopped) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(argv) {
  const cmd = argv[0];
  if (cmd === 'start') {
    const r = await startServer();
    process.stdout.write(`MONGODB_URI=${r.uri}\n`);
  } else if (cmd === 'stop') {
    const r = await stopServer();
    if (r.stopped) console.log(`db: stopped server pid ${r.pid} (port ${r.port})`);
    else if (r.pid) console.log(`db: server pid ${r.pid} was not running; cleared ${path.relative(ROOT, DEV.stateFile)}`);
    else console.log('db: no server recorded; nothing to stop');
  } else if (cmd === 'status') {
    const s = readState();
    const up = s && isAlive(s.pid) && (await hello(s.port));
    console.log(up ? `db: running pid ${s.pid}, MONGODB_URI=${uriFor(s.port, process.env.DB_NAME ?? 'csops')}` : 'db: not running');
    process.exitCode = up ? 0 : 1;
  } else {
    console.error('usage: node scripts/db.mjs start|stop|status');
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof DbError ? e.message : e);
    process.exit(1);
  });
}
