import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CancelArgs,
  DecideAttendanceArgs,
  DelegateArgs,
  MeetingReportArgs,
  MeetingView,
  MoveArgs,
  RequestAttendanceArgs,
} from './meeting.schemas';

export * from './meeting.schemas';

export const requestAttendanceUpdate = defineUpdate<MeetingView, [RequestAttendanceArgs]>('requestAttendance');
export const decideAttendanceUpdate = defineUpdate<MeetingView, [DecideAttendanceArgs]>('decideAttendance');
export const delegateAttendanceUpdate = defineUpdate<MeetingView, [DelegateArgs]>('delegateAttendance');
export const moveMeetingUpdate = defineUpdate<MeetingView, [MoveArgs]>('moveMeeting');
export const cancelMeetingUpdate = defineUpdate<MeetingView, [CancelArgs]>('cancelMeeting');
export const fileMeetingReportUpdate = defineUpdate<MeetingView, [MeetingReportArgs]>('fileMeetingReport');
export const meetingStateQuery = defineQuery<MeetingView>('meetingState');
