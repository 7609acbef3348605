// A stored change as one line a person reads: "Label: “Call” → “Call the hotline”", "Created",
// "Notes changed". Ids of nodes (stage, channel, owner, personas) are shown by their labels.
import type { Translate } from '../../i18n';
import type { HistoryChange } from '../../sync/historyApi';

/** The parts of a node whose new value is not worth printing: only that they changed. */
const PARTS = new Set(['notes', 'media', 'metrics']);

type LabelOf = (id: string) => string | undefined;

function readable(json: string | null, labelOf: LabelOf): string {
  if (json === null) return '—';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json; // cut to its stored length: shown as it is
  }
  const one = (v: unknown): string =>
    typeof v === 'string'
      ? (labelOf(v) ?? `“${v}”`)
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : '…';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(one).join(', ');
  return one(value);
}

export function describeChange(t: Translate, change: HistoryChange, labelOf: LabelOf): string {
  if (change.field === 'created') return t('history.created');
  if (change.field === 'removed') return t('history.removed');
  const field = fieldName(t, change.field);
  if (PARTS.has(change.field)) return t('history.partChanged', { field });
  if (change.oldValue === null && change.newValue !== null && change.newValue.startsWith('['))
    return t('history.set', { field, value: readable(change.newValue, labelOf) });
  return t('history.changed', {
    field,
    from: readable(change.oldValue, labelOf),
    to: readable(change.newValue, labelOf),
  });
}

const FIELDS: Record<string, Parameters<Translate>[0]> = {
  label: 'history.field.label',
  name: 'history.field.label',
  stageId: 'history.field.stage',
  channelId: 'history.field.channel',
  ownerId: 'history.field.owner',
  emotion: 'history.field.emotion',
  lane: 'history.field.lane',
  personaIds: 'history.field.personas',
  painPoints: 'history.field.painPoints',
  opportunities: 'history.field.opportunities',
  notes: 'history.field.notes',
  media: 'history.field.media',
  metrics: 'history.field.metrics',
  color: 'history.field.color',
  description: 'history.field.description',
  needIds: 'inspector.needsServed',
  needWeights: 'inspector.needWeights',
  channelPrefs: 'inspector.channelPrefs',
  channelShares: 'inspector.channelPrefs',
  priority: 'census.priority',
};

function fieldName(t: Translate, field: string): string {
  const key = FIELDS[field];
  return key ? t(key) : field;
}

/** Who: a member's or guest's name; a guest who gave none, and the ingest API, by what they are. */
export function authorName(t: Translate, author: HistoryChange['author']): string {
  if (author.kind === 'system') return t('history.api');
  if (author.kind === 'guest') return author.name ? t('history.guestNamed', { name: author.name }) : t('history.guest');
  return author.name;
}
