/**
 * A stand-in for Slack's Socket Mode WebSocket endpoint: the handshake, `hello`, envelopes out,
 * acknowledgements in, pings answered. A minimal RFC 6455 server (unfragmented frames only).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
  at: number;
}

export interface SocketModeServer {
  /** what apps.connections.open returns */
  url: string;
  /** resolves when a client has connected and received `hello` */
  connected: Promise<void>;
  acks: SocketAck[];
  /** sends an envelope (slash_commands, interactive, events_api) to the connected client */
  send(envelope: Record<string, unknown>): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.alloc(2) : len < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (len < 126) head[1] = len;
  else if (len < 65_536) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Splits complete frames off the buffer; returns the unread rest. */
function readFrames(buf: Buffer, onFrame: (opcode: number, payload: Buffer) => void): Buffer {
  let rest = buf;
  while (rest.length >= 2) {
    const opcode = rest[0]! & 0x0f;
    const masked = (rest[1]! & 0x80) !== 0;
    let len = rest[1]! & 0x7f;
    let offset = 2;
    if (len === 126) {
      if (rest.length < 4) break;
      len = rest.readUInt16BE(2);
      offset = 4;
    } else if (len === 127) {
      if (rest.length < 10) break;
      len = Number(rest.readBigUInt64BE(2));
      offset = 10;
    }
    const maskLength = masked ? 4 : 0;
    if (rest.length < offset + maskLength + len) break;
    const mask = rest.subarray(offset, offset + maskLength);
    const payload = Buffer.from(rest.subarray(offset + maskLength, offset + maskLength + len));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    rest = rest.subarray(offset + maskLength + len);
    onFrame(opcode, payload);
  }
  return rest;
}

export async function startSocketModeServer(): Promise<SocketModeServer> {
  const acks: SocketAck[] = [];
  const waiters = new Set<{ id: string; resolve: (a: SocketAck) => void }>();
  const sockets = new Set<Duplex>();
  let current: Duplex | undefined;
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));

  const sendText = (socket: Duplex, data: unknown) => socket.write(frame(OP.text, Buffer.from(JSON.stringify(data))));

  const server = createServer((_req, res) => {
    res.writeHead(426).end();
  });
  server.on('upgrade', (req, socket) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    current = socket;
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = readFrames(Buffer.concat([buffered, chunk]), (opcode, payload) => {
        if (opcode === OP.ping) socket.write(frame(OP.pong, payload));
        else if (opcode === OP.close) {
          socket.end(frame(OP.close, payload.subarray(0, 2)));
        } else if (opcode === OP.text) {
          const ack = { ...(JSON.parse(payload.toString('utf8')) as { envelope_id: string; payload?: unknown }), at: Date.now() };
          acks.push(ack);
          for (const w of waiters) if (w.id === ack.envelope_id) w.resolve(ack);
        }
      });
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    sendText(socket, { type: 'hello', num_connections: 1, debug_info: { host: 'applink-test', approximate_connection_time: 18060 }, connection_info: { app_id: 'A111' } });
    onConnected();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=test`,
    connected,
    acks,
    send(envelope) {
      if (!current) throw new Error('no Socket Mode client connected');
      sendText(current, envelope);
    },
    waitForAck(id, timeoutMs = 5000) {
      const seen = acks.find((a) => a.envelope_id === id);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack for envelope ${id} within ${timeoutMs} ms`)), timeoutMs);
        waiters.add({
          id,
          resolve: (a) => {
            clearTimeout(timer);
            resolve(a);
          },
        });
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
