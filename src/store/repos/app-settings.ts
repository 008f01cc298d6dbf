/**
 * The administrator-editable settings row (app_settings, id "app"). NULL columns mean "use the environment".
 */
import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../db.js";
import type { AppSettingsTable } from "../schema.js";

export const APP_SETTINGS_ID = "app";

export type AppSettingsRow = Selectable<AppSettingsTable>;
export type AppSettingsValues = Omit<Insertable<AppSettingsTable>, "id">;

export async function getAppSettings(db: Executor): Promise<AppSettingsRow | undefined> {
  return db.selectFrom("app_settings").selectAll().where("id", "=", APP_SETTINGS_ID).executeTakeFirst();
}

/** Writes the given columns (others keep their value; a new row starts with every setting unset). */
export async function saveAppSettings(db: Executor, values: AppSettingsValues): Promise<AppSettingsRow> {
  const { updated_at, updated_by, ...rest } = values;
  return db
    .insertInto("app_settings")
    .values({ id: APP_SETTINGS_ID, ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet({ ...rest, updated_at, updated_by }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
