/**
 * A minimal, linear-time XML scanner (no regex backtracking, no DOM): calls back on open/close tags and text.
 * Enough for OOXML parts; DTDs, processing instructions and comments are skipped.
 */

export interface XmlHandler {
  /** `attrs()` parses the tag's attributes on demand (most tags' attributes are never needed). */
  open(name: string, attrs: () => XmlAttrs, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

export type XmlAttrs = Record<string, string>;

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;

export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (_m, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
    }
    const cp = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : "";
  });
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function parseAttrs(tag: string, from: number, to: number): XmlAttrs {
  const attrs: XmlAttrs = {};
  let i = from;
  while (i < to) {
    while (i < to && isSpace(tag.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < to && tag[i] !== "=" && !isSpace(tag.charCodeAt(i))) i++;
    const name = tag.slice(nameStart, i);
    while (i < to && isSpace(tag.charCodeAt(i))) i++;
    if (tag[i] !== "=") {
      i++;
      continue;
    }
    i++;
    while (i < to && isSpace(tag.charCodeAt(i))) i++;
    const q = tag[i];
    if (q !== '"' && q !== "'") continue;
    const end = tag.indexOf(q, i + 1);
    if (end < 0 || end > to) break;
    if (name) attrs[name] = decodeEntities(tag.slice(i + 1, end));
    i = end + 1;
  }
  return attrs;
}

/** Scan `xml`, calling the handler. Malformed input never throws; it is read as far as it makes sense. */
export function scanXml(xml: string, h: XmlHandler): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      if (i < n) h.text(decodeEntities(xml.slice(i)));
      return;
    }
    if (lt > i) h.text(decodeEntities(xml.slice(i, lt)));
    if (xml.startsWith("<!--", lt)) {
      const e = xml.indexOf("-->", lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const e = xml.indexOf("]]>", lt + 9);
      h.text(xml.slice(lt + 9, e < 0 ? n : e));
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (xml[lt + 1] === "?" || xml[lt + 1] === "!") {
      const e = xml.indexOf(">", lt + 2);
      i = e < 0 ? n : e + 1;
      continue;
    }
    // Find the closing ">" outside quoted attribute values.
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
    }
    if (j >= n) return; // truncated tag
    if (xml[lt + 1] === "/") {
      let k = lt + 2;
      while (k < j && !isSpace(xml.charCodeAt(k))) k++;
      h.close(xml.slice(lt + 2, k));
    } else {
      const selfClosing = xml[j - 1] === "/";
      const end = selfClosing ? j - 1 : j;
      let k = lt + 1;
      while (k < end && !isSpace(xml.charCodeAt(k))) k++;
      const name = xml.slice(lt + 1, k);
      const from = k;
      const attrs = () => (from < end ? parseAttrs(xml, from, end) : {});
      h.open(name, attrs, selfClosing);
      if (selfClosing) h.close(name);
    }
    i = j + 1;
  }
}

/** Tiny DOM for small parts (numbering.xml, styles.xml, sharedStrings…). */
export interface XmlNode {
  name: string;
  attrs: XmlAttrs;
  children: XmlNode[];
  text: string;
}

export function parseXmlTree(xml: string): XmlNode {
  const root: XmlNode = { name: "#root", attrs: {}, children: [], text: "" };
  const stack: XmlNode[] = [root];
  scanXml(xml, {
    open(name, attrs) {
      const node: XmlNode = { name, attrs: attrs(), children: [], text: "" };
      stack[stack.length - 1]!.children.push(node);
      stack.push(node);
    },
    close(name) {
      // Pop to the matching element (tolerates malformed nesting).
      for (let k = stack.length - 1; k > 0; k--) {
        if (stack[k]!.name === name) {
          stack.length = k;
          return;
        }
      }
    },
    text(t) {
      stack[stack.length - 1]!.text += t;
    },
  });
  return root;
}

export function localName(name: string): string {
  const c = name.indexOf(":");
  return c < 0 ? name : name.slice(c + 1);
}

export function childrenNamed(node: XmlNode, local: string): XmlNode[] {
  return node.children.filter((c) => localName(c.name) === local);
}

export function childNamed(node: XmlNode, local: string): XmlNode | undefined {
  return node.children.find((c) => localName(c.name) === local);
}

/** Attribute by local name ("w:val" or "val"). */
export function attr(node: XmlNode | undefined, local: string): string | undefined {
  if (!node) return undefined;
  for (const k in node.attrs) if (localName(k) === local) return node.attrs[k];
  return undefined;
}

export function attrOf(attrs: XmlAttrs, local: string): string | undefined {
  for (const k in attrs) if (localName(k) === local) return attrs[k];
  return undefined;
}
