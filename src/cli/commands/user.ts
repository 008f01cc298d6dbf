import type { Command } from "commander";
import { addMembership } from "../../server/commands/add-membership.js";
import { createUser } from "../../server/commands/create-user.js";
import { setUserPassword } from "../../server/commands/set-user-password.js";
import { runCommand } from "../../server/context.js";
import { AppError } from "../../server/errors.js";
import type { Database } from "../../store/db.js";
import { findUnitsByExactName, getUnit } from "../../store/repos/units.js";
import { findUserByUsername } from "../../store/repos/users.js";
import type { Role } from "../../store/schema.js";
import { CLI_ACTOR, generatePassword } from "../demo/seed.js";
import { action, readStdin } from "../io.js";
import { withDatabase } from "./with-database.js";

const ROLES: Role[] = ["admin", "coordinator", "leader", "reporter", "viewer"];

/** A unit given by id, or by its exact name/alias when that names exactly one unit. */
async function resolveUnit(database: Database, ref: string): Promise<string> {
  const byId = await getUnit(database.db, ref);
  if (byId) return byId.id;
  const byName = await findUnitsByExactName(database.db, ref);
  if (byName.length === 1) return byName[0]!.id;
  if (byName.length > 1) {
    const list = byName.map((u) => `  ${u.id}  ${u.name}`).join("\n");
    throw new AppError("VALIDATION", `Có ${byName.length} đơn vị tên "${ref}", hãy dùng mã đơn vị:\n${list}`);
  }
  throw new AppError("NOT_FOUND", `Không tìm thấy đơn vị "${ref}".`);
}

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("Quản lý tài khoản");

  user
    .command("add")
    .description("Tạo tài khoản (mật khẩu được sinh ngẫu nhiên và in ra, trừ khi dùng --password-stdin)")
    .argument("<username>", "tên đăng nhập")
    .option("--admin", "quản trị hệ thống")
    .option("--name <name>", "họ và tên hiển thị")
    .option("--email <email>", "thư điện tử")
    .option("--unit <unit>", "đơn vị (mã hoặc tên chính xác)")
    .option("--role <role>", `vai trò tại đơn vị: ${ROLES.join(", ")}`)
    .option("--password-stdin", "đọc mật khẩu từ stdin")
    .action(
      action(
        async (
          username: string,
          opts: {
            admin?: boolean;
            name?: string;
            email?: string;
            unit?: string;
            role?: string;
            passwordStdin?: boolean;
          },
        ) => {
          if (!!opts.unit !== !!opts.role) throw new AppError("VALIDATION", "--unit và --role phải đi cùng nhau.");
          if (opts.role && !ROLES.includes(opts.role as Role)) {
            throw new AppError("VALIDATION", `Vai trò không hợp lệ: ${opts.role} (chọn: ${ROLES.join(", ")}).`);
          }
          const password = opts.passwordStdin ? await readStdin() : generatePassword();
          await withDatabase(async (database) => {
            const memberships = opts.unit
              ? [{ unitId: await resolveUnit(database, opts.unit), role: opts.role as Role }]
              : [];
            const created = await runCommand(database, { actor: CLI_ACTOR }, (ctx) =>
              createUser(ctx, {
                username,
                displayName: opts.name ?? username,
                email: opts.email ?? null,
                password,
                isAdmin: !!opts.admin,
                memberships,
              }),
            );
            process.stdout.write(`Đã tạo tài khoản "${created.username}".\n`);
            if (!opts.passwordStdin) process.stdout.write(`Mật khẩu: ${password}\n`);
          });
        },
      ),
    );

  user
    .command("password")
    .description("Đặt lại mật khẩu (mọi phiên đăng nhập của tài khoản kết thúc)")
    .argument("<username>", "tên đăng nhập")
    .option("--password-stdin", "đọc mật khẩu mới từ stdin (mặc định: sinh ngẫu nhiên và in ra)")
    .action(
      action(async (username: string, opts: { passwordStdin?: boolean }) => {
        const password = opts.passwordStdin ? await readStdin() : generatePassword();
        await withDatabase(async (database) => {
          const u = await findUserByUsername(database.db, username);
          if (!u) throw new AppError("NOT_FOUND", `Không tìm thấy tài khoản "${username}".`);
          await runCommand(database, { actor: CLI_ACTOR }, (ctx) => setUserPassword(ctx, { userId: u.id, password }));
          process.stdout.write(`Đã đặt lại mật khẩu cho "${u.username}".\n`);
          if (!opts.passwordStdin) process.stdout.write(`Mật khẩu mới: ${password}\n`);
        });
      }),
    );

  user
    .command("role")
    .description("Giao vai trò tại một đơn vị cho tài khoản")
    .argument("<username>", "tên đăng nhập")
    .requiredOption("--unit <unit>", "đơn vị (mã hoặc tên chính xác)")
    .requiredOption("--role <role>", `vai trò: ${ROLES.join(", ")}`)
    .action(
      action(async (username: string, opts: { unit: string; role: string }) => {
        if (!ROLES.includes(opts.role as Role)) throw new AppError("VALIDATION", `Vai trò không hợp lệ: ${opts.role}.`);
        await withDatabase(async (database) => {
          const u = await findUserByUsername(database.db, username);
          if (!u) throw new AppError("NOT_FOUND", `Không tìm thấy tài khoản "${username}".`);
          const unitId = await resolveUnit(database, opts.unit);
          const r = await runCommand(database, { actor: CLI_ACTOR }, (ctx) =>
            addMembership(ctx, { userId: u.id, unitId, role: opts.role as Role }),
          );
          process.stdout.write(r.created ? "Đã giao vai trò.\n" : "Tài khoản đã có vai trò này.\n");
        });
      }),
    );
}
