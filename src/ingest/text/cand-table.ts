/**
 * Precomputed candidate lists: channel key (lower-case token) → the pruned candidates the restorer would compute
 * live (syllable index into the model's syllable table, weighted channel cost). Stored as flat typed arrays with
 * an FNV-1a hash over the key's UTF-16 code units, so a lookup needs no parsing and no string building.
 */
import type { Sections } from "./model-file.js";

export interface SlotList {
  /** syllable indices (into the model's syllable table) */
  syl: number[];
  /** weighted channel costs */
  cost: number[];
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function buildCandTable(entries: readonly [string, SlotList][]): Sections {
  const n = entries.length;
  let bits = 4;
  while (1 << bits < n * 2) bits++;
  const hash = new Int32Array(1 << bits);
  const mask = (1 << bits) - 1;
  let chars = 0;
  let cands = 0;
  for (const [k, l] of entries) {
    chars += k.length;
    cands += l.syl.length;
  }
  const keyChars = new Uint16Array(chars);
  const keyOff = new Uint32Array(n + 1);
  const candOff = new Uint32Array(n + 1);
  const candSyl = new Uint16Array(cands);
  const candCost = new Float32Array(cands);
  let kc = 0;
  let cc = 0;
  entries.forEach(([k, l], e) => {
    keyOff[e] = kc;
    for (let i = 0; i < k.length; i++) keyChars[kc++] = k.charCodeAt(i);
    candOff[e] = cc;
    for (let i = 0; i < l.syl.length; i++) {
      candSyl[cc] = l.syl[i]!;
      candCost[cc++] = l.cost[i]!;
    }
    let h = fnv(k) & mask;
    while (hash[h] !== 0) h = (h + 1) & mask;
    hash[h] = e + 1;
  });
  keyOff[n] = kc;
  candOff[n] = cc;
  return {
    ctHash: hash,
    ctKeyChars: keyChars,
    ctKeyOff: keyOff,
    ctCandOff: candOff,
    ctCandSyl: candSyl,
    ctCandCost: candCost,
  };
}

export class CandTable {
  private readonly hash: Int32Array;
  private readonly mask: number;
  private readonly keyChars: Uint16Array;
  private readonly keyOff: Uint32Array;
  private readonly candOff: Uint32Array;
  private readonly candSyl: Uint16Array;
  private readonly candCost: Float32Array;
  readonly size: number;

  constructor(s: Sections) {
    this.hash = s.ctHash as Int32Array;
    this.mask = this.hash.length - 1;
    this.keyChars = s.ctKeyChars as Uint16Array;
    this.keyOff = s.ctKeyOff as Uint32Array;
    this.candOff = s.ctCandOff as Uint32Array;
    this.candSyl = s.ctCandSyl as Uint16Array;
    this.candCost = s.ctCandCost as Float32Array;
    this.size = this.keyOff.length - 1;
  }

  static has(s: Sections): boolean {
    return s.ctHash !== undefined;
  }

  /** The stored list for a key, or undefined when the key was not precomputed. */
  get(key: string): SlotList | undefined {
    const kc = this.keyChars;
    let h = fnv(key) & this.mask;
    for (;;) {
      const e = this.hash[h]!;
      if (e === 0) return undefined;
      const a = this.keyOff[e - 1]!;
      const b = this.keyOff[e]!;
      if (b - a === key.length) {
        let i = 0;
        while (i < key.length && kc[a + i] === key.charCodeAt(i)) i++;
        if (i === key.length) {
          const s = this.candOff[e - 1]!;
          const t = this.candOff[e]!;
          const syl: number[] = [];
          const cost: number[] = [];
          for (let j = s; j < t; j++) {
            syl.push(this.candSyl[j]!);
            cost.push(this.candCost[j]!);
          }
          return { syl, cost };
        }
      }
      h = (h + 1) & this.mask;
    }
  }
}
