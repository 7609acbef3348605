import { describe, expect, it } from 'vitest';
import {
  TRANSITION_WEIGHTS,
  addStage,
  addTouchpoint,
  channelInventory,
  channelTransitions,
  connect,
  criticalTouchpoints,
  emotionCurve,
  emotionSummary,
  setEmotion,
  setMetricTarget,
  setMetricValue,
} from './model';
import { newDoc, transactionsOf } from './helpers';
import { omnichannelSupport } from './fixtures-metrics';

describe('channelInventory', () => {
  it('counts touchpoints per stage × channel, and by type', () => {
    const doc = omnichannelSupport();
    const inv = channelInventory(doc);
    expect(inv.stages.map((s) => s.id)).toEqual(['contact', 'resolve', 'feedback']);
    expect(inv.channels.map((c) => c.id)).toEqual(['email', 'phone', 'whatsapp', 'webchat', 'reviews', 'store']);
    expect(inv.matrix).toEqual([
      [1, 1, 0, 0, 0, 0],
      [0, 0, 1, 1, 0, 0],
      [0, 0, 0, 0, 1, 0],
    ]);
    expect(inv.byType).toEqual({ digital: { channels: 4, touchpoints: 4 }, physical: { channels: 2, touchpoints: 1 } });
    expect(inv.channels.find((c) => c.id === 'store')).toMatchObject({ touchpoints: 0, stageIds: [] });
    expect(inv.uncoveredStages).toEqual([]);
    expect(inv.multiStageChannels).toEqual([]);
    expect(inv.touchpointsWithoutChannel).toBe(0);
  });

  it('uncovered stages (no touchpoint with a channel, or no touchpoints) and multi-stage channels', () => {
    const doc = omnichannelSupport();
    addStage(doc, { label: 'Closure', id: 'closure' });
    addStage(doc, { label: 'Loyalty', id: 'loyalty' });
    addTouchpoint(doc, { stageId: 'closure', label: 'Think it over', id: 't-think' });
    addTouchpoint(doc, { stageId: 'resolve', channelId: 'email', label: 'Follow-up e-mail', id: 't-follow' });
    addTouchpoint(doc, { stageId: 'feedback', channelId: 'email', label: 'Survey e-mail', id: 't-survey' });
    addTouchpoint(doc, { stageId: null, channelId: 'phone', label: 'Unplaced call', id: 't-free' });
    const inv = channelInventory(doc);
    expect(inv.uncoveredStages).toEqual(['closure', 'loyalty']);
    expect(inv.multiStageChannels).toEqual(['email']);
    expect(inv.channels[0]).toMatchObject({
      id: 'email',
      touchpoints: 3,
      stageIds: ['contact', 'resolve', 'feedback'],
    });
    expect(inv.byType.physical.touchpoints).toBe(2); // unplaced touchpoints count by type, not in the matrix
    expect(inv.touchpointsWithoutChannel).toBe(1);
  });

  it('"half of the stages" counts with two stages, never one', () => {
    const doc = newDoc();
    addStage(doc, { label: 'A', id: 'a' });
    addStage(doc, { label: 'B', id: 'b' });
    addTouchpoint(doc, { stageId: 'a', label: 'x', id: 'x' });
    expect(channelInventory(doc).multiStageChannels).toEqual([]);
    expect(channelInventory(newDoc())).toMatchObject({ stages: [], channels: [], matrix: [], uncoveredStages: [] });
  });
});

describe('channelTransitions', () => {
  it('ranks the channel changes along the path, worst first, with the documented score', () => {
    const doc = omnichannelSupport();
    const t = channelTransitions(doc);
    expect(t.map((x) => x.edgeId)).toEqual(['e4', 'e2', 'e1', 'e3']);
    const byEdge = Object.fromEntries(t.map((x) => [x.edgeId, x]));
    expect(byEdge.e1).toMatchObject({
      sourceId: 't-email',
      targetId: 't-call',
      fromChannelId: 'email',
      toChannelId: 'phone',
      emotionDrop: 1,
      dropoff: 35,
      effort: 5.5,
    });
    const w = TRANSITION_WEIGHTS;
    expect(byEdge.e1?.score).toBeCloseTo(w.emotion * 0.25 + w.dropoff * 0.35 + w.effort * 0.75, 10);
    expect(byEdge.e2?.score).toBeCloseTo(w.emotion * 0.25 + w.dropoff * 0.45 + w.effort * (5 / 6), 10);
    expect(byEdge.e3).toMatchObject({ emotionDrop: -3 });
    expect(byEdge.e3?.score).toBeCloseTo(w.dropoff * 0.08 + w.effort * (1 / 6), 10); // an emotion rise counts 0
    expect(byEdge.e4).toMatchObject({ emotionDrop: 2, dropoff: null, effort: null, score: 0.5 }); // only emotion known
  });

  it('skips edges within one channel or with a touchpoint without channel', () => {
    const doc = omnichannelSupport();
    addTouchpoint(doc, { stageId: 'feedback', channelId: 'reviews', label: 'Reply to review', id: 't-reply' });
    addTouchpoint(doc, { stageId: 'feedback', label: 'Tell a friend', id: 't-friend' });
    connect(doc, { source: 't-review', target: 't-reply', id: 'e5' });
    connect(doc, { source: 't-reply', target: 't-friend', id: 'e6' });
    expect(
      channelTransitions(doc)
        .map((x) => x.edgeId)
        .sort(),
    ).toEqual(['e1', 'e2', 'e3', 'e4']);
  });
});

