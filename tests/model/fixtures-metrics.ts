// Fixture maps for the metrics, CSV and insight tests.
import * as Y from 'yjs';
import {
  addNeed,
  addChannel,
  addStage,
  addTouchpoint,
  connect,
  setEmotion,
  setMetricValues,
  type MetricValueInput,
} from './model';
import { newDoc } from './helpers';

export const AT = '2024-03-01T00:00:00.000Z';

/**
 * The omnichannel support journey: a customer e-mails, then calls, then writes on WhatsApp, then
 * chats on the web site, then writes a review. Ids are readable: stages contact/resolve/feedback,
 * channels email/phone/whatsapp/webchat/reviews/store (store unused), touchpoints t-email, t-call,
 * t-wa, t-chat, t-review, path edges e1..e4 in that order.
 */
export function omnichannelSupport(): Y.Doc {
  const doc = newDoc();
  addStage(doc, { label: 'Contact support', id: 'contact' });
  addStage(doc, { label: 'Resolution', id: 'resolve' });
  addStage(doc, { label: 'Feedback', id: 'feedback' });
  addNeed(doc, { label: 'Ask a question', id: 'ask', priority: 'high' });
  addNeed(doc, { label: 'Send documents', id: 'docs' });
  addNeed(doc, { label: 'Urgent help', id: 'urgent', priority: 'high' });
  addNeed(doc, { label: 'Quick answer', id: 'quick' });
  addNeed(doc, { label: 'Return a product', id: 'return', priority: 'low' });
  addChannel(doc, {
    label: 'E-mail',
    type: 'digital',
    medium: 'email',
    id: 'email',
    x: 0,
    needIds: ['ask', 'docs'],
  });
  addChannel(doc, {
    label: 'Phone',
    type: 'physical',
    medium: 'phone',
    id: 'phone',
    x: 200,
    needIds: ['ask', 'urgent'],
  });
  addChannel(doc, {
    label: 'WhatsApp',
    type: 'digital',
    medium: 'messaging',
    id: 'whatsapp',
    x: 400,
    needIds: ['quick'],
  });
  addChannel(doc, {
    label: 'Live chat',
    type: 'digital',
    medium: 'web',
    id: 'webchat',
    x: 600,
    needIds: ['quick', 'ask'],
  });
  addChannel(doc, { label: 'Review site', type: 'digital', medium: 'review', id: 'reviews', x: 800 });
  addChannel(doc, {
    label: 'Store',
    type: 'physical',
    medium: 'store',
    id: 'store',
    x: 1000,
    needIds: ['return'],
  });
  const tp = (id: string, stageId: string, channelId: string, label: string, x: number, emotion: number) => {
    addTouchpoint(doc, { id, stageId, channelId, label, x, y: 80 });
    if (emotion !== 0) setEmotion(doc, id, emotion);
  };
  tp('t-email', 'contact', 'email', 'Send an e-mail', 10, 0);
  tp('t-call', 'contact', 'phone', 'Phone call', 120, -1);
  tp('t-wa', 'resolve', 'whatsapp', 'WhatsApp chat', 10, -2);
  tp('t-chat', 'resolve', 'webchat', 'Web chat', 120, 1);
  tp('t-review', 'feedback', 'reviews', 'Write a review', 10, -1);
  connect(doc, { source: 't-email', target: 't-call', id: 'e1' });
  connect(doc, { source: 't-call', target: 't-wa', id: 'e2' });
  connect(doc, { source: 't-wa', target: 't-chat', id: 'e3' });
  connect(doc, { source: 't-chat', target: 't-review', id: 'e4' });
  const values: Array<[string, Record<string, number>]> = [
    ['t-email', { csat: 3.2, volume: 1200, dropoff: 15, ces: 4 }],
    ['t-call', { csat: 2.8, volume: 800, dropoff: 35, ces: 5.5, aht: 540 }],
    ['t-wa', { csat: 2.5, volume: 400, dropoff: 45, ces: 6 }],
    ['t-chat', { csat: 4.4, volume: 600, dropoff: 8, ces: 2 }],
    ['t-review', { nps: -20, volume: 150 }],
  ];
  const items: MetricValueInput[] = values.flatMap(([nodeId, m]) =>
    Object.entries(m).map(([key, value]) => ({ nodeId, key, value, source: 'api' as const, at: AT })),
  );
  const r = setMetricValues(doc, items);
  if (r.errors.length > 0) throw new Error(`fixture: ${JSON.stringify(r.errors)}`);
  return doc;
}

/** Stages and touchpoints only, no metrics: n touchpoints spread over `stages` stages, labels "Touchpoint i". */
export function plainMap(n: number, stages = 8): Y.Doc {
  const doc = newDoc();
  for (let s = 0; s < stages; s++) addStage(doc, { label: `Stage ${s + 1}`, id: `s${s}` });
  for (let i = 0; i < n; i++) addTouchpoint(doc, { id: `tp${i}`, stageId: `s${i % stages}`, label: `Touchpoint ${i}` });
  return doc;
}
