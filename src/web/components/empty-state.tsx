import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  /** What to do next. */
  children?: ReactNode;
  action?: ReactNode;
  icon?: "inbox" | "search" | "lock" | "build";
}

const ICONS: Record<NonNullable<EmptyStateProps["icon"]>, ReactNode> = {
  inbox: <path d="M4 13l2.5-7h11L20 13v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-5zm0 0h5l1 2h4l1-2h5" />,
  search: <path d="M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L20 20" />,
  lock: <path d="M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3" />,
  build: <path d="M4 20h16M6 20V9l6-4 6 4v11M10 20v-5h4v5" />,
};

export function EmptyState({ title, children, action, icon = "inbox" }: EmptyStateProps) {
  return (
    <section className="empty-state">
      <svg className="empty-state-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {ICONS[icon]}
      </svg>
      <h2 className="empty-state-title">{title}</h2>
      {children ? <div className="empty-state-text">{children}</div> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </section>
  );
}
