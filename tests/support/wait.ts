/**
 * Polls until `check` gives a value (not undefined), or fails after `limitMs`: a guard against a
 * hang, generous on a busy machine, never a measure of speed.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  limitMs = 150_000,
): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting (${limitMs / 1000} s) for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
