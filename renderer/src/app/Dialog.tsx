import type { ReactNode } from 'react';

/** A modal dialog over the screen, named by its heading; Esc calls onEscape where the dialog allows it. */
export function Dialog({ titleId, title, onEscape, children }: { titleId: string; title: string; onEscape?: () => void; children: ReactNode }) {
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={(event) => event.key === 'Escape' && onEscape?.()}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
