import { type ReactNode, type RefObject, useEffect, useRef } from "react";

let firstPage = true;

/**
 * Sets the document title and, after in-app navigation, moves focus to the page heading so screen-reader and
 * keyboard users start at the new content (the first page keeps the browser's own focus).
 */
export function usePageTitle(title: string, heading: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    document.title = `${title} — tiendo`;
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
  }, [title, heading]);
}

interface PageProps {
  title: string;
  /** One sentence under the title saying what this screen is for. */
  lead?: ReactNode;
  /** Buttons or links shown beside the title. */
  actions?: ReactNode;
  /** Shown above the title (a breadcrumb). */
  before?: ReactNode;
  children?: ReactNode;
}

/** A screen's title and body. */
export function Page({ title, lead, actions, before, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(title, heading);

  return (
    <div className="page">
      {before}
      <div className="page-head">
        <div className="page-head-text">
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead ? <p className="page-lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
