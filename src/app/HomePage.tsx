// Home: "my maps" kept in this browser, and a form to create a new map.
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'wouter';
import { Map as MapIcon, Plus, Trash2 } from 'lucide-react';
import { forgetMap, listMyMaps, rememberMap } from '../db/myMaps';
import { ApiError, createMap } from '../sync/api';
import { Brand } from './Brand';

function relativeTime(epochMs: number, now = Date.now()): string {
  const minutes = Math.round((now - epochMs) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(epochMs).toLocaleDateString();
}

export function HomePage() {
  const maps = useLiveQuery(listMyMaps);
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const name = title.trim();
    if (!name) return setError('Give the map a title, for example “Buying a bike online”.');
    setBusy(true);
    setError(null);
    try {
      const created = await createMap(name);
      await rememberMap({ id: created.id, title: name, key: created.editorKey, role: 'editor', viewerKey: created.viewerKey });
      navigate(`/map/${created.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The map could not be created.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="home">
      <header className="topbar">
        <Brand />
      </header>
      <main className="home-main">
        <section className="home-create" aria-labelledby="create-heading">
          <h1 id="create-heading">Map a customer journey</h1>
          <p className="muted">Stages, touchpoints and channels on one canvas, edited together in real time.</p>
          <form onSubmit={onCreate} className="create-form">
            <input
              aria-label="Map title"
              placeholder="Map title, e.g. Getting a refund"
              value={title}
              maxLength={200}
              onChange={(event) => setTitle(event.target.value)}
            />
            <button type="submit" className="primary" disabled={busy}>
              <Plus size={16} aria-hidden /> {busy ? 'Creating…' : 'Create map'}
            </button>
          </form>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </section>
        <section aria-labelledby="maps-heading" className="home-list">
          <h2 id="maps-heading">My maps</h2>
          {maps === undefined ? (
            <p className="muted">Loading…</p>
          ) : maps.length === 0 ? (
            <div className="empty-list">
              <MapIcon size={28} aria-hidden />
              <p>No maps yet. Create one above, or open a share link someone sent you.</p>
            </div>
          ) : (
            <ul className="map-list">
              {maps.map((map) => (
                <li key={map.id}>
                  <Link href={`/map/${map.id}`} className="map-link">
                    <span className="map-title">{map.title}</span>
                    <span className={`role-badge is-${map.role}`}>{map.role === 'editor' ? 'Editor' : 'Viewer'}</span>
                    <span className="muted">opened {relativeTime(map.lastOpened)}</span>
                  </Link>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${map.title} from my maps`}
                    title="Remove from this list (the map itself stays on the server)"
                    onClick={() => void forgetMap(map.id)}
                  >
                    <Trash2 size={16} aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
