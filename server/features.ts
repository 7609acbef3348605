// The server's collaboration features around the rooms: the metrics ingest API and its webhook
// alerts, versions (named, automatic, restore), key rotation, the mentions inbox (with e-mail) and
// the history of who changed what. app.ts builds them once; the rooms
// get their hooks, the sync server their socket registry, fastify their routes.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { keyRoutes } from './http/keys';
import { metricsRoutes } from './http/metrics';
import { versionRoutes } from './http/versions';
import { webhookRoutes } from './http/webhooks';
import type { Store } from './storage/store';
import type { RoomHooks } from './sync/room';
import type { Rooms } from './sync/rooms';
import { SocketRegistry } from './sync/sockets';
import { AutoVersions, DAY_MS } from './versions/auto';
import type { VersionLimits } from './versions/save';
import { MetricAlerts } from './webhooks/alerts';
import { DEFAULT_DELIVERY, WebhookSender } from './webhooks/deliver';
import { inboxRoutes } from './http/inbox';
import { smtpMailer, type MailConfig } from './mentions/mailer';
import { MentionNotifier } from './mentions/notifier';
import { HistoryRecorder } from './history/recorder';
import { historyRoutes } from './http/history';

export interface FeatureTiming {
  /** Per webhook attempt (default 5000). */
  webhookTimeoutMs: number;
  /** Waits before each webhook retry (default [1000, 2000, 4000]: 3 retries). */
  webhookRetryDelaysMs: number[];
  /** One webhook POST per hook per this window, listing every alert of the window (default 1000). */
  webhookWindowMs: number;
  /** A changed map gets an automatic version when its newest one is older than this (default 24 h). */
  autoVersionPeriodMs: number;
}

export const DEFAULT_TIMING: FeatureTiming = {
  webhookTimeoutMs: DEFAULT_DELIVERY.timeoutMs,
  webhookRetryDelaysMs: [...DEFAULT_DELIVERY.retryDelaysMs],
  webhookWindowMs: DEFAULT_DELIVERY.windowMs,
  autoVersionPeriodMs: DAY_MS,
};

export interface Features {
  roomHooks: RoomHooks;
  sockets: SocketRegistry;
  webhooks: WebhookSender;
  routes(app: FastifyInstance, rooms: Rooms): Promise<void>;
  /** Stops webhook deliveries (after the rooms closed, before the store does). */
  close(): Promise<void>;
}

export function createFeatures(deps: {
  store: Store;
  log: FastifyBaseLogger;
  timing?: Partial<FeatureTiming>;
  webhookAllowPrivate?: boolean;
  /** Versions kept per map (count, bytes); default 200 and 200 MiB. */
  versionLimits?: VersionLimits;
  /** Mention e-mails (SMTP_URL); absent: the in-app inbox only. */
  mail?: MailConfig | null;
  /** The origin users open, for absolute links in e-mails. */
  publicOrigin?: string | null;
}): Features {
  const { store, log } = deps;
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const versionLimits = deps.versionLimits ?? { count: 200, bytes: 200 * 1024 * 1024 };
  const webhooks = new WebhookSender({
    store,
    log: log.child({ component: 'webhooks' }),
    options: {
      ...DEFAULT_DELIVERY,
      timeoutMs: timing.webhookTimeoutMs,
      retryDelaysMs: timing.webhookRetryDelaysMs,
      windowMs: timing.webhookWindowMs,
      allowPrivate: deps.webhookAllowPrivate ?? false,
    },
  });
  const alerts = new MetricAlerts({ store, sender: webhooks, log: log.child({ component: 'alerts' }) });
  const autoVersions = new AutoVersions({
    store,
    log: log.child({ component: 'versions' }),
    periodMs: timing.autoVersionPeriodMs,
    limits: versionLimits,
  });
  const mailer = deps.mail ? smtpMailer(deps.mail) : null;
  const mentions = new MentionNotifier({
    store,
    log: log.child({ component: 'mentions' }),
    mailer,
    publicOrigin: deps.publicOrigin ?? null,
  });
  const history = new HistoryRecorder({ store, log: log.child({ component: 'history' }) });
  const sockets = new SocketRegistry();
  return {
    roomHooks: {
      loaded: (room) => {
        alerts.watch(room);
        mentions.watch(room);
        history.watch(room);
      },
      stored: (room) => {
        autoVersions.stored(room);
        history.stored(room);
      },
      largeRemoval: (room, before, removal) => autoVersions.largeRemoval(room, before, removal),
    },
    sockets,
    webhooks,
    async routes(app, rooms) {
      keyRoutes(app, { store, sockets });
      webhookRoutes(app, { store, allowPrivate: deps.webhookAllowPrivate ?? false });
      versionRoutes(app, { store, rooms, autoVersions, limits: versionLimits });
      await app.register(metricsRoutes, { store, rooms }); // its own scope: a bigger JSON body limit
      inboxRoutes(app, store);
      historyRoutes(app, store);
    },
    close: async () => {
      mailer?.close();
      await history.close();
      await webhooks.close();
    },
  };
}
