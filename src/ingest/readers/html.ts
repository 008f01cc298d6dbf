/**
 * .html/.htm (a plan saved from a web portal or Word's "Save as Web Page") → text: block elements become lines,
 * <li> items get "1." / "-" markers, table rows become tab-joined lines; script/style/head are dropped.
 */
import { scanXml } from "./xml.js";

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  bull: "•",
  middot: "·",
  copy: "©",
  deg: "°",
};
// Latin-1 letters used in Vietnamese: &agrave; &Ocirc; …
for (const [base, marks] of Object.entries({
  a: ["grave", "acute", "circ", "tilde"],
  e: ["grave", "acute", "circ"],
  i: ["grave", "acute"],
  o: ["grave", "acute", "circ", "tilde"],
  u: ["grave", "acute"],
  y: ["acute"],
})) {
  const comb: Record<string, string> = { grave: "\u0300", acute: "\u0301", circ: "\u0302", tilde: "\u0303" };
  for (const m of marks) {
    ENTITIES[`${base}${m}`] = (base + comb[m]).normalize("NFC");
    ENTITIES[`${base.toUpperCase()}${m}`] = (base.toUpperCase() + comb[m]).normalize("NFC");
  }
}

function decodeHtmlEntities(s: string): string {
  return s.replace(/&([a-zA-Z]{2,8});/g, (m, name: string) => ENTITIES[name] ?? m);
}

const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "section",
  "article",
  "header",
  "footer",
  "blockquote",
  "pre",
  "title",
  "center",
]);
const SKIP = new Set(["script", "style", "head", "noscript", "template", "svg"]);

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text.slice(0, 4096));
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = "";
  let skip = 0;
  const lists: { ordered: boolean; n: number }[] = [];
  const tables: { row: string[] | null; cell: string | null }[] = [];
  const flush = () => {
    const t = line.replace(/\s+/g, " ").trim();
    const table = tables[tables.length - 1];
    if (table && table.cell !== null) {
      if (t) table.cell = table.cell ? `${table.cell} ${t}` : t;
    } else if (t) out.push(t);
    line = "";
  };
  scanXml(html, {
    open(raw, attrs, selfClosing) {
      const name = raw.toLowerCase();
      if (SKIP.has(name)) {
        if (!selfClosing) skip++;
        return;
      }
      if (skip) return;
      if (name === "br") {
        flush();
        return;
      }
      if (name === "ul" || name === "ol") {
        flush();
        const start = Number.parseInt(attrs().start ?? "1", 10);
        lists.push({ ordered: name === "ol", n: Number.isFinite(start) ? start - 1 : 0 });
        return;
      }
      if (name === "table") {
        flush();
        tables.push({ row: null, cell: null });
        return;
      }
      const table = tables[tables.length - 1];
      if (name === "tr" && table) {
        table.row = [];
        return;
      }
      if ((name === "td" || name === "th") && table) {
        flush();
        table.cell = "";
        return;
      }
      if (BLOCK.has(name)) {
        flush();
        if (name === "li") {
          const l = lists[lists.length - 1];
          if (l) {
            l.n++;
            line = l.ordered ? `${l.n}. ` : "- ";
          }
        }
      }
    },
    close(raw) {
      const name = raw.toLowerCase();
      if (SKIP.has(name)) {
        skip = Math.max(0, skip - 1);
        return;
      }
      if (skip) return;
      const table = tables[tables.length - 1];
      if ((name === "td" || name === "th") && table && table.cell !== null) {
        flush();
        table.row ??= [];
        table.row.push(table.cell.replace(/\t/g, " "));
        table.cell = null;
        return;
      }
      if (name === "tr" && table) {
        if (table.cell !== null) {
          flush();
          table.row ??= [];
          table.row.push(table.cell);
          table.cell = null;
        }
        const row = table.row ?? [];
        if (row.some((c) => c !== "")) {
          const text = row.join("\t");
          const outer = tables[tables.length - 2];
          // A table inside a cell: its rows join the outer cell.
          if (outer && outer.cell !== null) outer.cell = outer.cell ? `${outer.cell} ${row.join(" ")}` : row.join(" ");
          else out.push(text);
        }
        table.row = null;
        return;
      }
      if (name === "table") {
        flush();
        tables.pop();
        return;
      }
      if (name === "ul" || name === "ol") {
        flush();
        lists.pop();
        return;
      }
      if (BLOCK.has(name)) flush();
    },
    text(t) {
      if (skip) return;
      line += decodeHtmlEntities(t);
    },
  });
  flush();
  return out.join("\n");
}
