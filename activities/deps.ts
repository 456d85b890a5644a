import type { Client } from '@temporalio/client';
import type { Database } from '../prisma/database';

/** What activities need from the running service. */
export interface ActivityDeps {
  db: Pick<Database, 'prisma' | 'provider'>;
  /** For starting the workflows an assignment spawns, on the service's task queue. */
  temporal: { client: Client; taskQueue: string };
}
