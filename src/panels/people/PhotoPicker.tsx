// Choose a persona's photo among the images attached anywhere on the map (setPersonaPhoto attaches
// the chosen image to the persona too, in the same undo step).
import { useMemo } from 'react';
import { ImageOff } from 'lucide-react';
import { setPersonaPhoto, type MediaRef, type PersonaNode } from '../../model';
import { useMap } from '../../state/session';
import { useT } from '../../i18n';
import { useMediaUrl } from '../../sync/useMediaUrl';
import { mapImages } from './peopleStats';
import { useModelNodes } from './useModelNodes';

function ImageChoice({ image, chosen, onPick }: { image: MediaRef; chosen: boolean; onPick: () => void }) {
  const t = useT();
  const { mapId, mapKey } = useMap();
  const { url } = useMediaUrl(mapId, mapKey, image.id);
  return (
    <button
      type="button"
      role="radio"
      aria-checked={chosen}
      className="photo-choice"
      aria-label={t('personas.usePhoto', { name: image.name })}
      title={image.name}
      onClick={onPick}
    >
      {url ? <img src={url} alt="" /> : <span className="media-placeholder">{image.name}</span>}
    </button>
  );
}

export function PhotoPicker({ persona }: { persona: PersonaNode }) {
  const t = useT();
  const { doc, run } = useMap();
  const nodes = useModelNodes();
  const images = useMemo(() => mapImages(doc, nodes), [doc, nodes]);
  return (
    <section className="inspector-section">
      <h3>{t('personas.photo')}</h3>
      {images.length === 0 ? (
        <p className="field-hint">{t('personas.noImages')}</p>
      ) : (
        <div className="photo-choices" role="radiogroup" aria-label={t('personas.photo')}>
          <button
            type="button"
            role="radio"
            aria-checked={!persona.photoMediaId}
            className="photo-choice is-none"
            aria-label={t('personas.noPhoto')}
            title={t('personas.noPhoto')}
            onClick={() => run(() => setPersonaPhoto(doc, persona.id, null))}
          >
            <ImageOff size={18} aria-hidden />
          </button>
          {images.map((image) => (
            <ImageChoice
              key={image.id}
              image={image}
              chosen={persona.photoMediaId === image.id}
              onPick={() => run(() => setPersonaPhoto(doc, persona.id, image))}
            />
          ))}
        </div>
      )}
    </section>
  );
}
