import type { FastifyInstance } from 'fastify';
import { Refusal } from './errors';

/** No request of ours nests deeper; deeper JSON is refused rather than walked. */
export const MAX_JSON_DEPTH = 32;

type Finding = { path: string; message: string } | null;

/** The first string holding a NUL character, or a value nested deeper than MAX_JSON_DEPTH. Iterative: input decides the depth. */
function firstUnacceptable(root: unknown, part: string): Finding {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000'))
        return { path: path.join('.'), message: `NUL characters are not accepted (in ${part})` };
    } else if (typeof value === 'object' && value !== null) {
      if (path.length >= MAX_JSON_DEPTH)
        return { path: path.join('.'), message: `nested deeper than ${MAX_JSON_DEPTH} levels (in ${part})` };
      for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/**
 * NUL characters have no place in Board documents, and PostgreSQL cannot store them in text: accepted, they would
 * fail the workflow's write on every retry. Absurdly nested JSON would exhaust the stack of whatever walks it.
 * Both are refused at the edge, with the field named.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      const issue = firstUnacceptable(value, part);
      if (issue) throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', { issues: [issue] });
    }
  });
}
