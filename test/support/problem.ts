import type { Response } from 'supertest';

// Tests read arbitrary problem members; the assertions below are the type check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Problem = Record<string, any>;

/** Asserts an RFC 9457 problem body with our extensions, and returns it for further checks. */
export function expectProblem(res: Response, status: number, code: string): Problem {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: `urn:fortirest:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: expect.stringMatching(/^\//),
    requestId: res.headers['x-request-id'],
  });
  return res.body;
}
