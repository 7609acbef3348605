// Presentation mode: the map stage by stage, full screen where the browser allows it. ←/→,
// PageUp/PageDown and Space move between stages, Home/End jump, Escape (or leaving full screen)
// ends it. Read-only: it works the same for a viewer link.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { ChevronLeft, ChevronRight, X } from 'lucide-react';
import { useStore } from 'zustand';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { presentationSlides } from './slides';
import { StageSlideView } from './StageSlideView';
import './present.css';

const NEXT_KEYS = new Set(['ArrowRight', 'PageDown', ' ', 'Spacebar']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'PageUp']);

export function Presentation({ onExit }: { onExit: () => void }) {
  const { doc, store } = useMap();
  const modelNodes = useStore(store, (state) => state.modelNodes);
  const stageOrder = useStore(store, (state) => state.stages);
  const title = useStore(store, (state) => state.meta.title);
  // re-read whenever the doc→view store changes (a peer edits while we present)
  const slides = useMemo(() => presentationSlides(doc), [doc, modelNodes, stageOrder]); // eslint-disable-line react-hooks/exhaustive-deps
  const [index, setIndex] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const t = useT();
  const last = Math.max(0, slides.length - 1);
  const current = Math.min(index, last);

  const move = useCallback(
    (step: number) => setIndex((i) => Math.max(0, Math.min(last, Math.min(i, last) + step))),
    [last],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (NEXT_KEYS.has(event.key)) move(1);
      else if (PREVIOUS_KEYS.has(event.key)) move(-1);
      else if (event.key === 'Home') setIndex(0);
      else if (event.key === 'End') setIndex(last);
      else if (event.key === 'Escape') onExit();
      else return;
      event.preventDefault();
      event.stopPropagation(); // the canvas's shortcuts stay quiet while presenting
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [move, last, onExit]);

  useEffect(() => {
    const element = root.current;
    let entered = false;
    // Escape in full screen is taken by the browser: leaving full screen then ends the presentation
    const onChange = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) onExit();
    };
    document.addEventListener('fullscreenchange', onChange);
    element?.focus();
    if (element?.requestFullscreen && document.fullscreenEnabled) element.requestFullscreen().catch(() => undefined); // windowed is fine too
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [onExit]);

  const slide = slides[current];
  return createPortal(
    <div
      ref={root}
      className="present"
      role="dialog"
      aria-modal="true"
      aria-label={t('present.label')}
      tabIndex={-1}
      data-testid="presentation"
    >
      <header className="present-top">
        <span className="present-title">{title || t('map.untitled')}</span>
        {slides.length > 0 && (
          <span className="present-progress" data-testid="present-progress">
            {t('present.progress', { n: current + 1, total: slides.length })}
          </span>
        )}
        <button
          type="button"
          className="present-exit"
          onClick={onExit}
          aria-label={t('present.exit')}
          title={t('present.exit')}
        >
          <X size={20} aria-hidden />
        </button>
      </header>
      <main className="present-stage">
        {slide ? <StageSlideView slide={slide} /> : <p className="present-empty">{t('present.empty')}</p>}
      </main>
      <footer className="present-bottom">
        <button type="button" onClick={() => move(-1)} disabled={current === 0} aria-label={t('present.previous')}>
          <ChevronLeft size={22} aria-hidden />
        </button>
        <ol className="present-dots" aria-hidden>
          {slides.map((s, i) => (
            <li
              key={s.id}
              className={i === current ? 'is-current' : i < current ? 'is-done' : ''}
              style={{ ['--stage-color' as string]: s.color }}
            />
          ))}
        </ol>
        <button type="button" onClick={() => move(1)} disabled={current >= last} aria-label={t('present.next')}>
          <ChevronRight size={22} aria-hidden />
        </button>
        <span className="present-keys">{t('present.keys')}</span>
      </footer>
    </div>,
    document.body,
  );
}
