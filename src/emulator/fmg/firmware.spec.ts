import { parseRelease, releaseName, upgradePath } from './firmware';

const rel = (v: string) => parseRelease('FortiGate-100F', v)!;
const names = (path: ReturnType<typeof upgradePath>) => path?.map(releaseName);

describe('emulated upgrade paths', () => {
  it('should step through each minor release’s bridge patch', () => {
    expect(names(upgradePath('FortiGate-100F', rel('7.0.7'), rel('7.4.4')))).toEqual([
      '7.0.12-b0523',
      '7.2.8-b1639',
      '7.4.4-b2662',
    ]);
  });

  it('should go straight to a later patch of the same minor, and nowhere for the same version', () => {
    expect(names(upgradePath('FortiGate-100F', rel('7.2.5'), rel('7.2.10')))).toEqual(['7.2.10-b1706']);
    expect(upgradePath('FortiGate-100F', rel('7.4.4'), rel('7.4.4'))).toEqual([]);
  });

  it('should have no path for a downgrade and no image a platform is not offered', () => {
    expect(upgradePath('FortiGate-100F', rel('7.4.4'), rel('7.2.8'))).toBeUndefined();
    expect(parseRelease('FortiGate-40F', '7.6.1')).toBeUndefined();
    expect(parseRelease('FortiGate-100F', '7.6.1-b3525')).toBeDefined();
    expect(parseRelease('FortiGate-100F', '7.6.1-b9999')).toBeUndefined();
  });
});
