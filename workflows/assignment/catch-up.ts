import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ProgrammeVersions } from '../../domain/programmes/reads';
import type { IsoDay } from '../../machines/calendar';
import type { Policy } from '../../machines/policy';
import { versionOnDay } from '../../machines/policy-in-force';
import { records } from '../activity-proxies';

/**
 * The patch after which the steps of a catch-up start their months and evaluations without waiting for each start, and
 * read their programme's versions once. Never rename it.
 */
export const CATCH_UP_IN_ONE_GO = 'catch-up-starts-without-waiting';

/**
 * The steps already due that an assignment takes one after another without a timer (a catch-up), as far as the next
 * wait. Each month or evaluation they start is a command of the workflow task, its start not awaited: the next step
 * goes on at once, so the months of a catch-up are started in one round trip to the server instead of one each. Before
 * the workflow waits (a timer, a person's decision, its handlers, continuing as new or closing), settle() awaits them
 * all; a start that finds its workflow already started counts as started, as one awaited at once does.
 * The programme's versions are read once a catch-up and each month takes the one in force on its first day by the
 * rule the records' read follows (machines/policy-in-force.ts); after a wait they are read again, as a version may have
 * been published meanwhile.
 */
export class CatchUp {
  private readonly starts: Promise<{ error: unknown } | undefined>[] = [];
  private versions: ProgrammeVersions | undefined;

  constructor(private readonly assignmentId: string) {}

  /** A child's start issued: kept, its outcome awaited by settle(). */
  started(start: Promise<unknown>): void {
    this.starts.push(
      start.then(
        () => undefined,
        (error: unknown) => (error instanceof WorkflowExecutionAlreadyStartedError ? undefined : { error }),
      ),
    );
  }

  /** The version of the assignment's programme in force on a day, from its versions read once this catch-up. */
  async versionOn(day: IsoDay): Promise<{ programmeId: string; label: string; effectiveFrom: IsoDay; policy: Policy }> {
    this.versions ??= await records.readProgrammeVersions({ assignmentId: this.assignmentId });
    const { programmeId, versions } = this.versions;
    return { programmeId, ...versionOnDay(versions, day)! };
  }

  /** Every start issued has been started (or was already): the first other failure is thrown here. */
  async settle(): Promise<void> {
    const outcomes = await Promise.all(this.starts.splice(0));
    const failed = outcomes.find((outcome) => outcome !== undefined);
    if (failed) throw failed.error;
  }
}
