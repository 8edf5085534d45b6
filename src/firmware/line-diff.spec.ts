import { diffLines } from './line-diff';

describe('diffLines', () => {
  it('should answer an empty diff for equal texts', () => {
    expect(diffLines('a\nb\n', 'a\nb\n', ['1', '2'])).toEqual({ text: '', added: 0, removed: 0 });
  });

  it('should write a unified diff with context and line numbers', () => {
    const before = ['l1', 'l2', 'l3', 'l4', 'set x 5', 'l6', 'l7', 'l8', 'l9'].join('\n') + '\n';
    const after = ['l1', 'l2', 'l3', 'l4', 'set x 15', 'l6', 'l7', 'l8', 'l9', 'new'].join('\n') + '\n';
    const diff = diffLines(before, after, ['revision 1', 'revision 2']);
    expect(diff).toMatchObject({ added: 2, removed: 1 });
    expect(diff.text.split('\n')).toEqual([
      '--- revision 1',
      '+++ revision 2',
      '@@ -2,8 +2,9 @@',
      ' l2',
      ' l3',
      ' l4',
      '-set x 5',
      '+set x 15',
      ' l6',
      ' l7',
      ' l8',
      ' l9',
      '+new',
      '',
    ]);
  });

  it('should split far-apart changes into separate hunks', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed[1] = 'first change';
    changed[18] = 'second change';
    const diff = diffLines(lines.join('\n'), changed.join('\n'), ['a', 'b']);
    expect(diff.text.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toMatchObject({ added: 2, removed: 2 });
  });
});
