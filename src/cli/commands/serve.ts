import fs from "node:fs";
import type { Command } from "commander";
import { loadConfig } from "../../server/config.js";
import { startServer } from "../../server/start.js";
import { readDemoLogin } from "../demo/login-file.js";
import { action } from "../io.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Chạy máy chủ web (API và giao diện)")
    .option("-p, --port <port>", "cổng (mặc định PORT hoặc 3000)")
    .option("--host <host>", "địa chỉ lắng nghe (mặc định HOST hoặc 127.0.0.1)")
    .action(
      action(async (opts: { port?: string; host?: string }) => {
        const config = loadConfig({
          ...process.env,
          ...(opts.port ? { PORT: opts.port } : {}),
          ...(opts.host ? { HOST: opts.host } : {}),
        });
        const server = await startServer(config);
        const lines = [`tiendo đang chạy tại ${server.url}`];
        if (!fs.existsSync(config.webRoot)) lines.push("(Giao diện web chưa được xây dựng: chạy npm run build)");
        const demo = config.databaseUrl ? null : readDemoLogin(config.dbPath);
        if (demo) lines.push(`Đăng nhập demo: tên đăng nhập "${demo.username}", mật khẩu "${demo.password}"`);
        process.stdout.write(`${lines.join("\n")}\n`);
      }),
    );
}
