/**
 * A small seeded PRNG (mulberry32): a fault rule with the same seed draws the same sequence, so a
 * chaos run can be repeated exactly. Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normal deviate from two uniform draws (Box-Muller). */
export function normalDraw(random: () => number, mean: number, stddev: number): number {
  const u = 1 - random();
  const v = random();
  return mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
