// Copies every map of an embedded install (SQLite in DATA_DIR) into PostgreSQL for scale-out:
//   npm run migrate -- --from sqlite --to postgres [--data-dir DIR] [--database-url URL]
// DATA_DIR and DATABASE_URL are the defaults of the two options. Safe to run again: maps already in
// PostgreSQL are skipped. Prints one line per map and the counts; exit 1 on an error, 2 on bad usage.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateSqliteToPostgres, MigrationError } from '../server/scale/migrate';

const USAGE = 'usage: npm run migrate -- --from sqlite --to postgres [--data-dir DIR] [--database-url URL]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  if (values.help) fail(USAGE, 0);
  if (values.from !== 'sqlite' || values.to !== 'postgres')
    fail(`only --from sqlite --to postgres is supported\n${USAGE}`, 2);
  const dataDir = path.resolve(values['data-dir'] ?? (process.env.DATA_DIR?.trim() || './data'));
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL?.trim();
  if (!databaseUrl) fail(`set DATABASE_URL or --database-url\n${USAGE}`, 2);

  console.log(`migrating ${dataDir} → PostgreSQL`);
  const report = await migrateSqliteToPostgres({ dataDir, databaseUrl, log: (line) => console.log(`  ${line}`) });
  console.log(
    `done: ${report.maps} maps copied, ${report.skipped} skipped (already there); ${report.updates} updates folded into snapshots, ` +
      `${report.versions} versions, ${report.media} media records (${report.mediaFiles} files), ${report.ingestKeys} ingest keys, ` +
      `${report.webhooks} webhooks`,
  );
  if (report.mediaMissing.length > 0) {
    console.log(
      `warning: ${report.mediaMissing.length} media records left out, their files are missing: ${report.mediaMissing.join(', ')}`,
    );
  }
}

main().catch((err: unknown) => {
  fail(
    err instanceof MigrationError ? err.message : `migration failed: ${err instanceof Error ? err.stack : String(err)}`,
    1,
  );
});
