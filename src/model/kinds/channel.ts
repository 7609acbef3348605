// A channel: where a touchpoint happens (web, store, phone…); touchpoints refer to it.
import { defineKind, type NodeOf } from './fields';

export const CHANNEL_TYPES = ['digital', 'physical'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const CHANNEL_MEDIA = [
  'web',
  'email',
  'phone',
  'messaging',
  'social',
  'store',
  'kiosk',
  'review',
  'other',
] as const;
export type ChannelMedium = (typeof CHANNEL_MEDIA)[number];

export const CHANNEL_KIND = defineKind({
  kind: 'channel',
  size: { w: 160, h: 44 },
  fields: {
    type: { type: 'enum', values: CHANNEL_TYPES, fallback: 'digital' },
    medium: { type: 'enum', values: CHANNEL_MEDIA, fallback: 'other' },
    /** The needs the channel serves. */
    needIds: { type: 'refs', target: 'need' },
    /** Free-text needs of schema 2 and older; migration 3 turns them into needs and empties the list. */
    needs: { type: 'list' },
  },
});

export type ChannelNode = NodeOf<typeof CHANNEL_KIND>;
