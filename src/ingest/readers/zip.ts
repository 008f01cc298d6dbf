/**
 * A guarded ZIP reader (for .docx/.xlsx): the central directory is parsed by hand, entries are inflated with fflate's
 * streaming Inflate while counting real output bytes, so lying size fields, huge ratios, too many entries and
 * truncated archives are refused (ZIP_BOMB / TRUNCATED / ENCRYPTED) in bounded time and memory.
 */
import { Inflate } from "fflate";
import { unreadable } from "./types.js";

export interface ZipLimits {
  /** Total uncompressed bytes over all entries inflated through one ZipArchive (default 200 MB). */
  maxTotalBytes: number;
  /** Max entries in the central directory (default 20 000). */
  maxEntries: number;
  /** Max uncompressed/compressed ratio for an entry whose output exceeds 1 MB (default 500). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 200 * 1024 * 1024, maxEntries: 20_000, maxRatio: 500 };

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

const NAME_DECODER = new TextDecoder("utf-8");

export class ZipArchive {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.entries = parseCentralDirectory(bytes, limits);
    let declared = 0;
    for (const e of this.entries) {
      this.byName.set(e.name, e);
      declared += e.uncompressedSize;
    }
    if (declared > limits.maxTotalBytes) throw unreadable("ZIP_BOMB");
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Case-insensitive lookup (some writers vary case). */
  find(name: string): ZipEntry | undefined {
    const exact = this.byName.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return this.entries.find((e) => e.name.toLowerCase() === lower);
  }

  /** Inflate one entry; `undefined` when it does not exist. */
  read(name: string): Uint8Array | undefined {
    const e = this.find(name);
    return e ? this.readEntry(e) : undefined;
  }

  readText(name: string): string | undefined {
    const b = this.read(name);
    return b ? NAME_DECODER.decode(b) : undefined;
  }

  /** Inflate every entry and discard the output: proves the archive is sound before a third-party parser sees it. */
  verifyAll(): void {
    for (const e of this.entries) {
      if (!e.name.endsWith("/")) this.readEntry(e, true);
    }
  }

  readEntry(e: ZipEntry, discard = false): Uint8Array {
    const b = this.bytes;
    const lo = e.localHeaderOffset;
    if (lo + 30 > b.length || u32(b, lo) !== LOC_SIG) throw unreadable("TRUNCATED");
    const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw unreadable("TRUNCATED");
    const data = b.subarray(start, end);
    const budget = this.limits.maxTotalBytes - this.inflated;
    if (e.method === 0) {
      if (data.length > budget) throw unreadable("ZIP_BOMB");
      this.inflated += data.length;
      return discard ? new Uint8Array(0) : data.slice();
    }
    if (e.method !== 8) throw unreadable("UNSUPPORTED", `(kiểu nén ZIP ${e.method})`);
    // Allow a small slack over the declared size; a lying header is a bomb signal.
    const cap = Math.min(budget, e.uncompressedSize + 1024 * 1024);
    const chunks: Uint8Array[] = [];
    let total = 0;
    let bomb = false;
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > cap || (total > 1024 * 1024 && total > this.limits.maxRatio * Math.max(1, data.length))) {
        bomb = true;
        throw new Error("zip-bomb");
      }
      if (!discard) chunks.push(chunk);
    });
    try {
      const step = 16 * 1024;
      for (let i = 0; i < data.length; i += step) inflater.push(data.subarray(i, i + step), i + step >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (bomb) throw unreadable("ZIP_BOMB");
      throw unreadable("TRUNCATED", undefined, err);
    }
    this.inflated += total;
    if (discard) return new Uint8Array(0);
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

function parseCentralDirectory(b: Uint8Array, limits: ZipLimits): ZipEntry[] {
  // End of central directory: within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65535; i--) {
    if (u32(b, i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable("TRUNCATED");
  const count = u16(b, eocd + 10);
  const cdSize = u32(b, eocd + 12);
  const cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw unreadable("UNSUPPORTED", "(ZIP64)");
  if (count > limits.maxEntries) throw unreadable("ZIP_BOMB");
  if (cdOffset + cdSize > b.length) throw unreadable("TRUNCATED");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== CEN_SIG) throw unreadable("TRUNCATED");
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const compressedSize = u32(b, p + 20);
    const uncompressedSize = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const localHeaderOffset = u32(b, p + 42);
    if (p + 46 + nameLen > b.length) throw unreadable("TRUNCATED");
    const name = NAME_DECODER.decode(b.subarray(p + 46, p + 46 + nameLen));
    if (flags & 1) throw unreadable("ENCRYPTED");
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) throw unreadable("UNSUPPORTED", "(ZIP64)");
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