describe('criticalTouchpoints', () => {
  it('without targets ranks by volume × CSAT gap × emotion factor; no data last', () => {
    const doc = omnichannelSupport();
    const c = criticalTouchpoints(doc, { top: 10 });
    expect(c.map((x) => x.touchpointId)).toEqual(['t-call', 't-wa', 't-email', 't-chat', 't-review']);
    expect(c[0]).toMatchObject({ driver: 'csat', volume: 800, volumeKnown: true, emotion: -1 });
    expect(c[0]?.impact).toBeCloseTo(800 * (1.2 / 4) * 2, 10);
    expect(c[1]?.impact).toBeCloseTo(400 * (1.5 / 4) * 3, 10);
    expect(c[2]?.impact).toBeCloseTo(1200 * (0.8 / 4), 10);
    expect(c[3]).toMatchObject({ impact: 0, driver: 'csat' }); // on target
    expect(c[4]).toMatchObject({ impact: 0, driver: null, distance: 0 }); // no data
    expect(criticalTouchpoints(doc).length).toBe(5);
    expect(criticalTouchpoints(doc, { top: 2 }).map((x) => x.touchpointId)).toEqual(['t-call', 't-wa']);
  });

  it('targets decide the distance: the metric most off target drives it; beating a target is distance 0', () => {
    const doc = omnichannelSupport();
    setMetricTarget(doc, 't-call', 'aht', 180); // 540 s vs 180 s: 360 / 540
    setMetricTarget(doc, 't-call', 'csat', 3); // 2.8 vs 3: 0.05
    setMetricTarget(doc, 't-wa', 'dropoff', 50); // 45 % is better than 50 %
    const c = criticalTouchpoints(doc, { top: 5 });
    expect(c[0]).toMatchObject({ touchpointId: 't-call', driver: 'aht' });
    expect(c[0]?.distance).toBeCloseTo(360 / 540, 10);
    expect(c[0]?.impact).toBeCloseTo(800 * (360 / 540) * 2, 10);
    expect(c.find((x) => x.touchpointId === 't-wa')).toMatchObject({ impact: 0, distance: 0, driver: 'dropoff' });
  });

  it('unknown volumes weigh the mean known volume, or 1; bad top is refused', () => {
    const doc = newDoc();
    addStage(doc, { label: 'S', id: 's' });
    addTouchpoint(doc, { stageId: 's', label: 'a', id: 'a' });
    setMetricValue(doc, { nodeId: 'a', key: 'csat', value: 2, source: 'manual' });
    expect(criticalTouchpoints(doc)[0]).toMatchObject({ volume: 1, volumeKnown: false, impact: 0.5 });
    expect(() => criticalTouchpoints(doc, { top: 0 })).toThrow();
    expect(() => criticalTouchpoints(doc, { top: 1.5 })).toThrow();
  });
});

describe('emotion', () => {
  it('emotionCurve follows journeyPath', () => {
    const doc = omnichannelSupport();
    expect(emotionCurve(doc)).toEqual([
      { touchpointId: 't-email', stageId: 'contact', emotion: 0 },
      { touchpointId: 't-call', stageId: 'contact', emotion: -1 },
      { touchpointId: 't-wa', stageId: 'resolve', emotion: -2 },
      { touchpointId: 't-chat', stageId: 'resolve', emotion: 1 },
      { touchpointId: 't-review', stageId: 'feedback', emotion: -1 },
    ]);
  });

  it('emotionSummary: per stage mean/min/count and the three lowest moments, ties in path order', () => {
    const doc = omnichannelSupport();
    addStage(doc, { label: 'Empty', id: 'empty' });
    let s: ReturnType<typeof emotionSummary> | undefined;
    expect(transactionsOf(doc, () => (s = emotionSummary(doc)))).toEqual([]);
    expect(s?.stages).toEqual([
      { stageId: 'contact', label: 'Contact support', mean: -0.5, min: -1, count: 2 },
      { stageId: 'resolve', label: 'Resolution', mean: -0.5, min: -2, count: 2 },
      { stageId: 'feedback', label: 'Feedback', mean: -1, min: -1, count: 1 },
      { stageId: 'empty', label: 'Empty', mean: null, min: null, count: 0 },
    ]);
    expect(s?.lowestMoments.map((m) => [m.touchpointId, m.emotion])).toEqual([
      ['t-wa', -2],
      ['t-call', -1],
      ['t-review', -1],
    ]);
    setEmotion(doc, 't-email', -1);
    expect(emotionSummary(doc).lowestMoments.map((m) => m.touchpointId)).toEqual(['t-wa', 't-email', 't-call']);
  });
});
