/**
 * The words for an area's past under its own names: a former unit shown on its successor's page ("trước đây: Xã Kim
 * Liên"), and what became of a unit that ceased, on the timeline of an assignment it carried. Pure data and functions.
 */
import type { Language } from './keys';

/** Prisma `ReorganizationKind`. */
export type ReorganizationKindName = 'MERGE' | 'SPLIT' | 'RENAME' | 'DISSOLVE' | 'NEW_UNIT';

interface AreaHistoryTexts {
  formerly: string;
  /** What became of a unit on a day: {name}, {successors}, {date}. */
  became: Record<ReorganizationKindName, string>;
  and: string;
}

export const AREA_HISTORY_LABELS: Readonly<Record<Language, AreaHistoryTexts>> = {
  vi: {
    formerly: 'trước đây: {name}',
    became: {
      MERGE: '{name} (sáp nhập vào {successors} từ {date})',
      SPLIT: '{name} (chia tách thành {successors} từ {date})',
      RENAME: '{name} (đổi tên thành {successors} từ {date})',
      DISSOLVE: '{name} (giải thể từ {date})',
      NEW_UNIT: '{name} (thành lập {successors} từ {date})',
    },
    and: ' và ',
  },
  en: {
    formerly: 'formerly: {name}',
    became: {
      MERGE: '{name} (merged into {successors} from {date})',
      SPLIT: '{name} (split into {successors} from {date})',
      RENAME: '{name} (renamed {successors} from {date})',
      DISSOLVE: '{name} (dissolved from {date})',
      NEW_UNIT: '{name} (became part of {successors} from {date})',
    },
    and: ' and ',
  },
};

/** `YYYY-MM-DD` as the users read a day: dd/mm/yyyy. */
const shownDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** "trước đây: Xã Kim Liên". */
export function formerlyLabel(name: string, language: Language = 'vi'): string {
  return fill(AREA_HISTORY_LABELS[language].formerly, { name });
}

/** "Xã Kim Liên (sáp nhập vào Xã Kim Liên từ 01/07/2025)": a unit under its own name and what became of it. */
export function successionLabel(
  kind: ReorganizationKindName,
  name: string,
  successors: readonly string[],
  effectiveOn: string,
  language: Language = 'vi',
): string {
  const texts = AREA_HISTORY_LABELS[language];
  return fill(texts.became[kind], { name, successors: successors.join(texts.and), date: shownDay(effectiveOn) });
}
