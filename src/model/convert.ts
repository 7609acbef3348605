// Y.Map → plain object conversion. Tolerant on purpose: a merge or an old client can leave odd values,
// and readers must never throw; `validateJourney` is where bad data is reported.
import * as Y from 'yjs';
import {
  CHANNEL_MEDIA,
  CHANNEL_TYPES,
  DEFAULT_SIZE,
  EMOTION_MAX,
  EMOTION_MIN,
  LANES,
  NODE_KINDS,
  type ChannelMedium,
  type ChannelType,
  type JourneyNode,
  type Lane,
  type NodeKind,
  type PathEdge,
} from './schema';

export function str(m: Y.Map<unknown>, key: string, fallback = ''): string {
  const v = m.get(key);
  return typeof v === 'string' ? v : fallback;
}

export function strOrNull(m: Y.Map<unknown>, key: string): string | null {
  const v = m.get(key);
  return typeof v === 'string' ? v : null;
}

export function num(m: Y.Map<unknown>, key: string, fallback: number): number {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** A list field: normally a Y.Array<string>; a plain array is accepted, non-strings are dropped. */
export function strList(m: Y.Map<unknown>, key: string): string[] {
  const v = m.get(key);
  const items: unknown[] = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : [];
  return items.filter((s): s is string => typeof s === 'string');
}

function oneOf<T extends string>(values: readonly T[], v: unknown, fallback: T): T {
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function isNodeKind(v: unknown): v is NodeKind {
  return typeof v === 'string' && (NODE_KINDS as readonly string[]).includes(v);
}

/** Emotion as readers see it: an integer clamped into −2..2 (0 when missing). */
export function readEmotion(m: Y.Map<unknown>): number {
  const e = Math.round(num(m, 'emotion', 0));
  return Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, e));
}

/**
 * One node as a plain object. An unknown kind reads as a 'note' (so a view can still draw it);
 * `validateJourney` reports it.
 */
export function nodeFromYMap(id: string, m: Y.Map<unknown>): JourneyNode {
  const rawKind = m.get('kind');
  const kind: NodeKind = isNodeKind(rawKind) ? rawKind : 'note';
  const size = DEFAULT_SIZE[kind];
  const common = {
    id,
    label: str(m, 'label'),
    x: num(m, 'x', 0),
    y: num(m, 'y', 0),
    w: num(m, 'w', size.w),
    h: num(m, 'h', size.h),
  };
  switch (kind) {
    case 'stage':
      return { ...common, kind, ownerId: strOrNull(m, 'ownerId'), goal: str(m, 'goal'), color: str(m, 'color', '#888888') };
    case 'touchpoint':
      return {
        ...common,
        kind,
        stageId: strOrNull(m, 'stageId'),
        lane: oneOf<Lane>(LANES, m.get('lane'), 'front'),
        channelId: strOrNull(m, 'channelId'),
        personaIds: strList(m, 'personaIds'),
        emotion: readEmotion(m),
        painPoints: strList(m, 'painPoints'),
        opportunities: strList(m, 'opportunities'),
      };
    case 'channel':
      return {
        ...common,
        kind,
        type: oneOf<ChannelType>(CHANNEL_TYPES, m.get('type'), 'digital'),
        medium: oneOf<ChannelMedium>(CHANNEL_MEDIA, m.get('medium'), 'other'),
        needs: strList(m, 'needs'),
      };
    case 'owner':
      return { ...common, kind, name: str(m, 'name', common.label), role: str(m, 'role'), email: str(m, 'email') };
    case 'persona': {
      const photo = strOrNull(m, 'photoMediaId');
      return {
        ...common,
        kind,
        name: str(m, 'name', common.label),
        description: str(m, 'description'),
        goals: strList(m, 'goals'),
        frustrations: strList(m, 'frustrations'),
        color: str(m, 'color', '#888888'),
        // Optional: present only while a photo is set, so older snapshots compare unchanged.
        ...(photo !== null ? { photoMediaId: photo } : {}),
      };
    }
    case 'note':
      return { ...common, kind };
  }
}

export function edgeFromYMap(id: string, m: Y.Map<unknown>): PathEdge {
  return { id, source: str(m, 'source'), target: str(m, 'target'), kind: 'path', label: str(m, 'label') };
}
