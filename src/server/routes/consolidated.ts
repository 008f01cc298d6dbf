/**
 * The consolidated report of a plan for a period (Nghị định 30/2020 layout, DOCX) and its appendix table (XLSX,
 * streamed), built from the accepted reports.
 */

import { writeAppendixXlsx } from "../../reports/appendix-xlsx.js";
import { renderConsolidatedDocx } from "../../reports/consolidated-docx.js";
import { authorize } from "../policies/index.js";
import { buildConsolidatedReport, consolidatedFileName } from "../services/consolidation.js";
import { sendBuffer, sendStream } from "../services/http-download.js";
import { loadReadablePlan } from "../services/unit-report.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import { OverviewQuery } from "./overview.schema.js";

const TAG = "Báo cáo tổng hợp";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const registerConsolidatedRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/plans/:id/consolidated.docx",
    summary: "Báo cáo tổng hợp kết quả thực hiện kế hoạch trong kỳ (DOCX, thể thức Nghị định 30/2020)",
    tag: TAG,
    auth: "user",
    params: IdParams,
    query: OverviewQuery,
    status: 200,
    errors: [403, 404, 409],
    handler: async ({ actor, params, query, reply }) => {
      const { target } = await loadReadablePlan(db, actor, params.id);
      authorize(actor, "plan.consolidate", target, "Chỉ cán bộ cơ quan ban hành kế hoạch được lập báo cáo tổng hợp.");
      const { report } = await buildConsolidatedReport(db, params.id, { periodId: query.period, now: new Date() });
      const buf = await renderConsolidatedDocx(report);
      await sendBuffer(reply, { fileName: consolidatedFileName(report, "docx"), mime: DOCX }, buf);
    },
  });

  routes.add({
    method: "GET",
    url: "/plans/:id/consolidated.xlsx",
    summary: "Phụ lục kết quả thực hiện từng nhiệm vụ trong kỳ (XLSX, truyền dòng)",
    tag: TAG,
    auth: "user",
    params: IdParams,
    query: OverviewQuery,
    status: 200,
    errors: [403, 404, 409],
    handler: async ({ actor, params, query, reply }) => {
      const { target } = await loadReadablePlan(db, actor, params.id);
      authorize(actor, "plan.consolidate", target, "Chỉ cán bộ cơ quan ban hành kế hoạch được lập báo cáo tổng hợp.");
      const { report } = await buildConsolidatedReport(db, params.id, { periodId: query.period, now: new Date() });
      await sendStream(reply, { fileName: consolidatedFileName(report, "xlsx"), mime: XLSX }, (out) =>
        writeAppendixXlsx(report, out),
      );
    },
  });
};
