import { ApplicationFailure } from '@temporalio/workflow';
import type { CommuneFilingChange, CommuneFilingStep, CommuneLinkFacts } from '../../activities/commune-filing-records';
import type { Notification } from '../../domain/outbox';
import type { NoticeTemplate } from '../../labels/notifications';
import type { Actor } from '../../machines/actor';
import { endOfDay, WorkingCalendar } from '../../machines/calendar';
import type { CommuneFilingDue } from '../../machines/commune-filings';
import { RULE_VIOLATED } from '../../machines/rules';
import type { YearlyCadence } from '../../machines/yearly-cadence';
import { records } from '../activity-proxies';
import type { CommuneFilingArgs, CommuneFilingResult, CommuneMonitoringView } from '../commune-monitoring.messages';
import { OneWriter } from '../one-writer';
import { OpeningRecord } from '../opening-record';
import { nowIso, StepKeys } from '../step-keys';

type Status = 'OPEN' | 'MISSED' | 'FILED' | 'FILED_LATE' | 'NOT_FILED' | 'CANCELLED';

interface Filing extends CommuneFilingDue {
  status: Status;
}

const FINAL: readonly Status[] = ['FILED', 'FILED_LATE', 'NOT_FILED', 'CANCELLED'];

/** A refusal of a filing, named by its rule (the API answers 422 with it). */
function refuse(rule: string, message: string): never {
  throw ApplicationFailure.create({
    type: RULE_VIOLATED,
    message: `FILE_COMMUNE_FILING refused: ${message}`,
    details: [{ state: 'open', allowedEvents: [], violation: { rule, message } }],
    nonRetryable: true,
  });
}

/**
 * One year of a leader's commune: the filings owed, their states, how a step is recorded (one writer, in order) and
 * what the view query answers. The filings' days come from the version in force the run read once.
 */
export class YearRun {
  readonly keys = new StepKeys();
  readonly writer = new OneWriter();
  readonly opening = new OpeningRecord();
  readonly filings: Filing[] = [];
  link: CommuneLinkFacts | null = null;
  version: { programmeId: string; label: string } | null = null;
  cadence: YearlyCadence | undefined;
  calendar = new WorkingCalendar([]);
  /** The day the link ended, when its end was signalled. */
  endedOn: string | undefined;

  constructor(
    readonly linkId: string,
    readonly year: number,
  ) {}

  find(kind: string, period: string): Filing | undefined {
    return this.filings.find((f) => f.kind === kind && f.period === period);
  }

  /** Settled: filed, closed, cancelled, or due after the link's signalled end. */
  settled(filing: Filing): boolean {
    return FINAL.includes(filing.status) || (this.endedOn !== undefined && filing.dueOn > this.endedOn);
  }

  view(): CommuneMonitoringView {
    return {
      linkId: this.linkId,
      year: this.year,
      policyVersion: this.version,
      filings: this.filings.map(({ kind, period, dueOn, status }) => ({ kind, period, dueOn, status })),
      ended: this.endedOn !== undefined,
    };
  }

  /** Steps written together, in order, after those before. */
  write(steps: CommuneFilingStep[]): Promise<unknown> {
    return this.writer.write(() => records.recordCommuneFilingSteps(steps));
  }

  step(
    filing: Filing,
    action: string,
    change: CommuneFilingChange,
    notifications: Notification[] = [],
  ): CommuneFilingStep {
    return {
      idempotencyKey: this.keys.next(`${filing.kind}_${filing.period}_${change.kind}`),
      at: nowIso(),
      actorId: 'system',
      action,
      filing: { linkId: this.linkId, kind: filing.kind, period: filing.period },
      change,
      // The version whose days these are: on every audit row.
      payload: { policyVersion: this.version },
      notifications,
    };
  }

  notice(recipientRole: Notification['recipientRole'], template: NoticeTemplate, filing: Filing, level?: number) {
    return {
      recipientRole,
      template,
      payload: {
        linkId: this.linkId,
        areaId: this.link?.areaId,
        kind: filing.kind,
        period: filing.period,
        year: this.year,
        due: filing.dueOn,
        ...(level !== undefined && { level }),
      },
    };
  }

  /** Who may file what, now: the link's leader, a filing owed this year, not filed or closed. */
  validateFiling(args: CommuneFilingArgs): Filing {
    if (!this.link || this.link.leaderUserId !== args.actor.id)
      refuse('NOT_THE_LINKS_LEADER', 'Only the leader who monitors this commune files for it');
    const filing = this.find(args.kind, args.period);
    if (!filing) refuse('FILING_NOT_OWED', `No ${args.kind} filing for ${args.period} is owed on this link this year`);
    if (filing.status === 'FILED' || filing.status === 'FILED_LATE')
      refuse('ALREADY_FILED', `The ${args.kind} filing for ${args.period} was filed already`);
    if (this.settled(filing)) refuse('FILING_CLOSED', `The ${args.kind} filing for ${args.period} is closed`);
    const days = args.fieldDays ?? [];
    if (days.length > 0 && filing.kind === 'PROGRAMME')
      refuse('FIELD_DAYS_ON_PROGRAMME', "The year's programme gives no days at the commune: its reports do");
    const outside = days.find((day) => day < filing.covers.from || day > filing.covers.to);
    if (outside) refuse('FIELD_DAY_OUTSIDE_PERIOD', `${outside} is outside the period of ${args.period}`);
    return filing;
  }

  /** A filing on time, or late (after its day, or once missed): recorded, then the watch of its deadline settles. */
  async file(actor: Actor, args: CommuneFilingArgs): Promise<CommuneFilingResult> {
    const filing = this.validateFiling(args);
    const late = filing.status === 'MISSED' || Date.now() > endOfDay(filing.dueOn);
    filing.status = late ? 'FILED_LATE' : 'FILED';
    const at = nowIso();
    const { kind, period } = filing;
    await this.writer.write(() =>
      records.recordCommuneFiled({
        idempotencyKey: this.keys.next(`${kind}_${period}_FILED`),
        at,
        actorId: actor.id,
        filing: { linkId: this.linkId, kind, period },
        late,
        content: args.content,
        // Only when the report gives days: the activity's input is then as in histories recorded before.
        ...(args.fieldDays && args.fieldDays.length > 0 && { fieldDays: args.fieldDays }),
        payload: { policyVersion: this.version },
      }),
    );
    return { kind, period, late, filedAt: at };
  }
}
