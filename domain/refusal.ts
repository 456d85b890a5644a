/**
 * A refusal decided by the records: a rule the request breaks, a record that does not exist, a part the caller does
 * not have. The HTTP edge answers it with its status as `{ error: { code, message, ...extra } }`; the background work
 * never meets one, since it acts only on requests already accepted.
 */
export class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) =>
  new Refusal(404, 'NOT_FOUND', `${what} ${id} does not exist`, { resource: what, id });

/**
 * The 403 for a caller whose role lets them call the route but who has no part in this record. 403, not 404: the
 * records are addressed by ids nobody can guess, and a uniform 403 tells the web app "you may not", where a 404 would
 * make a permission problem look like a broken link.
 */
export const confidential = (what: string) =>
  new Refusal(403, 'FORBIDDEN', `${what} is confidential: only those with a part in it may see it`, {
    reason: 'CONFIDENTIAL',
  });
