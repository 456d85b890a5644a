import type { Client } from '@temporalio/client';
import type { Database } from '../prisma/database';
import type { DatabaseFaults } from './database-faults';

/** What the routes need; every route plugin is registered with it as its options. */
export interface ApiDeps {
  prisma: Database['prisma'];
  provider: Database['provider'];
  /** Client on the service's namespace (`temporal.options.namespace`). */
  temporal: Client;
  /** The queue workflows are started on; the service's worker polls TASK_QUEUE, tests their own. */
  taskQueue?: string;
}

/** ApiDeps with its defaults filled in, and what the server itself keeps (the database faults requests met). */
export type RouteDeps = ApiDeps & { taskQueue: string; databaseFaults: DatabaseFaults };
