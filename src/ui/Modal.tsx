// A modal dialog over the page (CSV import, map settings): rendered into <body>, closed by Escape or
// a click on the backdrop; focus moves into it and back when it closes. Events stop at its edge, so
// a drop or double-click inside never reaches the canvas it was opened from.
import { useEffect, useId, useRef, type ReactNode, type SyntheticEvent } from 'react';
import { createPortal } from 'react-dom';
import { X } from 'lucide-react';
import { useT } from '../i18n';
import './metrics.css';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

const stop = (event: SyntheticEvent) => event.stopPropagation();

/** Open modals, newest last: Escape closes only the top one, wherever the focus is. */
const openModals: Array<{ close: () => void }> = [];

export function Modal({ title, onClose, children, footer, testId }: ModalProps) {
  const t = useT();
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const downOnBackdrop = useRef(false);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.modal-close)')?.focus();
    const entry = { close: () => close.current() };
    openModals.push(entry);
    // focus outside every modal (on the page, or on a button that went away): the top modal closes
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && openModals[openModals.length - 1] === entry) {
        event.stopPropagation();
        entry.close();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      openModals.splice(openModals.indexOf(entry), 1);
      before?.focus();
    };
  }, []);
  return createPortal(
    <div
      className="modal-backdrop nokey"
      onMouseDown={(event) => (downOnBackdrop.current = event.target === event.currentTarget)}
      onClick={(event) => {
        if (downOnBackdrop.current && event.target === event.currentTarget) onClose();
        stop(event);
      }}
      onDoubleClick={stop}
      onDragOver={stop}
      onDrop={(event) => {
        event.preventDefault(); // a file dropped beside the form is not opened by the browser
        stop(event);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose(); // focus inside: this modal (the event stops here, the window never sees it)
        stop(event);
      }}
    >
      <div ref={box} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button modal-close" aria-label={t('metrics.close')} onClick={onClose}>
            <X size={18} aria-hidden />
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
