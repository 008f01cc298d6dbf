/**
 * Syllable n-gram language model: interpolated Kneser-Ney (absolute discounting with continuation unigrams) over
 * lower-case, tone-normalised syllables, with class tokens for numbers (<n>), other words (<x>) and punctuation
 * (<p>). Counts are built at build time (scripts/build-vi-model.ts), compiled to back-off hash tables (compileLm) and
 * stored in data/vi-model.bin (model-file.ts), which loads without parsing.
 */
import { hasToneMark, normalizeSyllable, tokenize } from "./normalize.js";
import { isSyllable, syllableInventory } from "./syllables.js";

export const BOS = "<s>";
export const NUM = "<n>";
export const OTHER = "<x>";
export const PUNCT = "<p>";

export interface LmData {
  format: "tiendo.vi-lm.v1";
  vocab: string[];
  /** flattened [u, w, count, ...] */
  bigrams: number[];
  /** flattened [t, u, w, count, ...] */
  trigrams: number[];
}

/** Map a word token (any case) to its LM token. */
export function lmToken(word: string): string {
  const lower = word.toLowerCase();
  if (/^[0-9]+$/.test(lower)) return NUM;
  const n = hasToneMark(lower) ? normalizeSyllable(lower) : lower;
  return isSyllable(n) ? n : OTHER;
}

