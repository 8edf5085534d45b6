import { Readable } from 'node:stream';
import { createParamDecorator, ExecutionContext, Logger, StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../common/errors/gateway-error';
import { renderProblem, toGatewayError } from '../common/errors/problem-details.filter';
import type { TableStream } from '../translator/table-stream';

export const NDJSON = 'application/x-ndjson';
/** The count of matches (after the filter) when the stream opened; a streamed table has no `total` field. */
export const TOTAL_COUNT_HEADER = 'X-Total-Count';

/** Lines per write: big enough to keep syscalls few, small enough to keep one chunk's text short-lived. */
const LINES_PER_WRITE = 200;

const logger = new Logger('TableStream');

/**
 * How a list answers: a JSON page, or (`Accept: application/x-ndjson`) every row as one JSON line.
 * Handlers take it with `@TableAnswer()` and pick with `answer.ndjson`.
 */
export interface TableAnswerAs {
  ndjson: boolean;
  /** The NDJSON response of an opened stream; errors opening it stay normal problem+json answers. */
  stream(opened: Promise<TableStream<unknown>>): Promise<StreamableFile>;
}

/** NDJSON only when asked by name: a client sending `*\/*` or `application/json` gets the page it always got. */
export function wantsNdjson(accept: string | undefined): boolean {
  return /(^|,)\s*application\/x-ndjson\s*(;|,|$)/i.test(accept ?? '');
}

export const TableAnswer = createParamDecorator((_: unknown, ctx: ExecutionContext): TableAnswerAs => {
  const http = ctx.switchToHttp();
  const request = http.getRequest<FastifyRequest>();
  const reply = http.getResponse<FastifyReply>();
  return {
    ndjson: wantsNdjson(request.headers.accept),
    async stream(opened) {
      const table = await opened;
      void reply.header(TOTAL_COUNT_HEADER, String(table.total));
      return new StreamableFile(ndjsonLines(table, request), { type: NDJSON });
    },
  };
});

/**
 * The rows as NDJSON, pulled chunk by chunk as the socket drains (Readable's backpressure), so the
 * gateway holds at most the upstream chunks the stream reads ahead. A failure after the first byte can
 * no longer change the status: it becomes a last line `{"error": <problem>}` and the stream ends.
 */
function ndjsonLines(table: TableStream<unknown>, request: FastifyRequest): Readable {
  async function* lines(): AsyncGenerator<string> {
    if (table.object) {
      yield `${JSON.stringify(table.object)}\n`;
      return;
    }
    try {
      for await (const rows of table.chunks) {
        for (let i = 0; i < rows.length; i += LINES_PER_WRITE) {
          let text = '';
          for (const row of rows.slice(i, i + LINES_PER_WRITE)) text += `${JSON.stringify(row)}\n`;
          yield text;
        }
      }
    } catch (err) {
      const problem = toGatewayError(err) ?? new GatewayError('INTERNAL_ERROR', 'The stream failed.');
      logger.warn(`${request.method} ${request.url}: stream ended by ${problem.code}: ${problem.detail}`);
      yield `${JSON.stringify({ error: renderProblem(problem, request) })}\n`;
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
