/**
 * Builds src/ingest/data/nicknames.json from the nickname-and-diminutive-names lookup
 * (https://github.com/carltonnorthern/nicknames, names.csv, Apache License 2.0):
 *
 *   npm run build:nicknames -- path/to/names.csv
 *
 * The lookup comes from genealogy records and pairs some names no news reader would take for one
 * ("robert" → "bill", "aaron" → "erin"). A pair is kept only when the nickname is a shortening of
 * the formal name (same first letter: "jim" → "james", "chuck" → "charles") or rhymes with one
 * ("bill" with "will" → "william", "bob" with "rob" → "robert", "ted" with "ed" → "edward"), it
 * is no longer than the formal name, and the two are not of opposite genders in the given-name lists
 * of src/ingest/lexicon.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCommand } from '../src/cli/run-command';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../src/ingest/lexicon';

const OUTPUT = new URL('../src/ingest/data/nicknames.json', import.meta.url);

function genderOf(name: string): 'male' | 'female' | null {
  const male = MALE_FIRST_NAMES.has(name);
  const female = FEMALE_FIRST_NAMES.has(name);
  return male === female ? null : male ? 'male' : 'female';
}

function selectPairs(rows: readonly (readonly [string, string])[]): Record<string, string[]> {
  const nicknamesOf = new Map<string, Set<string>>();
  for (const [formal, nickname] of rows) {
    if (!nicknamesOf.has(formal)) nicknamesOf.set(formal, new Set());
    nicknamesOf.get(formal)?.add(nickname);
  }
  const formalsOf: Record<string, string[]> = {};
  for (const [formal, nicknames] of [...nicknamesOf].sort(([a], [b]) => a.localeCompare(b))) {
    const shortenings = [...nicknames].filter((n) => n[0] === formal[0]);
    for (const nickname of [...nicknames].sort()) {
      if (nickname.length > formal.length || nickname === formal) continue;
      const shortens = nickname[0] === formal[0];
      const rhymes = shortenings.some((s) => s.slice(1) === nickname.slice(1) || s === nickname.slice(1));
      if (!shortens && !rhymes) continue;
      const a = genderOf(formal);
      const b = genderOf(nickname);
      if (a && b && a !== b) continue;
      formalsOf[nickname] = [...(formalsOf[nickname] ?? []), formal];
    }
  }
  return formalsOf;
}

runCommand(async ([path]) => {
  if (!path) throw new Error('usage: npm run build:nicknames -- path/to/names.csv');
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells[1] === 'has_nickname' && cells[0] && cells[2])
    .map((cells) => [cells[0]?.trim().toLowerCase() ?? '', cells[2]?.trim().toLowerCase() ?? ''] as const);
  const formalsOf = selectPairs(rows);
  writeFileSync(OUTPUT, `${JSON.stringify(formalsOf)}\n`);
  const pairs = Object.values(formalsOf).reduce((n, f) => n + f.length, 0);
  console.log(
    `${Object.keys(formalsOf).length} nicknames, ${pairs} pairs written to src/ingest/data/nicknames.json`,
  );
  return 0;
});
