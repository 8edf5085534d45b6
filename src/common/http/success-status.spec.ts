import { successStatus } from './success-status';

describe('success statuses', () => {
  it.each([
    ['read', 200],
    ['create', 201],
    ['replace', 200],
    ['update', 200],
    ['delete', 204],
    ['action', 200],
    ['done', 204],
    ['task', 202],
    ['batch', 207],
  ] as const)('should answer code 0 of a %s with %i', (op, status) => {
    expect(successStatus(op)).toBe(status);
  });
});
