import { z } from "zod";
import { databaseReachable } from "../../store/repos/users.js";
import type { HealthDto } from "../api-types.js";
import { AppError } from "../errors.js";
import { dto } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";

const HealthDtoSchema = dto<HealthDto>()(
  z.object({ status: z.literal("ok"), version: z.string(), database: z.enum(["sqlite", "postgres"]) }),
);

export const registerHealthRoutes: RegisterRoutes = (routes, { database, config }) => {
  routes.add({
    method: "GET",
    url: "/health",
    summary: "Kiểm tra máy chủ và cơ sở dữ liệu hoạt động",
    tag: "Hệ thống",
    auth: "public",
    response: HealthDtoSchema,
    errors: [503],
    handler: async () => {
      if (!(await databaseReachable(database.db))) {
        throw new AppError("INTERNAL", "Không kết nối được cơ sở dữ liệu.");
      }
      return { status: "ok" as const, version: config.version, database: database.dialect };
    },
  });
};
