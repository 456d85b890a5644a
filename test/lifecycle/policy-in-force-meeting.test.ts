/**
 * A meeting's approval window follows its programme's version in force on the request's day: a version published
 * after the invitation, with the leader in charge reminded earlier, moves the reminder of a request made under it, and
 * the approval deadline's audit row names the version; a meeting of another programme's assignment keeps its window.
 * Recorded (RECORD_HISTORIES=1) in test/histories/meeting-approval-policy-in-force: the path behind
 * patched('meeting-approval-policy-in-force'). On the time-skipping server, from any day of the year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../machines/actor';
import { dayOf, startOfDay, WorkingCalendar } from '../../machines/calendar';
import { DEFAULT_MEETING_POLICY, instantBefore } from '../../machines/meeting-policy';
import { DEFAULT_POLICY } from '../../machines/policy';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { meetingWorkflowId, requestAttendanceUpdate } from '../../workflows/meeting.messages';
import { meetingWorkflow } from '../../workflows/meeting.workflow';
import { startActiveAssignment } from '../support/assignments';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { createOtherProgramme } from '../support/other-programme';

const HOUR = 3_600_000;
const OTHER_PROGRAMME = 'test-programme-meetings-other';
const LATER = 'test.approval-reminder-3';
const EARLIER_REMINDER = { amount: 3, unit: 'WORKING_DAYS' } as const;
const calendar = new WorkingCalendar([]);

describe("a meeting's approval window follows the version in force", () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a version published after the invitation moves the approval's reminder, for its programme only", async () => {
    const { people } = h;
    const publishedById = people.leaders[0]!.id;
    await createOtherProgramme(h.db.prisma, {
      id: OTHER_PROGRAMME,
      code: 'TEST_MEETINGS_OTHER',
      policy: DEFAULT_POLICY,
      publishedById,
    });
    const official = (i: number): Actor => people.specialists[i]!;
    const ours = await startActiveAssignment(h, {
      assignmentId: 'meeting-follows',
      areaId: people.areas[5]!.id,
      official: official(5),
      proposedBy: people.departmentHead,
    });
    const other = await startActiveAssignment(h, {
      assignmentId: 'meeting-other-programme',
      areaId: people.areas[6]!.id,
      official: official(6),
      proposedBy: people.departmentHead,
    });
    await h.db.prisma.assignment.update({
      where: { id: 'meeting-other-programme' },
      data: { programmeId: OTHER_PROGRAMME },
    });
    const today = ours.today;
    // 09:00 six working days ahead: both reminders fall after tomorrow.
    const startsAt = startOfDay(calendar.addWorkingDays(today, 6)) + 9 * HOUR;
    const invite = (meetingId: string, assignmentId: string, i: number) =>
      h.client.workflow.start(meetingWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: meetingWorkflowId(meetingId),
        args: [
          {
            meetingId,
            areaId: people.areas[i]!.id,
            assignmentId,
            groupId: undefined,
            body: 'BTV',
            startsAt: new Date(startsAt).toISOString(),
            place: 'Hội trường',
            agenda: 'Công tác cán bộ',
            invitedId: official(i).id,
            groupLeaderId: official(i).id,
            groupMemberIds: [official(i).id],
            leaderInChargeId: people.leaders[0]!.id,
            headOfBoardId: people.headOfBoard.id,
            recordedById: people.committeeOf(people.areas[i]!.id).id,
            policy: DEFAULT_MEETING_POLICY,
            nonWorkingDays: [],
          },
        ],
      });
    const ourMeeting = await invite('m-follows', 'meeting-follows', 5);
    const otherMeeting = await invite('m-other-programme', 'meeting-other-programme', 6);
    // Published after both invitations, in force from tomorrow, in the Board's programme.
    const tomorrow = dayOf(startOfDay(today) + 36 * HOUR);
    await h.db.prisma.programmeVersion.create({
      data: {
        programmeId: DEFAULT_PROGRAMME_ID,
        label: LATER,
        policy: {
          ...DEFAULT_POLICY,
          version: LATER,
          meetings: {
            ...DEFAULT_MEETING_POLICY,
            approval: { ...DEFAULT_MEETING_POLICY.approval, reminderBefore: EARLIER_REMINDER },
          },
        },
        effectiveFrom: tomorrow,
        publishedById,
      },
    });

    await h.sleepUntil(startOfDay(tomorrow) + 12 * HOUR);
    const ourView = await ourMeeting.executeUpdate(requestAttendanceUpdate, { args: [{ actor: official(5) }] });
    const otherView = await otherMeeting.executeUpdate(requestAttendanceUpdate, { args: [{ actor: official(6) }] });
    expect(ourView.approvalReminderAt).toBe(
      new Date(instantBefore(startsAt, EARLIER_REMINDER, calendar)).toISOString(),
    );
    expect(otherView.approvalReminderAt).toBe(
      new Date(instantBefore(startsAt, DEFAULT_MEETING_POLICY.approval.reminderBefore, calendar)).toISOString(),
    );
    expect(ourView.approvalReminderAt).not.toBe(otherView.approvalReminderAt);

    const openedVersion = async (assignmentId: string, meetingId: string) => {
      const row = await h.db.prisma.auditEvent.findFirstOrThrow({
        where: { assignmentId, action: 'MEETING_APPROVAL_DEADLINE_OPENED', entityId: { contains: meetingId } },
      });
      return (row.payload as { policyVersion?: unknown }).policyVersion;
    };
    await expect
      .poll(() => openedVersion('meeting-follows', 'm-follows').catch(() => null), { timeout: 30_000 })
      .toEqual({ programmeId: DEFAULT_PROGRAMME_ID, label: LATER });
    expect(await openedVersion('meeting-other-programme', 'm-other-programme')).toEqual({
      programmeId: OTHER_PROGRAMME,
      label: 'test.other-1',
    });

    await recordHistories(h.client, 'meeting-approval-policy-in-force', [meetingWorkflowId('m-follows')]);
    for (const handle of [ourMeeting, otherMeeting, ours.handle, other.handle]) await handle.terminate('test done');
  });
});
