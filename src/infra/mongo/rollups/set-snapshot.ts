import { buildCustomerSet, type CustomerSet } from '../../../core/kpi/customer-sets.js';
import { addToRegisters, HLL_M } from '../../../core/kpi/hll.js';

/**
 * A key's customer set on one day (thousands of counters on a busy day) condensed for reads:
 * 10 bytes a customer — the 48-bit key and the mask of hours — in key order. Large sets also
 * keep their HyperLogLog registers, read instead of the keys past the exact budget.
 */
const ENTRY = 10;
export const REGISTERS_FROM = 4096;

export interface SetSnapshot {
  set: CustomerSet;
  bytes: Buffer;
  registers?: Buffer;
}

export function snapshotOf(counts: Record<string, Record<string, number>> | undefined): SetSnapshot {
  const set = buildCustomerSet(counts);
  const bytes = Buffer.allocUnsafe(set.keys.length * ENTRY);
  for (let i = 0; i < set.keys.length; i++) {
    bytes.writeUIntLE(set.keys[i]!, i * ENTRY, 6);
    bytes.writeUInt32LE(set.masks[i]!, i * ENTRY + 6);
  }
  if (set.keys.length < REGISTERS_FROM) return { set, bytes };
  const registers = new Uint8Array(HLL_M);
  for (const key of set.keys) addToRegisters(registers, key);
  return { set, bytes, registers: Buffer.from(registers) };
}

export function decodeSet(bytes: Uint8Array): CustomerSet {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Math.floor(buf.length / ENTRY);
  const keys = new Float64Array(n);
  const masks = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = buf.readUIntLE(i * ENTRY, 6);
    masks[i] = buf.readUInt32LE(i * ENTRY + 6);
  }
  return { keys, masks };
}
