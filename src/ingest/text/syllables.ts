/**
 * The Vietnamese syllable inventory, generated from phonotactic rules: onset × rhyme × tone, with the spelling
 * constraints (c/k/q, g/gh, ng/ngh, gi, qu) and the tone restriction on checked rhymes (-p, -t, -c, -ch take only
 * sắc or nặng). Over-generation is harmless (the language model decides); under-generation is not.
 */
import { placeTone, splitTone } from "./normalize.js";

const MARKED_LETTERS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const FOLD_MAP = new Map<string, string>();
for (const ch of MARKED_LETTERS + MARKED_LETTERS.toUpperCase()) {
  FOLD_MAP.set(ch, ch.normalize("NFD")[0]!.toLowerCase());
}

/**
 * Fold NFC text to base letters, lower case: "Đổi" → "đoi" (keepD) or "doi". Characters outside the Vietnamese
 * alphabet are only lower-cased.
 */
export function foldText(s: string, keepD = false): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i]!;
    else if (c === 0x111 || c === 0x110) out += keepD ? "đ" : "d";
    else {
      const ch = s[i]!;
      let f = FOLD_MAP.get(ch);
      if (f === undefined) {
        // other accented letters: strip combining marks when that leaves one character
        const base = ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
        f = base.length === 1 ? base : ch.toLowerCase();
        FOLD_MAP.set(ch, f);
      }
      out += f;
    }
  }
  return out;
}

const ONSETS = [
  "",
  "b",
  "c",
  "ch",
  "d",
  "đ",
  "g",
  "gh",
  "gi",
  "h",
  "k",
  "kh",
  "l",
  "m",
  "n",
  "ng",
  "ngh",
  "nh",
  "p",
  "ph",
  "qu",
  "r",
  "s",
  "t",
  "th",
  "tr",
  "v",
  "x",
];

const PLAIN_RHYMES = `a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it
iêc iêm iên iêng iêp iêt iêu
o oi oc om on ong op ot oong ooc
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uc um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưi ưu ưc ưm ưn ưng ưt
ươc ươi ươm ươn ương ươp ươt ươu
y`
  .split(/\s+/)
  .filter(Boolean);

const MEDIAL_O = "oa oai oay oac oach oan oang oanh oap oat oăc oăm oăn oăng oăt oe oeo oen oet".split(" ");
const MEDIAL_U = "uê uêch uênh uân uâng uât uây uy uya uych uyên uyêt uyn uynh uyp uyt uyu uơ".split(" ");
const NO_ONSET_ONLY = "yên yêt yêu yêm".split(" ");
const QU_RHYMES =
  "a ai an ang anh at ac ach ay au ôc ăc ăm ăn ăng ăt ân âng ât ây e en eo et ê ên ênh êch y yên yêt ynh yt yu ơ".split(
    " ",
  );
const GI_RHYMES = `a ai ao au ay ac am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e eo em en ep et ê êm ên êng êt êu êc êp o oi oc om on ong op ot ô ôi ôc ôm ôn ông ôt ơ ơi ơm ơn ơp ơt
u ua ui uc um un ung up ut uôc uôn uông ư ưa ưc ưng ươc ươi ương ươm ưt`
  .split(/\s+/)
  .filter(Boolean);

const MEDIAL_ONSETS = new Set([
  "",
  "h",
  "kh",
  "l",
  "t",
  "th",
  "tr",
  "ch",
  "x",
  "s",
  "đ",
  "n",
  "ng",
  "nh",
  "d",
  "g",
  "r",
]);
const Y_ALONE_ONSETS = new Set(["", "h", "k", "l", "m", "n", "s", "t", "v", "d", "đ", "qu", "th", "ph"]);

function front(rhyme: string): boolean {
  const c = rhyme[0];
  return c === "i" || c === "e" || c === "ê" || c === "y";
}

function allowed(onset: string, rhyme: string, medial: boolean): boolean {
  const f = front(rhyme);
  switch (onset) {
    case "c":
      return !f && !medial;
    case "k":
      return f && !medial;
    case "gh":
    case "ngh":
      return f && rhyme[0] !== "y" && !medial;
    case "ng":
      return !f || medial;
    case "g":
      return (!f || rhyme[0] === "i") && (!medial || MEDIAL_ONSETS.has(onset));
    case "b":
    case "m":
    case "p":
    case "ph":
    case "v":
      if (medial) return false;
      break;
    default:
      if (medial && !MEDIAL_ONSETS.has(onset)) return false;
  }
  if (rhyme === "y" && !Y_ALONE_ONSETS.has(onset)) return false;
  if (rhyme[0] === "y" && rhyme !== "y" && onset !== "") return false;
  if (rhyme.startsWith("iê") && onset === "") return false;
  return true;
}

function checked(rhyme: string): boolean {
  return /(p|t|c|ch)$/.test(rhyme);
}

function* bases(): Generator<string> {
  for (const onset of ONSETS) {
    if (onset === "qu") {
      for (const r of QU_RHYMES) yield onset + r;
      continue;
    }
    if (onset === "gi") {
      for (const r of GI_RHYMES) yield onset + r;
      yield "gi"; // "gì" spelled g+i is also produced below; keep the bare form
      continue;
    }
    for (const r of PLAIN_RHYMES) if (allowed(onset, r, false)) yield onset + r;
    for (const r of MEDIAL_O) if (allowed(onset, r, true)) yield onset + r;
    for (const r of MEDIAL_U) if (allowed(onset, r, true)) yield onset + r;
    if (onset === "") for (const r of NO_ONSET_ONLY) yield r;
  }
}

let inventory: Set<string> | null = null;
let foldIndex: Map<string, string[]> | null = null;

/** Use a stored inventory (the model file's syllable table, same order as generated) instead of generating it. */
export function setSyllableInventory(list: readonly string[]): void {
  if (inventory || list.length < 10000) return;
  inventory = new Set(list);
}

/** All syllables (lower case, NFC, classic tone placement). */
export function syllableInventory(): Set<string> {
  if (inventory) return inventory;
  const set = new Set<string>();
  for (const b of bases()) {
    const tones = checked(b) ? [1, 5] : [0, 1, 2, 3, 4, 5];
    for (const t of tones) set.add(placeTone(b, t));
  }
  inventory = set;
  return set;
}

/** Folded syllable ("nghiep") → the syllables with diacritics that fold to it ("nghiệp", "nghiếp"). */
export function syllableFoldIndex(): Map<string, string[]> {
  if (foldIndex) return foldIndex;
  const m = new Map<string, string[]>();
  for (const s of syllableInventory()) {
    const f = foldText(s);
    let arr = m.get(f);
    if (!arr) {
      arr = [];
      m.set(f, arr);
    }
    arr.push(s);
  }
  foldIndex = m;
  return m;
}

/** Is this lower-case word (any tone placement) a Vietnamese syllable? */
const sylCache = new Map<string, boolean>();
export function isSyllable(word: string): boolean {
  const inv = syllableInventory();
  if (inv.has(word)) return true;
  let r = sylCache.get(word);
  if (r === undefined) {
    const s = splitTone(word);
    r = s ? inv.has(placeTone(s.base, s.tone)) : false;
    if (sylCache.size > 100_000) sylCache.clear();
    sylCache.set(word, r);
  }
  return r;
}
