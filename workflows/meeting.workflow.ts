import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { areaReorganizedSignal } from './cross-workflow.messages';
import {
  CancelArgsSchema,
  cancelMeetingUpdate,
  DecideAttendanceArgsSchema,
  decideAttendanceUpdate,
  DelegateArgsSchema,
  delegateAttendanceUpdate,
  fileMeetingReportUpdate,
  MeetingReportArgsSchema,
  meetingStateQuery,
  moveMeetingUpdate,
  RequestAttendanceArgsSchema,
  requestAttendanceUpdate,
} from './meeting.messages';
import {
  cancelMeeting,
  decideAttendance,
  delegateAttendance,
  fileMeetingReport,
  moveMeeting,
  requestAttendance,
  validateMove,
} from './meeting/decisions';
import { areaReorganized } from './meeting/reorganisation';
import { MeetingRun, type MeetingWorkflowInput } from './meeting/run-state';
import { closeIfNotAttended, recordInvitation, untilMeetingStarts, watchReport } from './meeting/time';
import { parseInput } from './refusal';

export type { MeetingWorkflowInput } from './meeting/run-state';

/**
 * An area's invitation to a meeting and the Board's attendance of it (Đ5.2, Đ7.B.3, Đ9.3). The attendee asks the
 * leader in charge, who is reminded before the meeting; still undecided later, the Head of Board is told; undecided at
 * the start, the request is recorded as not approved in time. After the meeting the report is due (Đ7.A.5): reminded,
 * then, missed, escalated up the chain against the attendee and finally closed as not filed. Moves move the timers,
 * a cancellation stops them; the records keep both. An area that ceases in a reorganisation cancels the meetings
 * still ahead of its effective day (meeting/reorganisation.ts).
 * The meeting machine decides what is allowed; this workflow owns time and effects. This file wires them: the run's
 * state (meeting/run-state.ts), people's decisions (meeting/decisions.ts) and time (meeting/time.ts). Every command
 * is issued where it always was, so recorded histories replay.
 */
export async function meetingWorkflow(input: MeetingWorkflowInput): Promise<{ state: string }> {
  const run = new MeetingRun(input);
  const { machine } = run;

  // ── people's decisions (updates: the caller learns at once whether the machine allowed it) ──
  setHandler(meetingStateQuery, () => run.view());
  setHandler(
    requestAttendanceUpdate,
    run.opening.after((args) => requestAttendance(run, args)),
    {
      validator: (args) =>
        machine.validate({ type: 'REQUEST_ATTENDANCE', ...parseInput(RequestAttendanceArgsSchema, args) }),
    },
  );
  setHandler(
    decideAttendanceUpdate,
    run.opening.after((args) => decideAttendance(run, args)),
    {
      validator: (args) =>
        machine.validate({ type: 'DECIDE_ATTENDANCE', ...parseInput(DecideAttendanceArgsSchema, args) }),
    },
  );
  setHandler(
    delegateAttendanceUpdate,
    run.opening.after((args) => delegateAttendance(run, args)),
    {
      validator: (args) => machine.validate({ type: 'DELEGATE', ...parseInput(DelegateArgsSchema, args) }),
    },
  );
  setHandler(
    moveMeetingUpdate,
    run.opening.after((args) => moveMeeting(run, args)),
    { validator: (args) => validateMove(run, args) },
  );
  setHandler(
    cancelMeetingUpdate,
    run.opening.after((args) => cancelMeeting(run, args)),
    {
      validator: (args) => machine.validate({ type: 'CANCEL', ...parseInput(CancelArgsSchema, args) }),
    },
  );
  setHandler(
    fileMeetingReportUpdate,
    run.opening.after((args) => fileMeetingReport(run, args)),
    {
      validator: (args) => machine.validate({ type: 'FILE_REPORT', ...parseInput(MeetingReportArgsSchema, args) }),
    },
  );
  // ── the area ceasing in a reorganisation (a signal from the route that records it) ──
  setHandler(
    areaReorganizedSignal,
    run.opening.after((args) => areaReorganized(run, args)),
  );

  // ── time: the invitation, the approval until the start, then the report ──
  await run.opening.record(() => recordInvitation(run));
  await untilMeetingStarts(run);
  if (run.top() === 'reportDue') await watchReport(run);
  else if (!run.isDone()) await closeIfNotAttended(run);
  await condition(allHandlersFinished);
  return { state: machine.state };
}
