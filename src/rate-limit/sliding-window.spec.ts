import { slidingWindow } from './sliding-window';

const W = 60_000;

describe('slidingWindow', () => {
  it('should allow up to the limit within the first window', () => {
    expect(slidingWindow(20, W, { current: 20, previous: 0, elapsedMs: 5_000 })).toMatchObject({
      limited: false,
      remaining: 0,
      resetMs: 55_000,
    });
    expect(slidingWindow(20, W, { current: 21, previous: 0, elapsedMs: 5_000 }).limited).toBe(true);
  });

  it('should count the previous window by how much of it still overlaps', () => {
    // 20 hits last window, a quarter into this one: 15 of them still count.
    const verdict = slidingWindow(20, W, { current: 5, previous: 20, elapsedMs: W / 4 });
    expect(verdict.count).toBe(20);
    expect(verdict).toMatchObject({ limited: false, remaining: 0 });
    expect(slidingWindow(20, W, { current: 6, previous: 20, elapsedMs: W / 4 }).limited).toBe(true);
  });

  it('should not let a client send twice its limit across a boundary (a fixed window would)', () => {
    // 20 hits at the very end of one window, then a burst right after the boundary.
    const allowed = Array.from({ length: 20 }, (_, i) => i + 1).filter(
      (current) => !slidingWindow(20, W, { current, previous: 20, elapsedMs: 100 }).limited,
    );
    expect(allowed).toEqual([]);
  });

  it('should say when the next request will be allowed, in this window or the next', () => {
    // Limited by the previous window's weight: wait until 20 * (left / W) + 6 <= 19.
    const early = slidingWindow(20, W, { current: 6, previous: 20, elapsedMs: W / 4 });
    expect(early.resetMs).toBe(6_000);
    expect(
      slidingWindow(20, W, { current: 6, previous: 20, elapsedMs: W / 4 + early.resetMs }).count,
    ).toBeCloseTo(19);
    // Limited by this window alone: its hits must slide out in the next one.
    const late = slidingWindow(20, W, { current: 21, previous: 0, elapsedMs: 50_000 });
    expect(late.resetMs).toBe(10_000 + Math.ceil(W * (1 - 19 / 21)));
    expect(
      slidingWindow(20, W, { current: 1, previous: 21, elapsedMs: late.resetMs - 10_000 }).count,
    ).toBeCloseTo(20, 0);
  });
});
