import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { env } from '../env';
import { openAppDatabase } from '../services/bootstrap';
import { checkExportRequest, ExportInputError, planExport, writeExport } from '../services/export';
import { runCommand } from './run-command';

const usage = `usage: npm run export -- [--format jsonl|csv] [--speaker SLUG] [--about SLUG] [--since DATE] [--out FILE]

Writes every quote (or those said by --speaker, about --about, in articles published on or after
--since) as JSON Lines (the default) or CSV, to --out or to standard output.`;

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.error(usage);
    return 0;
  }
  try {
    checkExportRequest(args);
  } catch (error) {
    if (!(error instanceof ExportInputError)) throw error;
    console.error(error.message);
    return 2;
  }
  const database = await openAppDatabase(env(), (message) => console.error(message));
  const partial = args.out ? `${args.out}.partial` : undefined;
  try {
    const plan = await planExport(database.db, args);
    const out: Writable = partial ? createWriteStream(partial) : process.stdout;
    const bar = process.stderr.isTTY
      ? new SingleBar({
          format: 'exporting [{bar}] {value}/{total} quotes, {eta}s left',
          stream: process.stderr,
        })
      : null;
    try {
      const { rows } = await writeExport(database.db, plan, out, {
        onStart: (total) => bar?.start(total, 0),
        onRows: (n) => bar?.increment(n),
      });
      bar?.stop();
      if (partial && args.out) {
        out.end();
        await finished(out);
        // Renamed only once complete, so a failed export never leaves a file that looks whole.
        await rename(partial, args.out);
      } else if (process.stdout.writableNeedDrain) {
        await once(process.stdout, 'drain');
      }
      console.error(`${rows} ${rows === 1 ? 'quote' : 'quotes'} written${args.out ? ` to ${args.out}` : ''}`);
      return 0;
    } finally {
      bar?.stop();
    }
  } catch (error) {
    if (partial) await rm(partial, { force: true });
    if (error instanceof ExportInputError) {
      console.error(error.message);
      return 2;
    }
    // The reader of standard output went away (`| head`): not a failure of the export.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw error;
  } finally {
    await database.close();
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      speaker: { type: 'string' },
      about: { type: 'string' },
      since: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length) throw new Error(`unexpected argument ${JSON.stringify(positionals[0])}`);
  return values;
}

runCommand(main);
