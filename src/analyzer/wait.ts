/** Polls `probe` until it says done or the deadline passes; answers the last probe result. */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (t: T) => boolean,
  deadline: number,
  everyMs = 150,
): Promise<T> {
  for (;;) {
    const t = await probe();
    if (done(t) || Date.now() + everyMs > deadline) return t;
    await new Promise<void>((resolve) => setTimeout(resolve, everyMs));
  }
}
