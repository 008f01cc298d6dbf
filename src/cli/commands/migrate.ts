import type { Command } from "commander";
import { loadConfig } from "../../server/config.js";
import { openDatabase } from "../../store/db.js";
import { migrateToLatest, pendingMigrations } from "../../store/migrate.js";
import { action } from "../io.js";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Cập nhật cấu trúc cơ sở dữ liệu lên phiên bản mới nhất")
    .option("--check", "chỉ liệt kê các bước chưa áp dụng (mã thoát 3 nếu còn), không thay đổi gì")
    .action(
      action(async (opts: { check?: boolean }) => {
        const config = loadConfig(process.env);
        const database = await openDatabase({ url: config.databaseUrl, sqlitePath: config.dbPath });
        try {
          if (opts.check) {
            const pending = await pendingMigrations(database.db);
            process.stdout.write(
              pending.length ? `Chưa áp dụng:\n${pending.join("\n")}\n` : "Cơ sở dữ liệu đã cập nhật.\n",
            );
            if (pending.length) process.exitCode = 3;
            return;
          }
          const applied = await migrateToLatest(database.db);
          process.stdout.write(
            applied.length
              ? `Đã áp dụng ${applied.length} bước:\n${applied.join("\n")}\n`
              : "Cơ sở dữ liệu đã ở phiên bản mới nhất.\n",
          );
        } finally {
          await database.close();
        }
      }),
    );
}
