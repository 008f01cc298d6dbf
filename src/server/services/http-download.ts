/**
 * Sending a file (DOCX, XLSX, iCalendar, evidence) from an API route. The route registry answers JSON; a download
 * takes over the raw response instead (reply.hijack), keeping the headers already set on the reply (security headers)
 * and writing either a buffer or a stream produced straight into the socket.
 */
import type { Writable } from "node:stream";
import type { FastifyReply } from "fastify";

export function contentDisposition(fileName: string, inline = false): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface Download {
  fileName: string;
  mime: string;
  inline?: boolean;
  /** Extra headers (cache-control…). */
  headers?: Record<string, string>;
}

function headersFor(reply: FastifyReply, d: Download): Record<string, string | number | string[]> {
  const base: Record<string, string | number | string[]> = {};
  for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) base[k] = v as string;
  return {
    ...base,
    "content-type": d.mime,
    "content-disposition": contentDisposition(d.fileName, d.inline),
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
    ...d.headers,
  };
}

/** Sends a buffer as a download. */
export async function sendBuffer(reply: FastifyReply, d: Download, body: Buffer | string): Promise<void> {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  reply.hijack();
  reply.raw.writeHead(200, { ...headersFor(reply, d), "content-length": buf.length });
  await new Promise<void>((resolve) => reply.raw.end(buf, () => resolve()));
}

/** Streams a download: `write` produces the content into the response and resolves when it has finished. */
export async function sendStream(
  reply: FastifyReply,
  d: Download,
  write: (out: Writable) => Promise<void>,
): Promise<void> {
  reply.hijack();
  reply.raw.writeHead(200, headersFor(reply, d));
  try {
    await write(reply.raw);
  } catch (err) {
    // Headers are gone: all that can be done is to cut the response short so the client sees a failed download.
    reply.log.error({ err }, "tải tệp thất bại giữa chừng");
    reply.raw.destroy(err as Error);
    return;
  }
  if (!reply.raw.writableEnded) await new Promise<void>((resolve) => reply.raw.end(() => resolve()));
}
