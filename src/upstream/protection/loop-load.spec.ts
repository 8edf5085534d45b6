import { LoopLoad } from './loop-load';
import { setTimeout as sleep } from 'node:timers/promises';

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Keeps the event loop working, as a process short of CPU does.
  }
};

describe('LoopLoad', () => {
  it('says busy after the event loop worked through a sample, and idle again after it rested', async () => {
    const load = new LoopLoad();
    expect(load.busy()).toBe(false);
    // Work in slices so the sampling timer runs between them and sees each 100 ms almost all busy.
    for (let i = 0; i < 8; i++) {
      spin(60);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(load.busy()).toBe(true);
    await sleep(350);
    expect(load.busy()).toBe(false);
  });
});
