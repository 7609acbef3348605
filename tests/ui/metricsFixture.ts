// A small support journey with metric values, shared by the metrics, CSV and insight UI tests.
import { act } from '@testing-library/react';
import * as Y from 'yjs';
import {
  addChannel,
  addStage,
  addTouchpoint,
  connect,
  ensureDefaultMetricDefs,
  setEmotion,
  setMetricValues,
} from '../../src/model';
import { DEFAULT_CARD_METRICS, useUi } from '../../src/state/uiStore';

export function supportJourney(): Y.Doc {
  const doc = new Y.Doc();
  ensureDefaultMetricDefs(doc);
  addStage(doc, { label: 'Contact', id: 'contact' });
  addStage(doc, { label: 'Resolution', id: 'resolution' });
  addChannel(doc, { label: 'E-mail', type: 'digital', medium: 'email', id: 'email', x: 20, y: 500 });
  addChannel(doc, { label: 'Contact centre', type: 'digital', medium: 'phone', id: 'phone', x: 220, y: 500 });
  addChannel(doc, { label: 'WhatsApp', type: 'digital', medium: 'messaging', id: 'wa', x: 420, y: 500 });
  addTouchpoint(doc, { stageId: 'contact', label: 'Writes an e-mail', channelId: 'email', id: 'mail', x: 20, y: 100 });
  addTouchpoint(doc, {
    stageId: 'contact',
    label: 'Calls the contact centre',
    channelId: 'phone',
    id: 'call',
    x: 20,
    y: 240,
  });
  addTouchpoint(doc, {
    stageId: 'resolution',
    label: 'Sends photos on WhatsApp',
    channelId: 'wa',
    id: 'photos',
    x: 20,
    y: 100,
  });
  addTouchpoint(doc, {
    stageId: 'resolution',
    label: 'Gets a repair date',
    channelId: 'wa',
    id: 'date',
    x: 20,
    y: 240,
  });
  setEmotion(doc, 'call', -2);
  setEmotion(doc, 'photos', -1);
  connect(doc, { source: 'mail', target: 'call', id: 'e1' }); // e-mail → phone: worst switch (emotion falls by 2)
  connect(doc, { source: 'call', target: 'photos', id: 'e2' }); // phone → WhatsApp
  connect(doc, { source: 'photos', target: 'date', id: 'e3' }); // same channel: no transition
  setMetricValues(doc, [
    { nodeId: 'mail', key: 'csat', value: 4.5, source: 'api', at: '2024-03-01' },
    { nodeId: 'call', key: 'csat', value: 2.5, source: 'api', at: '2024-02-01' },
    { nodeId: 'call', key: 'csat', value: 2.1, source: 'api', at: '2024-03-01' },
    { nodeId: 'call', key: 'dropoff', value: 45, source: 'api', at: '2024-03-01' },
    { nodeId: 'photos', key: 'csat', value: 3.5, source: 'api', at: '2024-03-01' },
    { nodeId: 'photos', key: 'dropoff', value: 10, source: 'api', at: '2024-03-01' },
  ]);
  return doc;
}

/** UI state is global: every test starts from the defaults. */
export function resetUi(): void {
  act(() => useUi.setState({ colorBy: null, cardMetrics: DEFAULT_CARD_METRICS, sidebarTab: null }));
}
