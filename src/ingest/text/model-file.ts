/**
 * A small binary container for the restorer's model (data/vi-model.bin): named typed-array sections, read back as
 * views without parsing, so loading costs one file read.
 *
 * Layout: "TVIM" + u32 version + u32 header length + UTF-8 JSON header [{name, type, length}] + padding to 8, then
 * each section's bytes, each starting on an 8-byte boundary. Output depends only on the input (byte-identical).
 */

export type SectionArray = Int32Array | Uint32Array | Float32Array | Uint16Array | Uint8Array;
export type Sections = Record<string, SectionArray>;

const MAGIC = 0x4d495654; // "TVIM" little-endian
const VERSION = 2;

type TypeName = "i32" | "u32" | "f32" | "u16" | "u8";
const CTORS = {
  i32: Int32Array,
  u32: Uint32Array,
  f32: Float32Array,
  u16: Uint16Array,
  u8: Uint8Array,
} as const;

function typeName(a: SectionArray): TypeName {
  if (a instanceof Int32Array) return "i32";
  if (a instanceof Uint32Array) return "u32";
  if (a instanceof Float32Array) return "f32";
  if (a instanceof Uint16Array) return "u16";
  return "u8";
}

const pad8 = (n: number) => (n + 7) & ~7;

export function writeSections(sections: Sections): Uint8Array {
  const names = Object.keys(sections);
  const header = JSON.stringify(
    names.map((name) => ({ name, type: typeName(sections[name]!), length: sections[name]!.length })),
  );
  const headerBytes = new TextEncoder().encode(header);
  let size = pad8(12 + headerBytes.length);
  for (const n of names) size += pad8(sections[n]!.byteLength);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, VERSION, true);
  dv.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  let off = pad8(12 + headerBytes.length);
  for (const n of names) {
    const a = sections[n]!;
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += pad8(a.byteLength);
  }
  return out;
}

export function readSections(bytes: Uint8Array): Sections {
  // typed-array views need aligned offsets: copy into a fresh buffer when the input is not 8-byte aligned
  const buf = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 12 || dv.getUint32(0, true) !== MAGIC) throw new Error("not a tiendo vi-model file");
  if (dv.getUint32(4, true) !== VERSION) throw new Error("unsupported vi-model version");
  const hlen = dv.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + hlen))) as {
    name: string;
    type: TypeName;
    length: number;
  }[];
  const out: Sections = {};
  let off = pad8(12 + hlen);
  for (const h of header) {
    const C = CTORS[h.type];
    const a = new C(buf.buffer as ArrayBuffer, buf.byteOffset + off, h.length);
    out[h.name] = a;
    off += pad8(a.byteLength);
  }
  return out;
}

export function encodeStrings(list: readonly string[]): Uint8Array {
  return new TextEncoder().encode(list.join("\n"));
}

export function decodeStrings(bytes: Uint8Array | undefined): string[] {
  if (!bytes || bytes.length === 0) return [];
  return new TextDecoder().decode(bytes).split("\n");
}
