import path from "node:path";
import type { Command } from "commander";
import { packageRoot } from "../../server/config.js";
import { describeSeedOutcomes, publicizeDemoPlans, publishSeedPlans } from "../../server/demo/publish-seeds.js";
import { DEMO_ACCOUNTS } from "../demo/directory.js";
import { writeDemoLogin } from "../demo/login-file.js";
import { seedDemo } from "../demo/seed.js";
import { action } from "../io.js";
import { withDatabase } from "./with-database.js";

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "Tạo dữ liệu mẫu: danh mục đơn vị (Gò Vấp, TP. Hồ Chí Minh, Mỹ Hào, Hưng Yên, Hà Nội), tài khoản demo " +
        "và năm kế hoạch mẫu đã ban hành. " +
        "Chạy lại không thay đổi gì. Mật khẩu quản trị: TIENDO_ADMIN_PASSWORD; mật khẩu các tài khoản demo khác: " +
        "TIENDO_DEMO_PASSWORD; biến nào không đặt thì mật khẩu được sinh ngẫu nhiên và in ra.",
    )
    .action(
      action(async () => {
        await withDatabase(async (database, config) => {
          const r = await seedDemo(database, {
            password: process.env.TIENDO_ADMIN_PASSWORD,
            demoPassword: process.env.TIENDO_DEMO_PASSWORD,
          });
          const out = [
            `Đơn vị: ${r.unitsCreated} tạo mới, ${r.unitsUpdated} cập nhật; nhóm đơn vị: ${r.groupsCreated} tạo mới, ${r.groupsUpdated} cập nhật.`,
          ];
          if (r.password) {
            out.push(`Tài khoản demo đã tạo: ${r.accountsCreated.join(", ")}`);
            if (r.adminPassword && r.demoPassword && r.adminPassword !== r.demoPassword) {
              out.push(`Mật khẩu tài khoản admin: ${r.adminPassword}`);
              out.push(`Mật khẩu các tài khoản demo khác: ${r.demoPassword}`);
            } else {
              out.push(`Mật khẩu (chung cho các tài khoản demo): ${r.password}`);
            }
            if (r.adminPassword && !config.databaseUrl) {
              writeDemoLogin(config.dbPath, { username: "admin", password: r.adminPassword });
            }
          } else {
            out.push(
              `Tài khoản demo đã có sẵn (${DEMO_ACCOUNTS.map((a) => a.username).join(", ")}); mật khẩu giữ nguyên.`,
            );
          }
          const seeds = await publishSeedPlans(database, {
            fixturesDir: process.env.TIENDO_SEED_DIR ?? path.join(packageRoot(), "tests", "fixtures", "seeds"),
          });
          out.push(describeSeedOutcomes(seeds));
          const madePublic = await publicizeDemoPlans(database, seeds);
          if (madePublic.length > 0) {
            out.push(`Công khai tiến độ (xem tại /cong-khai, không cần đăng nhập): ${madePublic.join(", ")}`);
          }
          process.stdout.write(`${out.join("\n")}\n`);
        });
      }),
    );
}
