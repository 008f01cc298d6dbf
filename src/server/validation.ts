/**
 * Zod → Vietnamese field messages. Schemas stay plain (no per-field message strings); the messages come from one map,
 * so every route says "Bắt buộc nhập." the same way.
 */
import type { z } from "zod";
import { AppError } from "./errors.js";

type Issue = z.core.$ZodIssue;

const SIZE_UNIT: Record<string, string> = { string: "ký tự", array: "mục", set: "mục", file: "byte" };

function describeType(expected: string): string {
  switch (expected) {
    case "string":
      return "chuỗi ký tự";
    case "number":
    case "int":
      return "số";
    case "boolean":
      return "đúng/sai";
    case "array":
      return "danh sách";
    case "object":
      return "đối tượng";
    case "date":
      return "ngày";
    default:
      return expected;
  }
}

const FORMAT: Record<string, string> = {
  email: "Địa chỉ email không hợp lệ.",
  url: "Địa chỉ URL không hợp lệ.",
  uuid: "Mã định danh không hợp lệ.",
  date: "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
  datetime: "Thời điểm không hợp lệ.",
};

/** The Vietnamese message for one zod issue (the schema's own message wins when it set one in Vietnamese). */
export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "Bắt buộc nhập.";
      return `Phải là ${describeType(issue.expected)}.`;
    case "too_small": {
      const unit = SIZE_UNIT[issue.origin as string];
      const min = Number(issue.minimum);
      if (issue.origin === "string" && min === 1) return "Bắt buộc nhập.";
      if (unit) return `Tối thiểu ${min} ${unit}.`;
      return issue.inclusive ? `Phải lớn hơn hoặc bằng ${min}.` : `Phải lớn hơn ${min}.`;
    }
    case "too_big": {
      const unit = SIZE_UNIT[issue.origin as string];
      const max = Number(issue.maximum);
      if (unit) return `Tối đa ${max} ${unit}.`;
      return issue.inclusive ? `Phải nhỏ hơn hoặc bằng ${max}.` : `Phải nhỏ hơn ${max}.`;
    }
    case "invalid_format":
      if (issue.format === "regex") return "Giá trị không đúng định dạng.";
      return FORMAT[issue.format] ?? "Giá trị không đúng định dạng.";
    case "invalid_value":
      return issue.values.length === 1
        ? `Giá trị phải là ${String(issue.values[0])}.`
        : `Giá trị phải là một trong: ${issue.values.map(String).join(", ")}.`;
    case "unrecognized_keys":
      return `Trường không được hỗ trợ: ${issue.keys.join(", ")}.`;
    case "not_multiple_of":
      return `Phải là bội số của ${String(issue.divisor)}.`;
    case "invalid_union":
      return "Giá trị không hợp lệ.";
    default:
      return "Giá trị không hợp lệ.";
  }
}

/** Error map for `safeParse(x, { error: vietnameseErrorMap })`; messages set on a schema still take precedence. */
export const vietnameseErrorMap = (issue: z.core.$ZodRawIssue): string => issueMessage(issue as unknown as Issue);

export function issuesToFields(issues: readonly Issue[], prefix?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== "").join(".");
    const key = path || (prefix ?? "_");
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/** Parses `input` with `schema` or throws AppError VALIDATION with Vietnamese field messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where?: string): z.output<S> {
  const result = schema.safeParse(input, { error: vietnameseErrorMap });
  if (result.success) return result.data;
  throw new AppError("VALIDATION", "Dữ liệu không hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.", {
    fields: issuesToFields(result.error.issues, where),
  });
}
