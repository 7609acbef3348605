// An in-memory Store with the same contract as SqliteStore: for benchmarks and tests. Nothing
// survives the process.
import type { Store } from '../store';
import { MemoryAccounts } from './accounts';
import { MemoryDocs } from './docs';
import { MemoryFeatures } from './features';
import { MemoryHistory } from './history';
import { MemoryInbox } from './inbox';
import { MemoryLife } from './life';
import { MemoryMedia } from './media';

export class MemoryStore implements Store {
  readonly docs: MemoryDocs = new MemoryDocs((mapId) => {
    this.media.deleteMap(mapId);
    this.features.deleteMap(mapId);
    this.inbox.deleteMap(mapId);
    this.history.deleteMap(mapId);
  });
  readonly media = new MemoryMedia((mapId) => this.docs.has(mapId));
  readonly features = new MemoryFeatures((mapId) => this.docs.has(mapId));
  readonly accounts = new MemoryAccounts();
  readonly life = new MemoryLife(this.docs);
  readonly inbox = new MemoryInbox(this.docs);
  readonly history = new MemoryHistory(this.docs);

  async checkWritable(): Promise<void> {}

  async close(): Promise<void> {}
}
