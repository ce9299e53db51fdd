/**
 * A MongoDB wire server of a test file's own (never the shared one: stopping that would break
 * the suites running beside it), stopped and started again on the same port and H2 file while
 * the service runs, so the driver reconnects by itself.
 *
 * The service reaches it through a TCP relay that, while MongoDB is down, resets every open
 * connection and every new one: the service sees a stopped server (commands cut mid-flight,
 * connections refused). `stop()` cuts the clients ~1.5 s before the SIGTERM: mongo-java-server
 * (H2 MVStore) can lose writes it acknowledged shortly before stopping under load.
 *
 * Known limit of the test server, measured with the plain Node driver (one writer, no code of
 * ours): around connection resets it can also lose a second or so of writes it acknowledged
 * (17–74 of ~7,000 inserts gone afterwards, and later inserts of those keys get no E11000);
 * without resets it loses nothing. MongoDB never does this, so exact counts after random
 * outages under load would measure the test server; they are asserted where the outage is
 * placed (see faults.test.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, startServer, stopServer } from '../../scripts/db.mjs';

export interface OwnMongo {
  /** mongodb:// URI of the relay (constant across restarts) */
  uri: string;
  /** SIGTERM to the server (clients cut first); `start` brings it back on the same port and file */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** MongoDB unreachable (connections reset, new ones refused) until `restore` */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

const SETTLE_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startOwnMongo(name: string, dbName = 'faults'): Promise<OwnMongo> {
  const dir = path.join(ROOT, '.data', 'faults', `${name}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = { dataFile: path.join(dir, 'db.h2'), stateFile: path.join(dir, 'server.json'), logFile: path.join(dir, 'server.log') };
  const options = { ...files, reuse: false, dbName, log: () => undefined, meta: { ownerPid: process.pid } };
  const { port } = await startServer({ ...options, port: 0 });

  // always listening: closing and reopening the port races with the driver's reconnects
  let down = false;
  const open = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    if (down) return void client.resetAndDestroy();
    const server = net.connect(port, '127.0.0.1');
    const end = () => {
      client.destroy();
      server.destroy();
      open.delete(client);
      open.delete(server);
    };
    for (const s of [client, server]) {
      open.add(s);
      s.on('error', end).on('close', end);
    }
    client.pipe(server);
    server.pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayPort = (relay.address() as net.AddressInfo).port;
  const cut = () => {
    down = true;
    for (const s of open) s.resetAndDestroy();
    open.clear();
  };

  return {
    uri: `mongodb://127.0.0.1:${relayPort}/${dbName}`,
    cut,
    restore: () => void (down = false),
    async stop() {
      cut();
      await sleep(SETTLE_MS);
      await stopServer({ stateFile: files.stateFile, graceMs: 5000 });
    },
    async start() {
      await startServer({ ...options, port });
      down = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await stopServer({ stateFile: files.stateFile, graceMs: 5000 });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
