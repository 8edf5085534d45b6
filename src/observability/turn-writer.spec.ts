import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TurnWriter } from './turn-writer';

describe('TurnWriter', () => {
  let path: string;
  let fd: number;
  let writes: number;
  const countingWrite = (target: number, data: Uint8Array) => {
    writes++;
    return writeSync(target, data);
  };

  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'turn-writer-')), 'out.log');
    fd = openSync(path, 'w');
    writes = 0;
  });
  afterEach(() => closeSync(fd));

  it("should write one turn's lines together, in order, once the turn is over", async () => {
    const writer = new TurnWriter(fd, countingWrite);
    writer.write('a\n');
    writer.write('b\n');
    writer.write('c\n');
    expect(readFileSync(path, 'utf8')).toBe('');
    await nextTurn();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\nc\n');
    expect(writes).toBe(1);
    writer.write('d\n');
    await nextTurn();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\nc\nd\n');
    expect(writes).toBe(2);
  });

  it('should write at once when a turn has logged a lot, and keep the order', async () => {
    const writer = new TurnWriter(fd, countingWrite);
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 70; i++) writer.write(line);
    expect(readFileSync(path, 'utf8').length).toBe(64 * 1024);
    await nextTurn();
    expect(readFileSync(path, 'utf8')).toBe(line.repeat(70));
    expect(writes).toBe(2);
  });

  it('should write what is pending on flush, and call back', () => {
    const writer = new TurnWriter(fd, countingWrite);
    writer.write('last words\n');
    const done = jest.fn();
    writer.flush(done);
    expect(readFileSync(path, 'utf8')).toBe('last words\n');
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('should finish a partial write and wait out a full pipe (EAGAIN) rather than lose lines', async () => {
    const written: string[] = [];
    let calls = 0;
    const writer = new TurnWriter(fd, (_fd, data) => {
      calls++;
      if (calls === 2) throw Object.assign(new Error('busy'), { code: 'EAGAIN' });
      const n = Math.min(3, data.length);
      written.push(Buffer.from(data.subarray(0, n)).toString());
      return n;
    });
    writer.write('hello\n');
    await nextTurn();
    expect(written.join('')).toBe('hello\n');
    expect(calls).toBe(3);
  });

  it('should drop the lines, not throw, when the reader is gone', async () => {
    const writer = new TurnWriter(fd, () => {
      throw Object.assign(new Error('broken pipe'), { code: 'EPIPE' });
    });
    writer.write('nobody reads this\n');
    expect(() => writer.flush()).not.toThrow();
    writer.write('nor this\n');
    await nextTurn();
  });
});
