import type { Notification } from '../../domain/outbox';
import type { CommentChange } from '../../domain/commune-comments/writes';
import type { PolicyInForce } from '../../domain/programmes/reads';
import { type Actor } from '../../machines/actor';
import { dayOf, endOfDay, WorkingCalendar } from '../../machines/calendar';
import {
  type CommentState,
  commentCriteriaOf,
  committeeViolation,
  criteriaViolation,
  OPEN_COMMENT_STATES,
} from '../../machines/commune-comment';
import type { YearlyCadence } from '../../machines/yearly-cadence';
import type { RuleViolation } from '../../machines/rules';
import { records } from '../activity-proxies';
import {
  type CommentView,
  communeCommentId,
  type ExemptCommentArgs,
  ExemptCommentArgsSchema,
  type SubmitCommentArgs,
  SubmitCommentArgsSchema,
} from '../commune-comment.messages';
import { OneWriter } from '../one-writer';
import { OpeningRecord } from '../opening-record';
import { parseInput, refuse } from '../refusal';
import { nowIso, StepKeys } from '../step-keys';

export interface CommuneCommentInput {
  /** The link (AgencyLeaderArea): an agency's leader and the commune they monitor under a programme. */
  linkId: string;
  year: number;
}

/** What the run reads of its link, through a recorded activity. */
export interface CommentLink {
  programmeId: string;
  areaId: string;
  memberId: string;
  from: string;
  until: string | null;
}

export interface CommentPlan {
  version: PolicyInForce;
  comment: YearlyCadence['comment'];
  requestDay: string;
  dueDay: string;
  calendar: WorkingCalendar;
}

/**
 * One form's run: its state, the version and days it follows once requested, how a step is recorded (in order,
 * one-writer.ts), what the view answers and what the committee's updates must respect. Handlers and the main flow
 * share it.
 */
export class CommentRun {
  readonly id: string;
  readonly keys = new StepKeys();
  readonly writer = new OneWriter();
  readonly opening = new OpeningRecord();
  state: CommentState = 'WAITING';
  plan: CommentPlan | undefined;
  link: CommentLink | undefined;
  requestOn: string | null = null;

  constructor(readonly input: CommuneCommentInput) {
    this.id = communeCommentId(input.linkId, input.year);
  }

  get settled(): boolean {
    return this.state === 'SUBMITTED' || this.state === 'EXEMPTED';
  }

  get open(): boolean {
    return OPEN_COMMENT_STATES.includes(this.state);
  }

  allowedEvents(): string[] {
    return this.open ? ['SUBMIT_COMMENT', 'EXEMPT_COMMENT'] : [];
  }

  view(): CommentView {
    return {
      id: this.id,
      linkId: this.input.linkId,
      year: this.input.year,
      state: this.state,
      allowedEvents: this.allowedEvents(),
      policyVersion: this.plan?.version.label ?? null,
      requestOn: this.requestOn,
      dueAt: this.plan ? new Date(endOfDay(this.plan.dueDay)).toISOString() : null,
    };
  }

  private refuseUnless(event: string, violation: RuleViolation | null) {
    const details = { state: this.state, allowedEvents: this.allowedEvents() };
    if (!this.open) refuse(event, details);
    if (violation) refuse(event, { ...details, violation });
  }

  validateSubmit(raw: unknown): SubmitCommentArgs {
    const args = parseInput(SubmitCommentArgsSchema, raw);
    const criteria = this.plan ? commentCriteriaOf(this.plan.comment) : [];
    this.refuseUnless(
      'SUBMIT_COMMENT',
      committeeViolation(args.actor, this.link?.areaId ?? '') ?? criteriaViolation(criteria, args.form),
    );
    return args;
  }

  validateExempt(raw: unknown): ExemptCommentArgs {
    const args = parseInput(ExemptCommentArgsSchema, raw);
    this.refuseUnless('EXEMPT_COMMENT', committeeViolation(args.actor, this.link?.areaId ?? ''));
    return args;
  }

  /** The request's day, the version in force on it, and the deadline it sets. */
  setPlan(version: PolicyInForce, requestDay: string, nonWorkingDays: string[]): CommentPlan {
    const comment = version.policy.yearly?.comment;
    if (!comment) throw new Error(`Version ${version.label} has no comment form`);
    const calendar = new WorkingCalendar(nonWorkingDays);
    const dueDay = calendar.addWorkingDays(requestDay, comment.dueWorkingDaysAfterRequest);
    this.plan = { version, comment, requestDay, dueDay, calendar };
    return this.plan;
  }

  /** Records a step: the state it leads to, the change, the notices; after the writes before it. */
  step(
    label: string,
    actor: Pick<Actor, 'id'>,
    toState: CommentState,
    change: CommentChange,
    notifications: Notification[] = [],
  ): Promise<unknown> {
    const fromState = this.state;
    this.state = toState;
    const args = {
      idempotencyKey: this.keys.next(label),
      at: nowIso(),
      actorId: actor.id,
      action: label,
      commentId: this.id,
      linkId: this.input.linkId,
      year: this.input.year,
      policyVersion: this.plan?.version.label ?? '',
      fromState,
      toState,
      change,
      notifications,
    };
    return this.writer.write(() => records.recordCommentStep(args));
  }
}

/** The request day of a year: the version's day, or today, or the link's first day, whichever is last. Vietnam's days. */
export function requestDayOf(year: number, requestOn: string, linkFrom: string): string {
  return [`${year}-${requestOn}`, dayOf(Date.now()), linkFrom].sort().at(-1)!;
}
