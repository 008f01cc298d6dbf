import type { Command } from "commander";
import { createApiToken } from "../../server/commands/create-api-token.js";
import { runCommand } from "../../server/context.js";
import { AppError } from "../../server/errors.js";
import { findUserByUsername } from "../../store/repos/users.js";
import { CLI_ACTOR } from "../demo/seed.js";
import { action } from "../io.js";
import { withDatabase } from "./with-database.js";

export function registerTokenCommands(program: Command): void {
  const token = program.command("token").description("Mã truy cập API");
  token
    .command("create")
    .description("Tạo mã truy cập API cho tài khoản; chỉ in ra mã (dùng được trong script)")
    .argument("<username>", "tên đăng nhập của chủ mã")
    .option("--name <name>", "tên gợi nhớ của mã", "CLI")
    .action(
      action(async (username: string, opts: { name: string }) => {
        await withDatabase(async (database) => {
          const u = await findUserByUsername(database.db, username);
          if (!u) throw new AppError("NOT_FOUND", `Không tìm thấy tài khoản "${username}".`);
          const { token: secret } = await runCommand(database, { actor: CLI_ACTOR }, (ctx) =>
            createApiToken(ctx, { userId: u.id, name: opts.name }),
          );
          process.stdout.write(`${secret}\n`);
        });
      }),
    );
}
