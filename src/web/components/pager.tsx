import { formatNumber } from "../format.js";

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  /** "tài khoản", "sự kiện"… */
  noun: string;
  onChange(offset: number): void;
}

export function Pager({ total, limit, offset, noun, onChange }: PagerProps) {
  if (total === 0) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label="Phân trang">
      <p className="pager-status">
        {formatNumber(first)}–{formatNumber(last)} trên {formatNumber(total)} {noun}
      </p>
      {total <= limit ? null : (
        <div className="pager-buttons">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => onChange(Math.max(0, offset - limit))}
          >
            ‹ Trang trước
          </button>
          <button type="button" className="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>
            Trang sau ›
          </button>
        </div>
      )}
    </nav>
  );
}
