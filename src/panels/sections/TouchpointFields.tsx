// Touchpoint fields: stage, channel, lane, emotion, personas, pain points, opportunities, notes.
import { lazy, memo, Suspense } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import * as Y from 'yjs';
import {
  roots,
  setEmotion,
  setTouchpointChannel,
  setTouchpointLane,
  setTouchpointList,
  setTouchpointPersonas,
  setTouchpointStage,
  type ChannelNode,
  type PersonaNode,
  type TouchpointNode,
} from '../../model';
import { useMap } from '../../state/session';
import { touchpointInStage } from '../../state/placement';
import { useT } from '../../i18n';
import { NeedsServed } from './NeedsServed';
import { EmotionScale } from '../../ui/EmotionScale';
import { Field, ListEditor } from '../../ui/fields';
// Tiptap and ProseMirror are a third of the app's code: loaded when a note is first opened, not at start.
const NotesEditor = lazy(() => import('../NotesEditor').then((module) => ({ default: module.NotesEditor })));
import { ErrorBoundary } from '../../ui/ErrorBoundary';

export const TouchpointFields = memo(function TouchpointFields({ touchpoint }: { touchpoint: TouchpointNode }) {
  const t = useT();
  const { doc, store, readOnly, run, awareness, user } = useMap();
  const stages = useStore(store, (state) => state.stages);
  // only channels and personas: a drag or an edit elsewhere must not re-render this form (or the note)
  const channels = useStore(
    store,
    useShallow((state) =>
      [...state.modelNodes.values()].filter((node): node is ChannelNode => node.kind === 'channel'),
    ),
  );
  const personas = useStore(
    store,
    useShallow((state) =>
      [...state.modelNodes.values()].filter((node): node is PersonaNode => node.kind === 'persona'),
    ),
  );
  const notes = roots(doc).nodes.get(touchpoint.id)?.get('notes');
  const id = touchpoint.id;

  const moveToStage = (stageId: string | null) => {
    const others = [...store.getState().modelNodes.values()].filter((node) => node.id !== id);
    const { x, y } = touchpointInStage(stageId, others);
    run(() => setTouchpointStage(doc, id, stageId, { x, y }));
  };
  const togglePersona = (personaId: string) => {
    const next = touchpoint.personaIds.includes(personaId)
      ? touchpoint.personaIds.filter((p) => p !== personaId)
      : [...touchpoint.personaIds, personaId];
    run(() => setTouchpointPersonas(doc, id, next));
  };

  return (
    <>
      <Field label={t('inspector.stage')}>
        {(fieldId) => (
          <select
            id={fieldId}
            value={touchpoint.stageId ?? ''}
            disabled={readOnly}
            onChange={(event) => moveToStage(event.target.value || null)}
          >
            <option value="">{t('inspector.noStage')}</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('inspector.channel')}>
        {(fieldId) => (
          <select
            id={fieldId}
            value={touchpoint.channelId ?? ''}
            disabled={readOnly}
            onChange={(event) => run(() => setTouchpointChannel(doc, id, event.target.value || null))}
          >
            <option value="">{t('touchpoint.noChannel')}</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('inspector.lane')}>
        {(fieldId) => (
          <select
            id={fieldId}
            value={touchpoint.lane}
            disabled={readOnly}
            onChange={(event) =>
              run(() => setTouchpointLane(doc, id, event.target.value === 'back' ? 'back' : 'front'))
            }
          >
            <option value="front">{t('inspector.frontstage')}</option>
            <option value="back">{t('inspector.backstage')}</option>
          </select>
        )}
      </Field>
      <section className="inspector-section">
        <h3>{t('emotion.label')}</h3>
        <EmotionScale
          value={touchpoint.emotion}
          readOnly={readOnly}
          onChange={(value) => run(() => setEmotion(doc, id, value))}
        />
      </section>
      {personas.length > 0 && (
        <section className="inspector-section">
          <h3>{t('inspector.personas')}</h3>
          <p className="field-hint">{t('inspector.personasHint')}</p>
          <div className="chips">
            {personas.map((persona) => (
              <label key={persona.id} className="chip" style={{ ['--chip-color' as string]: persona.color }}>
                <input
                  type="checkbox"
                  checked={touchpoint.personaIds.includes(persona.id)}
                  disabled={readOnly}
                  onChange={() => togglePersona(persona.id)}
                />
                {persona.label}
              </label>
            ))}
          </div>
        </section>
      )}
      <NeedsServed nodeId={id} needIds={touchpoint.needIds} />
      <section className="inspector-section">
        <h3>{t('inspector.painPoints')}</h3>
        <ListEditor
          items={touchpoint.painPoints}
          readOnly={readOnly}
          label={t('inspector.painPoints')}
          addLabel={t('inspector.addPainPoint')}
          itemLabel={t('inspector.newPainPoint')}
          onChange={(items) => run(() => setTouchpointList(doc, id, 'painPoints', items))}
        />
      </section>
      <section className="inspector-section">
        <h3>{t('inspector.opportunities')}</h3>
        <ListEditor
          items={touchpoint.opportunities}
          readOnly={readOnly}
          label={t('inspector.opportunities')}
          addLabel={t('inspector.addOpportunity')}
          itemLabel={t('inspector.newOpportunity')}
          onChange={(items) => run(() => setTouchpointList(doc, id, 'opportunities', items))}
        />
      </section>
      {notes instanceof Y.XmlFragment && (
        <section className="inspector-section">
          <h3>{t('notes.label')}</h3>
          <ErrorBoundary
            key={id}
            fallback={(retry) => (
              <p className="form-error">
                {t('notes.failed')}{' '}
                <button type="button" onClick={retry}>
                  {t('app.retry')}
                </button>
              </p>
            )}
          >
            <Suspense fallback={<p className="muted small">{t('home.loading')}</p>}>
              <NotesEditor fragment={notes} readOnly={readOnly} awareness={awareness} user={user} />
            </Suspense>
          </ErrorBoundary>
        </section>
      )}
    </>
  );
});
