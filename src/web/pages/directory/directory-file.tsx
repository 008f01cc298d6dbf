/**
 * The directory as a file: download it (XLSX/CSV, everyone) and, for coordinators and administrators, upload a
 * corrected file. The upload is all or nothing; a refused file lists its problems row by row.
 */
import { type FormEvent, useId, useState } from "react";
import type { DirectoryImportResultDto } from "../../../server/api-types-directory.js";
import { errorMessage } from "../../api/client.js";
import { formatNumber } from "../../format.js";
import { directoryExportUrl, directoryFileProblems, importDirectory } from "./directory-api.js";

export function DirectoryExportLinks() {
  return (
    <span className="form-actions">
      <a className="button" href={directoryExportUrl("xlsx")} download="danh-muc-don-vi.xlsx">
        Tải danh mục (XLSX)
      </a>
      <a className="button" href={directoryExportUrl("csv")} download="danh-muc-don-vi.csv">
        Tải danh mục (CSV)
      </a>
    </span>
  );
}

export function DirectoryImportForm({ onImported }: { onImported(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DirectoryImportResultDto | null>(null);
  const [error, setError] = useState<{ message: string; problems: string[] } | null>(null);
  const id = useId();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setError({ message: "Chọn tệp danh mục (XLSX hoặc CSV).", problems: [] });
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await importDirectory(file));
      onImported();
    } catch (err) {
      const problems = directoryFileProblems(err);
      setError({
        message: problems.length
          ? `Tệp có ${formatNumber(problems.length)} lỗi; chưa có thay đổi nào được áp dụng. Sửa các dòng sau rồi tải lên lại:`
          : errorMessage(err),
        problems,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form directory-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Nhập danh mục từ tệp</h2>
      <p className="muted">
        Tải danh mục về, sửa trong Excel rồi tải lên. Các cột: Mã, Tên, Tên viết tắt, Loại, Mã đơn vị cha, Tên gọi khác,
        Hiệu lực từ, Hiệu lực đến. Đơn vị có Mã đã tồn tại được cập nhật; Mã mới được thêm.
      </p>
      {error ? (
        <div className="alert alert-error" role="alert">
          <p>{error.message}</p>
          {error.problems.length > 0 ? (
            <ul className="problem-rows">
              {error.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {result ? (
        <div className="alert alert-success" role="status">
          Đã nhập danh mục: thêm {formatNumber(result.created)} đơn vị, cập nhật {formatNumber(result.updated)}, giữ
          nguyên {formatNumber(result.unchanged)}.
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-file`}>Tệp danh mục đơn vị (XLSX, CSV)</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".xlsx,.csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
            setResult(null);
          }}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Đang kiểm tra tệp…" : "Tải lên và áp dụng"}
        </button>
      </div>
    </form>
  );
}
