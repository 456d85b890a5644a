/**
 * Every text the application shows, in Vietnamese (the default) and English, from one place: the web's pages
 * (web/src/i18n.tsx) and the API's timeline (api/timeline/labels.ts) read these tables. Pure data and pure functions.
 */
import { en } from './en';
import type {
  DeadlineStep,
  DeadlineSubject,
  EnumName,
  ExactAction,
  Labels,
  Language,
  ProposalKind,
  ProposalStep,
} from './keys';
import { vi } from './vi';

export * from './keys';

export const LABELS: Readonly<Record<Language, Labels>> = { vi, en };

/** The label of an enumeration's code; the code itself when the table does not know it (the API may be newer). */
export function enumLabel(name: EnumName, code: string, language: Language = 'vi'): string {
  const table: Readonly<Record<string, string>> = LABELS[language].enums[name];
  return Object.hasOwn(table, code) ? table[code]! : code;
}

/** What follows `${prefix}_` in the action, when it is one of the table's keys. */
function step<Key extends string>(action: string, prefix: string, table: Readonly<Record<Key, unknown>>): Key | null {
  const rest = action.startsWith(`${prefix}_`) ? action.slice(prefix.length + 1) : '';
  return Object.hasOwn(table, rest) ? (rest as Key) : null;
}

/**
 * An audit action in words: an exact action ("Bắt đầu theo dõi địa bàn"), a proposal's step ("Phê duyệt luân
 * chuyển"), or a deadline's ("Nộp báo cáo tháng (muộn)"). An action the tables do not know shows as itself.
 */
export function timelineLabel(action: string, language: Language = 'vi'): string {
  const { enums, timeline } = LABELS[language];
  if (Object.hasOwn(timeline.actions, action)) return timeline.actions[action as ExactAction];
  for (const kind of Object.keys(enums.proposal) as ProposalKind[]) {
    const decided = step<ProposalStep>(action, kind, timeline.proposalSteps);
    if (decided) return timeline.proposalSteps[decided](enums.proposal[kind]);
  }
  for (const subject of Object.keys(timeline.subjects) as DeadlineSubject[]) {
    const done = step<DeadlineStep>(action, subject, timeline.deadlineSteps);
    if (done) return timeline.deadlineSteps[done](timeline.subjects[subject]);
  }
  return action;
}
