import { createHash } from 'node:crypto';

/**
 * The shingles of a normalized quote text as 64-bit hashes, the same set as the SQL function
 * echo_shingles (migration 0002; a test compares the two): every run of three words, every run of
 * one or two words of 15 characters or more, and the whole text when it has fewer than three
 * words; each hashed as the first 16 hex digits of its MD5, read as a signed bigint. Computed here
 * rather than in SQL because the planner's estimates for the set-returning function made the
 * insert JIT-compile on every article.
 */
export function echoShingles(normalizedText: string): bigint[] {
  if (normalizedText === '') return [];
  const words = normalizedText.split(' ');
  const hashes = new Set<bigint>();
  for (let k = 1; k <= Math.min(3, words.length); k++) {
    for (let i = 0; i + k <= words.length; i++) {
      const run = words.slice(i, i + k).join(' ');
      // Postgres' length() counts characters, not UTF-16 units
      if (k === 3 || k === words.length || [...run].length >= 15) hashes.add(hashOf(run));
    }
  }
  return [...hashes];
}

function hashOf(run: string): bigint {
  const hex = createHash('md5').update(run, 'utf8').digest('hex').slice(0, 16);
  return BigInt.asIntN(64, BigInt(`0x${hex}`));
}
