// An in-memory Store with the same contract as SqliteStore: for benchmarks and tests. Nothing
// survives the process.
import type { Store } from '../store';
import { MemoryAccounts } from './accounts';
import { MemoryDocs } from './docs';
import { MemoryFeatures } from './features';
import { MemoryMedia } from './media';

export class MemoryStore implements Store {
  readonly docs: MemoryDocs = new MemoryDocs((mapId) => {
    this.media.deleteMap(mapId);
    this.features.deleteMap(mapId);
  });
  readonly media = new MemoryMedia((mapId) => this.docs.has(mapId));
  readonly features = new MemoryFeatures((mapId) => this.docs.has(mapId));
  readonly accounts = new MemoryAccounts();

  async checkWritable(): Promise<void> {}

  async close(): Promise<void> {}
}
