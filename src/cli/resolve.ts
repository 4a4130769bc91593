import { env } from '../env';
import { openAppDatabase } from '../services/bootstrap';
import { reresolveEntities } from '../services/reresolve-entities';
import { runCommand } from './run-command';

const usage = `usage: npm run resolve [-- --dry-run]
Re-runs cross-article entity resolution over the whole database: name variants and dominant
short forms (bare surnames, acronyms) are merged, each merge recorded in the audit trail.`;

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--dry-run');
  if (unknown.length) {
    console.error(`${unknown.includes('--help') ? '' : `unknown argument: ${unknown[0]}\n`}${usage}`);
    return unknown.includes('--help') ? 0 : 2;
  }
  const dryRun = args.includes('--dry-run');
  const database = await openAppDatabase(env(), (m) => console.error(m));
  try {
    const report = await reresolveEntities(database.db, { dryRun });
    const verb = dryRun ? 'would merge' : 'merged';
    for (const m of report.merges)
      console.log(
        `${verb} ${m.sources.map((s) => `${s.name} (#${s.id})`).join(', ')} into ${m.target.name} (#${m.target.id}): ${m.reason}${m.reason === 'short form' ? `, confidence ${m.confidence}` : ''}`,
      );
    for (const a of report.ambiguous)
      console.log(`left apart ${a.name} (#${a.id}): could be ${a.candidates.join(' or ')}`);
    const sources = report.merges.reduce((n, m) => n + m.sources.length, 0);
    console.log(
      `${report.keysUpdated} entities given name keys; ${sources} entities ${verb} into ${report.merges.length}; ${report.ambiguous.length} short forms left apart as ambiguous`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main);
