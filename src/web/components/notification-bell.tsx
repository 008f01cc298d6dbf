import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "react-router-dom";
import type { NotificationListDto } from "../../server/api-types.js";
import { listNotifications, markNotificationRead } from "../api/notifications.js";
import { formatDateTime, formatNumber } from "../format.js";

const REFRESH_MS = 120_000;

/** Only links inside the app are followed in place; anything else is shown as text. */
function internalLink(link: string | null): string | null {
  return link?.startsWith("/") && !link.startsWith("//") ? link : null;
}

/** Reminders (due dates, overdue reports) with the unread count; refreshed every two minutes and when opened. */
export function NotificationBell() {
  const [data, setData] = useState<NotificationListDto | null>(null);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const location = useLocation();

  const refresh = useCallback(() => {
    listNotifications().then(setData, () => {
      // A failed refresh keeps the last list; the bell is a convenience, not a page.
    });
  }, []);

  useEffect(() => {
    refresh();
    const t = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close on navigation only
  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const unread = data?.unread ?? 0;
  const read = (id: string) => {
    setData((d) =>
      d
        ? {
            ...d,
            unread: Math.max(0, d.unread - 1),
            items: d.items.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: new Date().toISOString() } : n)),
          }
        : d,
    );
    void markNotificationRead(id).catch(() => {});
  };

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          if (!open) refresh();
          setOpen((o) => !o);
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16zM10 20a2 2 0 0 0 4 0" />
        </svg>
        <span className="visually-hidden">Thông báo{unread > 0 ? `, ${formatNumber(unread)} chưa đọc` : ""}</span>
        {unread > 0 ? (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? "99+" : formatNumber(unread)}
          </span>
        ) : null}
      </button>
      <div id={panelId} className="account-panel bell-panel" hidden={!open}>
        <p className="bell-title">Thông báo</p>
        {!data || data.items.length === 0 ? (
          <p className="muted bell-empty">Chưa có thông báo nào.</p>
        ) : (
          <ul className="plain-list bell-list">
            {data.items.map((n) => {
              const to = internalLink(n.link);
              const body = (
                <>
                  <span className="bell-item-title">{n.title}</span>
                  {n.body ? <span className="bell-item-body">{n.body}</span> : null}
                  <span className="bell-item-time">{formatDateTime(n.createdAt)}</span>
                </>
              );
              return (
                <li key={n.id} className={n.readAt ? "bell-item" : "bell-item unread"}>
                  {to ? (
                    <Link to={to} onClick={() => read(n.id)}>
                      {body}
                    </Link>
                  ) : (
                    <button type="button" onClick={() => read(n.id)}>
                      {body}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
