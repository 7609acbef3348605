// Members from a shell, on the server's own database (DATA_DIR, or DATABASE_URL):
//   npm run user -- add EMAIL --role admin|editor|viewer [--name NAME] [--password-stdin]
//   npm run user -- list
//   npm run user -- role EMAIL admin|editor|viewer
//   npm run user -- sign-out EMAIL          (ends every session of the member)
// Without --password-stdin a random password is made and printed once. Exit 1 on an error, 2 on bad usage.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Accounts } from '../server/accounts/service';
import { checkName, checkPassword, checkRole, InvalidInput, normalizeEmail } from '../server/accounts/validate';
import { PostgresStore } from '../server/storage/postgres/store';
import { SqliteStore } from '../server/storage/sqlite/store';
import type { Store } from '../server/storage/store';

const USAGE = `usage: npm run user -- add EMAIL --role admin|editor|viewer [--name NAME] [--password-stdin]
       npm run user -- list
       npm run user -- role EMAIL admin|editor|viewer
       npm run user -- sign-out EMAIL`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function openStore(): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) return PostgresStore.connect(databaseUrl);
  return new SqliteStore(path.resolve(process.env.DATA_DIR?.trim() || './data'));
}

async function run(store: Store, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const accounts = new Accounts(store.accounts, 14);
  const [command, emailArg, roleArg] = positionals;
  switch (command) {
    case 'add': {
      const email = normalizeEmail(emailArg);
      const role = checkRole(values.role);
      const name = checkName(values.name ?? email.split('@')[0]);
      const generated = !values['password-stdin'];
      const password = checkPassword(generated ? randomBytes(12).toString('base64url') : await readStdin());
      const member = await accounts.addMember({ email, name, role, password });
      if (!member) throw new Error(`${email} is already a member`);
      console.log(`added ${member.email} (${member.role}) as "${member.name}"`);
      if (generated) console.log(`password: ${password}\n(shown once; they can sign in with it now)`);
      return;
    }
    case 'list': {
      for (const m of await accounts.members()) console.log(`${m.role.padEnd(7)} ${m.email}  ${m.name}`);
      return;
    }
    case 'role': {
      const member = await accounts.memberByEmail(normalizeEmail(emailArg));
      if (!member) throw new Error(`${emailArg} is not a member`);
      await accounts.setRole(member.id, checkRole(roleArg));
      console.log(`${member.email} is now ${roleArg} (open connections keep the old role until they reconnect)`);
      return;
    }
    case 'sign-out': {
      const member = await accounts.memberByEmail(normalizeEmail(emailArg));
      if (!member) throw new Error(`${emailArg} is not a member`);
      console.log(`${await accounts.revokeSessions(member.id)} sessions of ${member.email} ended`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  }
}

async function main(): Promise<void> {
  const store = await openStore();
  try {
    await run(store, process.argv.slice(2));
  } catch (err) {
    const usage =
      err instanceof UsageError ||
      err instanceof InvalidInput ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage ? `${USAGE}\n` : ''}`);
    process.exitCode = usage ? 2 : 1;
  } finally {
    await store.close();
  }
}

void main();
