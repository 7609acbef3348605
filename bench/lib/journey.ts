// Journey maps of a given size for the benchmarks, written by a real sync client in Node (lib/clients.ts)
// through the model's commands (as scripts/demo-map.ts does): stages, channels, owners, touchpoints
// in every stage and a path edge from each touchpoint to the next.
import type * as Y from 'yjs';
import {
  CHANNEL_MEDIA,
  LOCAL_USER,
  addChannel,
  addOwner,
  addStage,
  addTouchpoint,
  assignStageOwner,
  connect,
  initJourney,
  roots,
} from '../../src/model';
import { connectClient, type ClientMap, type SyncTarget } from './clients';
import { waitUntil } from './report';

export { connectClient, type BenchClient } from './clients';

export interface JourneyIds {
  stages: string[];
  channels: string[];
  owners: string[];
  touchpoints: string[];
  edges: string[];
  /** Every node id (stages, channels, owners, touchpoints). */
  nodes: string[];
}

/** How a map of `nodes` nodes is made: about 25 touchpoints a stage, 10 channels, an owner per 4 stages. */
export function journeyShape(nodes: number): { stages: number; channels: number; owners: number; touchpoints: number } {
  const stages = Math.max(4, Math.round(nodes / 25));
  const channels = Math.min(10, Math.max(2, Math.floor(nodes / 10)));
  const owners = Math.ceil(stages / 4);
  return { stages, channels, owners, touchpoints: nodes - stages - channels - owners };
}

/** Writes a map of exactly `nodes` nodes into `doc`, one transaction per stage. */
export function buildJourney(doc: Y.Doc, nodes: number, title = 'Benchmark journey'): JourneyIds {
  const shape = journeyShape(nodes);
  const ids: JourneyIds = { stages: [], channels: [], owners: [], touchpoints: [], edges: [], nodes: [] };
  initJourney(doc, { title }, LOCAL_USER);
  doc.transact(() => {
    for (let i = 0; i < shape.stages; i++) ids.stages.push(addStage(doc, { label: `Stage ${i + 1}` }));
    for (let i = 0; i < shape.channels; i++) {
      const medium = CHANNEL_MEDIA[i % CHANNEL_MEDIA.length] ?? 'web';
      const type = medium === 'store' || medium === 'kiosk' ? 'physical' : 'digital';
      ids.channels.push(
        addChannel(doc, { label: `Channel ${i + 1} (${medium})`, type, medium, x: 20 + i * 210, y: 490 }),
      );
    }
    for (let i = 0; i < shape.owners; i++) {
      const owner = addOwner(doc, { name: `Owner ${i + 1}`, role: 'Stage owner', x: i * 190, y: -96 });
      ids.owners.push(owner);
      for (let s = i * 4; s < Math.min(shape.stages, i * 4 + 4); s++) assignStageOwner(doc, ids.stages[s] ?? '', owner);
    }
  }, LOCAL_USER);
  const perStage = Math.ceil(shape.touchpoints / shape.stages);
  for (let s = 0; s < shape.stages; s++) {
    doc.transact(() => {
      for (let k = 0; k < perStage && ids.touchpoints.length < shape.touchpoints; k++) {
        const i = ids.touchpoints.length;
        const id = addTouchpoint(doc, {
          stageId: ids.stages[s] ?? null,
          label: `Touchpoint ${i + 1}`,
          channelId: ids.channels[i % ids.channels.length] ?? null,
        });
        const previous = ids.touchpoints.at(-1);
        ids.touchpoints.push(id);
        if (previous) ids.edges.push(connect(doc, { source: previous, target: id }));
      }
    }, LOCAL_USER);
  }
  ids.nodes = [...ids.stages, ...ids.channels, ...ids.owners, ...ids.touchpoints];
  return ids;
}

/** Fills a map on a running server and returns once a fresh client reads every node and edge. */
export async function fillMap(target: SyncTarget | string, map: ClientMap, nodes: number): Promise<JourneyIds> {
  const writer = await connectClient(target, map);
  const ids = buildJourney(writer.doc, nodes);
  try {
    const check = await connectClient(target, map);
    try {
      const { nodes: yNodes, edges: yEdges } = roots(check.doc);
      await waitUntil(
        () => yNodes.size === ids.nodes.length && yEdges.size === ids.edges.length,
        `the server to hold the ${nodes}-node map`,
        60_000,
      );
    } finally {
      check.destroy();
    }
  } finally {
    writer.destroy();
  }
  return ids;
}
