import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Yields `first`, then each page `next(previous)` gives, until it gives undefined. Each page is requested
 * while the one before it is being consumed (one page ahead: at most two held), so a stream runs at the
 * upstream's pace rather than at the sum of fetch and write times. Pages are pulled by the HTTP response,
 * outside the request's async context: `next` and `done` run in the context captured by this call
 * (request id, selected upstream, the caller's ADOMs). A consumer that stops early leaves at most one
 * request in flight, whose failure is not an unhandled rejection; `done` runs only after the last page.
 */
export function readAhead<P>(
  first: P,
  next: (page: P) => Promise<P> | undefined,
  done?: () => Promise<unknown>,
): AsyncGenerator<P> {
  const inContext = AsyncLocalStorage.snapshot();
  return (async function* () {
    let page = first;
    for (;;) {
      const coming = inContext(() => next(page));
      coming?.catch(() => undefined);
      yield page;
      if (!coming) break;
      page = await coming;
    }
    if (done) await inContext(done);
  })();
}
