import { useState } from "react";
import { Link } from "react-router-dom";
import { errorMessage } from "../../api/client.js";
import { formatDate } from "../../format.js";
import { useLoad } from "../../use-load.js";
import { getPlanPublicState, publicPlanPath, setPlanPublic } from "./public-api.js";

/**
 * On the plan page: whether the plan's progress is public, with "Công khai tiến độ" / "Ngừng công khai" for the
 * issuer's coordinators (each asks for confirmation first). Shows nothing to users who may not change it while the
 * plan is private.
 */
export function PublicToggle({ planId }: { planId: string }) {
  const load = useLoad((signal) => getPlanPublicState(planId, signal), [planId]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [override, setOverride] = useState<typeof load.data>(null);
  const state = override ?? load.data;
  if (!state || (!state.public && !state.canChange)) return null;

  async function apply(next: boolean) {
    setBusy(true);
    setError(null);
    try {
      setOverride(await setPlanPublic(planId, next));
      setConfirming(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="public-toggle">
      {state.public ? (
        <span role="status">
          <span className="badge">Đang công khai từ {formatDate(state.publicSince)}</span>{" "}
          <Link to={publicPlanPath(planId)}>Xem trang công khai</Link>
        </span>
      ) : null}
      {state.canChange ? (
        confirming ? (
          <span className="confirm">
            <span>
              {state.public
                ? "Ngừng công khai? Trang công khai và tệp tải về của kế hoạch sẽ không còn truy cập được."
                : "Công khai tiến độ? Mọi người (không cần đăng nhập) sẽ xem được nhiệm vụ, đơn vị, tình trạng và tỷ lệ hoàn thành; không có thông tin cá nhân và nội dung báo cáo."}
            </span>
            <button
              type="button"
              className={state.public ? "button button-danger" : "button button-primary"}
              disabled={busy}
              onClick={() => apply(!state.public)}
            >
              {busy ? "Đang lưu…" : state.public ? "Ngừng công khai" : "Đồng ý công khai"}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
              Hủy
            </button>
          </span>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {state.public ? "Ngừng công khai" : "Công khai tiến độ"}
          </button>
        )
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
