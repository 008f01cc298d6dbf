import { ConfigError } from "../server/config.js";
import { AppError } from "../server/errors.js";

/** Reads all of stdin (for --password-stdin); the trailing newline is dropped. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new AppError("VALIDATION", "Không có dữ liệu từ stdin (dùng: echo 'mật khẩu' | tiendo … --password-stdin).");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Prints a failure the way an administrator needs it (no stack for expected errors) and sets the exit code. */
export function reportError(err: unknown): void {
  if (err instanceof AppError) {
    const fields = err.fields ? Object.entries(err.fields).map(([k, v]) => `\n  - ${k}: ${v}`) : [];
    process.stderr.write(`Lỗi: ${err.message}${fields.join("")}\n`);
  } else if (err instanceof ConfigError || (err instanceof Error && err.name === "StartupError")) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Lỗi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exitCode = 1;
}

/** Runs a CLI action, turning errors into messages and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      reportError(err);
    }
  };
}
