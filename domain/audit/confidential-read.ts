import { randomUUID } from 'node:crypto';
import type { Database } from '../../prisma/database';
import { type AuditEntry, recordEntries } from './log';

export const CONFIDENTIAL_READ = 'CONFIDENTIAL_READ';

export interface ConfidentialRecord {
  /** e.g. 'Complaint', 'AnnualEvaluation', 'Official'. */
  entityType: string;
  /** The record read, or for a list the query's subject (e.g. the assignment whose evaluations were listed). */
  entityId: string;
  assignmentId?: string | undefined;
  /** For lists: the ids returned, so an auditor knows exactly what was seen. */
  ids?: string[];
}

/** Who read, and through which door (`GET /complaints/:id`, an export…). */
export interface Reader {
  actorId: string;
  userId: string;
  roles: readonly string[];
  route: string;
}

/**
 * Writes who read a confidential record (complaints, evaluations, personnel details) to the audit chain, before the
 * answer leaves: if the audit row cannot be written, the read fails rather than going unrecorded. Reads arriving
 * together share one transaction and one step of the chain (ReadAudits); each waits for its own row's commit.
 */
export async function recordConfidentialRead(
  db: Pick<Database, 'prisma' | 'provider'>,
  reader: Reader,
  record: ConfidentialRecord,
): Promise<void> {
  await readAuditsOf(db).record({
    idempotencyKey: `read:${randomUUID()}`,
    at: new Date().toISOString(),
    actorId: reader.actorId,
    action: CONFIDENTIAL_READ,
    entityType: record.entityType,
    entityId: record.entityId,
    assignmentId: record.assignmentId,
    payload: {
      userId: reader.userId,
      roles: reader.roles,
      route: reader.route,
      ...(record.ids && { ids: record.ids }),
    },
  });
}

/** How long the first read of a group waits for others to join it, and the most a group holds. */
export const READ_AUDIT_GROUP = { waitMs: 2, maxRows: 200 };

/**
 * The reads' audit rows of one database, appended in groups: the first row of a group starts a short wait, the rows
 * arriving meanwhile (and while the previous group commits) join it, and the group is written by `recordEntries`. A
 * group that fails fails each of its reads.
 */
export class ReadAudits {
  private waiting: { entry: AuditEntry; done: (error?: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Pick<Database, 'prisma' | 'provider'>,
    private readonly group = READ_AUDIT_GROUP,
  ) {}

  record(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.waiting.length >= this.group.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.group.waitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    // One group at a time: the chain is appended in order, and a group forming meanwhile grows.
    this.writing = this.writing.then(() =>
      recordEntries(
        this.db,
        group.map((g) => g.entry),
      ).then(
        () => group.forEach((g) => g.done()),
        (error: unknown) => group.forEach((g) => g.done(error ?? new Error('the audit group was not written'))),
      ),
    );
  }
}

const readAudits = new WeakMap<object, ReadAudits>();

/** The database's one group of reads' audit rows (per client: a test's database has its own). */
function readAuditsOf(db: Pick<Database, 'prisma' | 'provider'>): ReadAudits {
  let audits = readAudits.get(db.prisma);
  if (!audits) readAudits.set(db.prisma, (audits = new ReadAudits(db)));
  return audits;
}
