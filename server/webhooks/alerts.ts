// Metric alerts: every loaded room's document is watched; when a metric value crosses into red (the
// model's redCrossings with the map's metric definitions), the crossing is queued for each of the
// map's webhooks, which get one `metric.red` POST per window listing every crossing (deliver.ts). The load of a stored document is not watched, so a restart never re-alerts; with
// scale-out, a change relayed from another process is that process's to alert on.
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { ROOT, readMetricDefs, redCrossings } from '../../src/model';
import type { Store } from '../storage/store';
import { isRelayedOrigin, type Room } from '../sync/room';
import { metricValueChanges } from './changes';
import type { WebhookSender } from './deliver';

/** One crossing into red; a `metric.red` POST carries `{ type, mapId, alerts: MetricRedAlert[], dropped? }`. */
export interface MetricRedAlert {
  nodeId: string;
  nodeLabel: string;
  metric: string;
  value: number;
  /** The value before, or null if the metric had none. */
  previous: number | null;
  /** The definition's red threshold that was crossed. */
  threshold: number;
  /** The time the value is of (its `updatedAt`), else when it was seen. */
  at: string;
}

export class MetricAlerts {
  constructor(private readonly deps: { store: Store; sender: WebhookSender; log: FastifyBaseLogger }) {}

  /** Room hook: watch this room's metric values from now on. */
  watch(room: Room): void {
    const doc = room.doc;
    doc.getMap<unknown>(ROOT.nodes).observeDeep((events, transaction) => {
      if (isRelayedOrigin(transaction.origin)) return;
      const changes = metricValueChanges(events);
      if (changes.length === 0) return;
      const defs = new Map(readMetricDefs(doc).map((d) => [d.key, d]));
      const now = new Date().toISOString();
      const alerts: MetricRedAlert[] = [];
      for (const change of changes) {
        const def = defs.get(change.key);
        if (!def || !redCrossings(change.before, change.after, def)) continue;
        const node = doc.getMap<unknown>(ROOT.nodes).get(change.nodeId);
        const label = node instanceof Y.Map ? node.get('label') : undefined;
        const updatedAt = change.metric.get('updatedAt');
        alerts.push({
          nodeId: change.nodeId,
          nodeLabel: typeof label === 'string' ? label : '',
          metric: change.key,
          value: change.after,
          previous: change.before,
          threshold: def.red,
          at: typeof updatedAt === 'string' && updatedAt !== '' ? updatedAt : now,
        });
      }
      if (alerts.length > 0) void this.dispatch(room.mapId, alerts);
    });
  }

  private async dispatch(mapId: string, alerts: MetricRedAlert[]): Promise<void> {
    try {
      const hooks = await this.deps.store.features.listWebhooks(mapId);
      for (const hook of hooks) this.deps.sender.enqueue(hook, mapId, 'metric.red', alerts);
      if (hooks.length > 0)
        this.deps.log.info({ mapId, alerts: alerts.length, hooks: hooks.length }, 'metric alerts queued');
    } catch (err) {
      this.deps.log.error({ mapId, err }, 'could not send metric alerts');
    }
  }
}
