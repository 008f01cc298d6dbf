import { expect, it } from "vitest";
import { describeEachEngine } from "../testing.js";
import { getSourceFile, getSourceFileBySha256, getSourceFileMeta, sha256Hex, storeSourceFile } from "./source-files.js";

describeEachEngine("source files repository", (getDb) => {
  it("stores a file once per content and returns the same row for a duplicate", async () => {
    const { db } = getDb();
    const content = Buffer.concat([
      Buffer.from("%PDF-1.7\n"),
      Buffer.from([0, 255, 128, 7]),
      Buffer.from(Math.random().toString()),
    ]);
    const first = await storeSourceFile(db, { file_name: "KH 123.pdf", mime: "application/pdf", content });
    expect(first.created).toBe(true);
    expect(first.file.sha256).toBe(sha256Hex(content));
    expect(first.file.size).toBe(content.length);
    expect("content" in first.file).toBe(false);

    const again = await storeSourceFile(db, {
      file_name: "bản sao.pdf",
      mime: "application/pdf",
      content: Buffer.from(content),
    });
    expect(again.created).toBe(false);
    expect(again.file.id).toBe(first.file.id);
    expect(again.file.file_name).toBe("KH 123.pdf");

    const full = await getSourceFile(db, first.file.id);
    expect(Buffer.compare(full!.content, content)).toBe(0);
    expect((await getSourceFileBySha256(db, first.file.sha256.toUpperCase()))?.id).toBe(first.file.id);
    expect((await getSourceFileMeta(db, first.file.id))?.mime).toBe("application/pdf");
    expect(await getSourceFile(db, "missing")).toBeUndefined();
  });

  it("deduplicates concurrent uploads of the same content", async () => {
    const { db } = getDb();
    const content = Buffer.from(`đồng thời ${Math.random()}`);
    const results = await Promise.all(
      [1, 2, 3].map((i) => storeSourceFile(db, { file_name: `f${i}.txt`, mime: "text/plain", content })),
    );
    expect(new Set(results.map((r) => r.file.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});
