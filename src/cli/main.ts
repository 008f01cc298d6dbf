#!/usr/bin/env node
/**
 * The `tiendo` command line: serve, migrate, user, token, demo, import.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { packageRoot } from "../server/config.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerImportCommand } from "./commands/import.js";
import { registerMigrateCommand } from "./commands/migrate.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTokenCommands } from "./commands/token.js";
import { registerUserCommands } from "./commands/user.js";
import { reportError } from "./io.js";

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "0.0.0";
  }
}

/** Commander's section headings, in Vietnamese like the rest of the help (subcommands inherit this). */
const HELP_TITLES: Record<string, string> = {
  "Usage:": "Cách dùng:",
  "Arguments:": "Tham số:",
  "Options:": "Tùy chọn:",
  "Commands:": "Lệnh:",
  "Global Options:": "Tùy chọn chung:",
};

/** Commander's own error messages (unknown command, missing argument…), worded in Vietnamese; others pass unchanged. */
const ERROR_WORDING: [RegExp, string][] = [
  [/^error: unknown command (.+)$/m, "lỗi: không có lệnh $1"],
  [/^error: unknown option (.+)$/m, "lỗi: không có tùy chọn $1"],
  [/^error: missing required argument (.+)$/m, "lỗi: thiếu tham số bắt buộc $1"],
  [/^error: option (.+) argument missing$/m, "lỗi: tùy chọn $1 cần có giá trị"],
  [/^error: required option (.+) not specified$/m, "lỗi: chưa có tùy chọn bắt buộc $1"],
  [/^error: too many arguments(.*)$/m, "lỗi: thừa tham số$1"],
  [/\(Did you mean (.+)\?\)/, "(có phải là $1?)"],
];

export function vietnameseCommanderError(text: string): string {
  return ERROR_WORDING.reduce((t, [pattern, wording]) => t.replace(pattern, wording), text);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("tiendo")
    .description("tiendo — theo dõi tiến độ kế hoạch khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số")
    .version(version(), "-v, --version", "in phiên bản")
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
    .configureOutput({ outputError: (text, write) => write(vietnameseCommanderError(text)) })
    .helpOption("-h, --help", "hướng dẫn sử dụng")
    .addHelpCommand("help [lệnh]", "hướng dẫn cho một lệnh")
    .showHelpAfterError("(dùng --help để xem hướng dẫn)");
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerDemoCommand(program);
  registerImportCommand(program);
  return program;
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err) => reportError(err));
}
