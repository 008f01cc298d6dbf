import { useEffect, useId, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import type { UnitTreeNodeDto } from "../../server/api-types-directory.js";
import { unitKindLabel } from "../api/units.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { formatDate, formatNumber } from "../format.js";
import { useLoad } from "../use-load.js";
import { fold, getUnitTree } from "./directory/directory-api.js";
import { DirectoryExportLinks, DirectoryImportForm } from "./directory/directory-file.js";
import { UnitForm } from "./directory/unit-form.js";

const SEARCH_DELAY_MS = 250;
const SEARCH_LIMIT = 200;
const MAX_INDENT = 8;

export function unitPath(id: string): string {
  return `/don-vi/${encodeURIComponent(id)}`;
}

function isEnded(node: { validTo: string | null }, today: string): boolean {
  return !!node.validTo && node.validTo.slice(0, 10) <= today;
}

interface Row {
  node: UnitTreeNodeDto;
  match: boolean;
}

/** The rows shown: the open branches of the tree, or — when searching — the matching units (in tree order). */
function visibleRows(nodes: UnitTreeNodeDto[], expanded: Set<string>, q: string): { rows: Row[]; matches: number } {
  if (!q) {
    const rows: Row[] = [];
    let hideBelow = Number.POSITIVE_INFINITY;
    for (const node of nodes) {
      if (node.depth > hideBelow) continue;
      hideBelow = Number.POSITIVE_INFINITY;
      rows.push({ node, match: false });
      if (node.childCount > 0 && !expanded.has(node.id)) hideBelow = node.depth;
    }
    return { rows, matches: 0 };
  }
  const words = fold(q).split(" ").filter(Boolean);
  const matched = new Set<string>();
  for (const n of nodes) {
    if (matched.size >= SEARCH_LIMIT) break;
    const text = fold(`${n.name} ${n.shortName ?? ""}`);
    if (!words.every((w) => text.includes(w))) continue;
    matched.add(n.id);
  }
  return {
    rows: nodes.filter((n) => matched.has(n.id)).map((node) => ({ node, match: true })),
    matches: matched.size,
  };
}

export function UnitsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const action = params.get("thao-tac");
  const [text, setText] = useState(q);
  const tree = useLoad((signal) => getUnitTree(signal), []);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const searchId = useId();
  const countId = useId();
  const today = new Date().toISOString().slice(0, 10);

  // The query lives in the URL, so the back button and a shared link restore the search.
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text.trim() === q.trim()) return;
    const timer = setTimeout(() => {
      const next = new URLSearchParams(params);
      if (text.trim()) next.set("q", text);
      else next.delete("q");
      // Starting a search is a step back can undo; refining it is not (no history entry per keystroke).
      setParams(next, { replace: q !== "" });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q, params, setParams]);

  const nodes = tree.data?.nodes ?? [];
  // Top-level units start open, so the first screen shows the provinces and what lies directly under them.
  const open = useMemo(
    () => expanded ?? new Set(nodes.filter((n) => n.depth === 0).map((n) => n.id)),
    [expanded, nodes],
  );
  const names = useMemo(() => new Map(nodes.map((n) => [n.id, n.name])), [nodes]);
  const { rows, matches } = useMemo(() => visibleRows(nodes, open, q.trim()), [nodes, open, q]);

  const toggle = (id: string) =>
    setExpanded(() => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const setAction = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set("thao-tac", value);
    else next.delete("thao-tac");
    setParams(next);
  };

  let count = "";
  if (!tree.data) count = tree.status === "error" ? "" : "Đang tải…";
  else if (q.trim())
    count = `Tìm thấy ${formatNumber(matches)} đơn vị cho “${q.trim()}”${matches >= SEARCH_LIMIT ? ` (hiển thị ${formatNumber(SEARCH_LIMIT)} kết quả đầu tiên; hãy gõ cụ thể hơn)` : ""}`;
  else count = `${formatNumber(nodes.length)} đơn vị trong danh mục`;

  const canManage = !!tree.data?.canCreate;

  return (
    <Page
      title="Đơn vị"
      lead="Danh mục cơ quan, đơn vị tham gia thực hiện và báo cáo kế hoạch. Có thể tìm bằng tiếng Việt không dấu."
      actions={
        <>
          {canManage ? (
            <>
              <button type="button" className="button button-primary" onClick={() => setAction("them")}>
                Thêm đơn vị
              </button>
              <button type="button" className="button" onClick={() => setAction("nhap")}>
                Nhập danh mục
              </button>
            </>
          ) : null}
          <DirectoryExportLinks />
        </>
      }
    >
      {canManage && action === "them" ? (
        <UnitForm onDone={(u) => navigate(unitPath(u.id))} onCancel={() => setAction(null)} />
      ) : null}
      {canManage && action === "nhap" ? <DirectoryImportForm onImported={tree.reload} /> : null}

      <search className="searchbar">
        <label htmlFor={searchId}>Tìm đơn vị</label>
        <input
          id={searchId}
          type="search"
          value={text}
          placeholder="Ví dụ: so khoa hoc, phuong go vap"
          autoComplete="off"
          enterKeyHint="search"
          aria-describedby={countId}
          onChange={(e) => setText(e.target.value)}
        />
      </search>

      <div className="tree-bar">
        <p className="result-count" id={countId} aria-live="polite">
          {count}
        </p>
        {tree.data && !q.trim() ? (
          <span className="form-actions">
            <button
              type="button"
              className="button-ghost"
              onClick={() => setExpanded(new Set(nodes.filter((n) => n.childCount > 0).map((n) => n.id)))}
            >
              Mở rộng tất cả
            </button>
            <button type="button" className="button-ghost" onClick={() => setExpanded(new Set())}>
              Thu gọn tất cả
            </button>
          </span>
        ) : null}
      </div>

      {tree.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{tree.message}</p>
          <button type="button" className="button" onClick={tree.reload}>
            Thử lại
          </button>
        </div>
      ) : null}

      {tree.data && rows.length === 0 ? (
        q.trim() ? (
          <EmptyState icon="search" title="Không tìm thấy đơn vị phù hợp">
            <p>Hãy thử từ khóa ngắn hơn, tên viết tắt hoặc bỏ dấu, ví dụ “ubnd” hay “so tai chinh”.</p>
          </EmptyState>
        ) : (
          <EmptyState icon="build" title="Chưa có đơn vị nào">
            <p>
              {canManage
                ? "Bấm “Thêm đơn vị” hoặc “Nhập danh mục” để bắt đầu danh mục."
                : "Danh mục đơn vị được nạp khi cài đặt hoặc khi quản trị viên thêm đơn vị. Liên hệ quản trị viên để bổ sung."}
            </p>
          </EmptyState>
        )
      ) : null}

      {rows.length > 0 ? (
        <div className={tree.status === "loading" ? "table-wrap is-stale" : "table-wrap"}>
          <table className="table responsive-table unit-tree">
            <caption className="visually-hidden">{q.trim() ? "Đơn vị tìm thấy" : "Cây đơn vị"}</caption>
            <thead>
              <tr>
                <th scope="col">Tên đơn vị</th>
                <th scope="col">Loại</th>
                <th scope="col">Đơn vị cấp trên</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ node }) => {
                const searching = q.trim() !== "";
                const isOpen = open.has(node.id);
                const depth = searching ? 0 : Math.min(node.depth, MAX_INDENT);
                return (
                  <tr key={node.id}>
                    <th scope="row" data-label="Tên đơn vị" className={`tree-cell tree-d${depth}`}>
                      {node.childCount > 0 && !searching ? (
                        <button
                          type="button"
                          className="tree-toggle"
                          aria-expanded={isOpen}
                          aria-label={`${isOpen ? "Thu gọn" : "Mở rộng"} ${node.name}`}
                          onClick={() => toggle(node.id)}
                        >
                          <span aria-hidden="true">{isOpen ? "▾" : "▸"}</span>
                        </button>
                      ) : (
                        <span className="tree-toggle tree-leaf" aria-hidden="true" />
                      )}
                      <span className="tree-label">
                        <Link to={unitPath(node.id)}>{node.name}</Link>
                        {node.shortName && node.shortName !== node.name ? (
                          <span className="muted"> ({node.shortName})</span>
                        ) : null}
                        {node.childCount > 0 ? (
                          <span className="cell-sub">{formatNumber(node.childCount)} đơn vị trực thuộc</span>
                        ) : null}
                        {isEnded(node, today) ? (
                          <span className="chip chip-paused">Hết hiệu lực từ {formatDate(node.validTo)}</span>
                        ) : null}
                      </span>
                    </th>
                    <td data-label="Loại">{unitKindLabel(node.kind)}</td>
                    <td data-label="Đơn vị cấp trên">{(node.parentId && names.get(node.parentId)) || "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
