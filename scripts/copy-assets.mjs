// Copies non-TypeScript runtime assets (models, data files) from src/ into dist/ after tsc.
import fs from "node:fs";
import path from "node:path";

const exts = new Set([".json", ".txt", ".bin", ".tsv", ".gz"]);
function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (p === path.join("src", "web")) continue;
      walk(p);
    } else if (exts.has(path.extname(e.name))) {
      const out = path.join("dist", path.relative("src", p));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(p, out);
    }
  }
}
walk("src");
