import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * Word clusters the entity tagger reads: k-means of GloVe vectors (src/train/build-word-clusters.ts),
 * so that a word it never saw in training ("Ipswich") shares weights with the words it did ("Leeds").
 */
export const CLUSTERS_FILE = fileURLToPath(new URL('./ner-clusters.tsv.gz', import.meta.url));
/** Cluster counts, finest first. */
export const CLUSTER_LEVELS = [1024, 128, 24];

export interface ClustersHeader {
  source: string;
  levels: number[];
  /** For each coarser level, the cluster of each fine cluster. */
  parents: number[][];
}

/** A word's clusters at every level, finest first, packed: fine + 1024 × (mid + 128 × coarse). */
let table: Map<string, number> | null = null;

function load(): Map<string, number> {
  const lines = gunzipSync(readFileSync(CLUSTERS_FILE)).toString('utf8').split('\n');
  const header = JSON.parse(lines[0] ?? '{}') as ClustersHeader;
  if (header.levels.join() !== CLUSTER_LEVELS.join())
    throw new Error('word clusters do not match this version; run src/train/build-word-clusters.ts');
  const [mid, coarse] = header.parents as [number[], number[]];
  const map = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const fine = Number(line.slice(tab + 1));
    map.set(line.slice(0, tab), fine + 1024 * ((mid[fine] as number) + 128 * (coarse[fine] as number)));
  }
  return map;
}

/** The packed clusters of a lower-case word, or -1 when it has none. */
export function wordCluster(lower: string): number {
  table ??= load();
  return table.get(lower) ?? -1;
}