/** Text → sentences of LM tokens. Each line is split further at sentence punctuation. */
export function lmSentences(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.normalize("NFC").split(/\n/)) {
    let cur: string[] = [];
    for (const t of tokenize(line)) {
      if (t.kind === "space") continue;
      if (t.kind === "punct") {
        if (t.text === "." || t.text === "!" || t.text === "?" || t.text === ";") {
          if (cur.length) out.push(cur);
          cur = [];
        } else if (cur.length && cur[cur.length - 1] !== PUNCT) cur.push(PUNCT);
        continue;
      }
      cur.push(lmToken(t.text));
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

/** Count n-grams of the given texts. `weight` repeats a text's counts (integer). */
export function buildLm(texts: { text: string; weight?: number }[]): LmData {
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  const id = (w: string): number => {
    let i = ids.get(w);
    if (i === undefined) {
      i = vocab.length;
      vocab.push(w);
      ids.set(w, i);
    }
    return i;
  };
  id(BOS);
  const bi = new Map<number, number>();
  const tri = new Map<number, number>();
  const B = 1 << 16;
  for (const { text, weight = 1 } of texts) {
    for (const sent of lmSentences(text)) {
      let t = id(BOS);
      let u = id(BOS);
      for (const w0 of sent) {
        const w = id(w0);
        const kb = u * B + w;
        bi.set(kb, (bi.get(kb) ?? 0) + weight);
        const kt = (t * B + u) * B + w;
        tri.set(kt, (tri.get(kt) ?? 0) + weight);
        t = u;
        u = w;
      }
    }
  }
  if (vocab.length >= B) throw new Error("vocabulary too large");
  const bigrams: number[] = [];
  for (const [k, c] of bi) bigrams.push(Math.floor(k / B), k % B, c);
  const trigrams: number[] = [];
  for (const [k, c] of tri) {
    const w = k % B;
    const tu = Math.floor(k / B);
    trigrams.push(Math.floor(tu / B), tu % B, w, c);
  }
  return { format: "tiendo.vi-lm.v1", vocab, bigrams, trigrams };
}

const D = 0.75;
const B = 1 << 16;

/**
 * The model in back-off form (costs = -ln P, float32), ready for lookup without any arithmetic beyond additions:
 * explicit bigram / trigram costs in open-addressing hash tables keyed by Uint32 (key + 1; 0 = empty), and the
 * back-off costs (-ln γ) of their contexts. Exactly the interpolated Kneser-Ney of the counts: for a seen n-gram the
 * stored cost already includes the interpolated lower order; an unseen one costs back-off(context) + lower order.
 */
export interface CompiledLm {
  /** LM tokens; the last one is <unk> */
  vocab: string[];
  uni: Float32Array;
  biBack: Float32Array;
  biKeys: Uint32Array;
  biVals: Float32Array;
  ctxKeys: Uint32Array;
  ctxIdx: Int32Array;
  ctxBack: Float32Array;
  triKeys: Uint32Array;
  triVals: Float32Array;
}

const HASH_MUL = 0x9e3779b1;

function tableBits(n: number): number {
  let bits = 4;
  while (1 << bits < n * 2) bits++;
  return bits;
}

function insert(keys: Uint32Array, bits: number, key: number): number {
  const mask = (1 << bits) - 1;
  let i = Math.imul(key, HASH_MUL) >>> (32 - bits);
  while (keys[i] !== 0) i = (i + 1) & mask;
  keys[i] = key;
  return i;
}

/** Turn counts into the back-off tables. `floorV`: how many types share the unseen-unigram floor mass. */
export function compileLm(data: LmData, floorV = syllableInventory().size + 4): CompiledLm {
  const vocab = [...data.vocab, "<unk>"];
  const V = vocab.length;
  const unk = V - 1;
  if (V >= B - 1) throw new Error("vocabulary too large");
  const cont = new Float64Array(V);
  const biCtx = new Float64Array(V);
  const biN1 = new Float64Array(V);
  const bg = data.bigrams;
  let contTotal = 0;
  for (let i = 0; i < bg.length; i += 3) {
    biCtx[bg[i]!]! += bg[i + 2]!;
    biN1[bg[i]!]! += 1;
    cont[bg[i + 1]!]! += 1;
    contTotal++;
  }
  const pUni = (w: number) => ((w === unk ? 0 : cont[w]!) + 0.5) / (contTotal + 0.5 * floorV);
  const uni = new Float32Array(V);
  for (let w = 0; w < V; w++) uni[w] = -Math.log(pUni(w));
  const biBack = new Float32Array(V);
  for (let u = 0; u < V; u++) biBack[u] = biCtx[u]! > 0 ? -Math.log((D * biN1[u]!) / biCtx[u]!) : 0;
  const biCount = new Map<number, number>();
  for (let i = 0; i < bg.length; i += 3) biCount.set(bg[i]! * B + bg[i + 1]!, bg[i + 2]!);
  const pBi = (u: number, w: number) => {
    const cu = biCtx[u]!;
    if (cu === 0) return pUni(w);
    const c = biCount.get(u * B + w) ?? 0;
    return Math.max(c - D, 0) / cu + ((D * biN1[u]!) / cu) * pUni(w);
  };
  const nb = bg.length / 3;
  const bBits = tableBits(nb);
  const biKeys = new Uint32Array(1 << bBits);
  const biVals = new Float32Array(1 << bBits);
  for (let i = 0; i < bg.length; i += 3) {
    const u = bg[i]!;
    const w = bg[i + 1]!;
    biVals[insert(biKeys, bBits, u * B + w + 1)] = -Math.log(pBi(u, w));
  }
  // trigram contexts in order of first appearance
  const tg = data.trigrams;
  const ctxOf = new Map<number, number>();
  const ctxTotal: number[] = [];
  const ctxN1: number[] = [];
  for (let i = 0; i < tg.length; i += 4) {
    const tu = tg[i]! * B + tg[i + 1]!;
    let ci = ctxOf.get(tu);
    if (ci === undefined) {
      ci = ctxTotal.length;
      ctxOf.set(tu, ci);
      ctxTotal.push(0);
      ctxN1.push(0);
    }
    ctxTotal[ci]! += tg[i + 3]!;
    ctxN1[ci]! += 1;
  }
  const nCtx = ctxTotal.length;
  if (nCtx * V >= 2 ** 32 - 1) throw new Error("too many trigram contexts");
  const cBits = tableBits(nCtx);
  const ctxKeys = new Uint32Array(1 << cBits);
  const ctxIdx = new Int32Array(1 << cBits);
  const ctxBack = new Float32Array(nCtx);
  for (const [tu, ci] of ctxOf) {
    ctxIdx[insert(ctxKeys, cBits, tu + 1)] = ci;
    ctxBack[ci] = -Math.log((D * ctxN1[ci]!) / ctxTotal[ci]!);
  }
  const tBits = tableBits(tg.length / 4);
  const triKeys = new Uint32Array(1 << tBits);
  const triVals = new Float32Array(1 << tBits);
  for (let i = 0; i < tg.length; i += 4) {
    const u = tg[i + 1]!;
    const w = tg[i + 2]!;
    const ci = ctxOf.get(tg[i]! * B + u)!;
    const p = (tg[i + 3]! - D) / ctxTotal[ci]! + ((D * ctxN1[ci]!) / ctxTotal[ci]!) * pBi(u, w);
    triVals[insert(triKeys, tBits, ci * V + w + 1)] = -Math.log(p);
  }
  return { vocab, uni, biBack, biKeys, biVals, ctxKeys, ctxIdx, ctxBack, triKeys, triVals };
}

/** A loaded model: costs are -ln P. */
export class NgramModel {
  readonly ids = new Map<string, number>();
  readonly vocab: string[];
  readonly unk: number;
  readonly V: number;
  readonly lm: CompiledLm;
  private readonly uni: Float32Array;
  private readonly biBack: Float32Array;
  private readonly biKeys: Uint32Array;
  private readonly biVals: Float32Array;
  private readonly biShift: number;
  private readonly biMask: number;
  private readonly ctxKeys: Uint32Array;
  private readonly ctxIdx: Int32Array;
  private readonly ctxBack: Float32Array;
  private readonly ctxShift: number;
  private readonly ctxMask: number;
  private readonly triKeys: Uint32Array;
  private readonly triVals: Float32Array;
  private readonly triShift: number;
  private readonly triMask: number;

  constructor(data: LmData | CompiledLm) {
    const c = "format" in data ? compileLm(data) : data;
    this.lm = c;
    this.vocab = c.vocab;
    this.V = c.vocab.length;
    this.unk = this.V - 1;
    for (let i = 0; i < this.unk; i++) this.ids.set(c.vocab[i]!, i);
    this.uni = c.uni;
    this.biBack = c.biBack;
    this.biKeys = c.biKeys;
    this.biVals = c.biVals;
    this.biShift = 32 - Math.log2(c.biKeys.length);
    this.biMask = c.biKeys.length - 1;
    this.ctxKeys = c.ctxKeys;
    this.ctxIdx = c.ctxIdx;
    this.ctxBack = c.ctxBack;
    this.ctxShift = 32 - Math.log2(c.ctxKeys.length);
    this.ctxMask = c.ctxKeys.length - 1;
    this.triKeys = c.triKeys;
    this.triVals = c.triVals;
    this.triShift = 32 - Math.log2(c.triKeys.length);
    this.triMask = c.triKeys.length - 1;
  }

  id(token: string): number {
    return this.ids.get(token) ?? this.unk;
  }

  /** -ln P(w | u) */
  biCost(u: number, w: number): number {
    const key = u * B + w + 1;
    const keys = this.biKeys;
    let i = Math.imul(key, HASH_MUL) >>> this.biShift;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.biVals[i]!;
      if (k === 0) return this.biBack[u]! + this.uni[w]!;
      i = (i + 1) & this.biMask;
    }
  }

  /** Trigram context index of (t, u), or -1 when (t, u) was never seen as a context. */
  context(t: number, u: number): number {
    const key = t * B + u + 1;
    const keys = this.ctxKeys;
    let i = Math.imul(key, HASH_MUL) >>> this.ctxShift;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.ctxIdx[i]!;
      if (k === 0) return -1;
      i = (i + 1) & this.ctxMask;
    }
  }

  /** -ln P(w | t u) with ctx = context(t, u) */
  costIn(ctx: number, u: number, w: number): number {
    if (ctx < 0) return this.biCost(u, w);
    const key = ctx * this.V + w + 1;
    const keys = this.triKeys;
    let i = Math.imul(key, HASH_MUL) >>> this.triShift;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.triVals[i]!;
      if (k === 0) return this.ctxBack[ctx]! + this.biCost(u, w);
      i = (i + 1) & this.triMask;
    }
  }

  /** -ln P(w | t u) */
  cost(t: number, u: number, w: number): number {
    return this.costIn(this.context(t, u), u, w);
  }

  unigramCost(w: number): number {
    return this.uni[w]!;
  }
}
