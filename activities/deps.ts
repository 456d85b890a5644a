import type { Database } from '../worker/database';

/** What activities need from the running service. */
export interface ActivityDeps {
  db: Pick<Database, 'prisma' | 'provider'>;
}
