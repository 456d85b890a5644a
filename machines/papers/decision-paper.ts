/**
 * A decision as the paper the Board signs, in the Party's format (Hướng dẫn 36-HD/VPTW): the words of each part,
 * composed from the decision's records. Pure: the template (templates/decision.vi.docx) lays them out.
 */
import type { SigningBlock } from '../signing-block';

export interface PaperSettings {
  /** The place in the date line: "Nghệ An". */
  place: string;
  /** The superior body, top left: "TỈNH ỦY NGHỆ AN". */
  superiorBody: string;
  /** The issuing body, top left in bold: "BAN TỔ CHỨC". */
  issuerName: string;
  /** The authority that decides, above the grounds: "TRƯỞNG BAN TỔ CHỨC TỈNH ỦY". */
  authority: string;
  /** The grounds' lines ("Căn cứ …"), the regulation included. */
  grounds: string[];
  /** The recipients, the last being the archive ("Lưu VT"). */
  recipients: string[];
}

export interface AppointedOfficial {
  fullName: string;
  /** The post as printed in lower case after the name: "chuyên viên Phòng Tổ chức đảng, đảng viên". */
  post: string | null;
  areaName: string;
  groupName: string | null;
  groupLeaderName: string | null;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
}

export type DecisionPaperKind =
  'APPOINTMENT' | 'ROTATION' | 'EARLY_REASSIGNMENT' | 'BOARD_REASSIGNMENT' | 'CLOSURE' | 'RATING' | 'COMPLAINT_OUTCOME';

export interface DecisionFacts {
  number: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  kind: DecisionPaperKind;
  officials: AppointedOfficial[];
  signing: SigningBlock;
  /** A draft before approval: its number and day left blank for the register, "DỰ THẢO" above the title. */
  draft?: boolean | undefined;
}

/** What the template's placeholders take. */
export interface DecisionPaper {
  superiorBody: string;
  issuerName: string;
  number: string;
  dateLine: string;
  subject: string;
  authority: string;
  grounds: string[];
  articles: { n: number; text: string }[];
  recipients: string[];
  titleLines: string[];
  signerName: string;
  draft: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "Nghệ An, ngày 05 tháng 12 năm 2026": a 0 before days 1 to 9 and months 1 and 2 (so a day or month cannot be
 * written over), months 3 to 12 as they are.
 */
export function dateLine(place: string, day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const monthText = month <= 2 ? pad(month) : String(month);
  return `${place}, ngày ${pad(date)} tháng ${monthText} năm ${year}`;
}

/** A day in the text of an article: 05/12/2026. */
export const dayInText = (day: string): string => day.split('-').reverse().join('/');

const SUBJECTS: Record<DecisionPaperKind, string> = {
  APPOINTMENT: 'về việc phân công công chức theo dõi địa bàn',
  ROTATION: 'về việc luân chuyển công chức theo dõi địa bàn',
  EARLY_REASSIGNMENT: 'về việc điều chỉnh phân công công chức theo dõi địa bàn',
  BOARD_REASSIGNMENT: 'về việc điều chỉnh phân công công chức theo dõi địa bàn theo yêu cầu nhiệm vụ',
  CLOSURE: 'về việc thôi phân công công chức theo dõi địa bàn',
  RATING: 'về việc xếp loại công chức theo dõi địa bàn',
  COMPLAINT_OUTCOME: 'về việc kết luận nội dung phản ánh đối với công chức theo dõi địa bàn',
};

function officialClause(o: AppointedOfficial): string {
  const who = `đồng chí ${o.fullName}${o.post ? `, ${o.post}` : ''}`;
  const group = o.groupName
    ? `, thành viên ${o.groupName}${o.groupLeaderName ? ` do đồng chí ${o.groupLeaderName} làm Trưởng nhóm` : ''}`
    : '';
  return `${who}, theo dõi địa bàn ${o.areaName}${group}, kể từ ngày ${dayInText(o.effectiveFrom)}`;
}

/** The first article: what is decided, for whom. An early reassignment states no ground's detail (it may be confidential). */
function firstArticle(facts: DecisionFacts): string {
  const clauses = facts.officials.map(officialClause).join('; ');
  switch (facts.kind) {
    case 'APPOINTMENT':
      return `Phân công ${clauses}.`;
    case 'ROTATION':
      return `Luân chuyển việc theo dõi địa bàn: phân công ${clauses}; việc bàn giao hoàn thành trước ngày bắt đầu theo dõi của công chức được phân công.`;
    case 'EARLY_REASSIGNMENT':
      return `Điều chỉnh phân công theo dõi địa bàn theo căn cứ quy định tại Quy chế: phân công ${clauses}.`;
    case 'BOARD_REASSIGNMENT':
      return `Điều chỉnh phân công theo dõi địa bàn theo yêu cầu nhiệm vụ của Cơ quan: phân công ${clauses}.`;
    case 'CLOSURE':
      return `Thôi phân công ${clauses.replace(/, kể từ ngày [0-9/]+/g, '')}.`;
    default:
      return `Quyết định đối với ${clauses}.`;
  }
}

export function decisionPaper(facts: DecisionFacts, settings: PaperSettings): DecisionPaper {
  const articles = [
    firstArticle(facts),
    'Công chức được phân công có trách nhiệm thực hiện nhiệm vụ theo dõi địa bàn theo Quy chế; Trưởng nhóm chịu trách nhiệm chính về kết quả theo dõi địa bàn của nhóm.',
    'Quyết định có hiệu lực kể từ ngày ký. Văn phòng Ban, các phòng có liên quan và các đồng chí có tên tại Điều 1 căn cứ Quyết định thi hành.',
  ];
  return {
    superiorBody: settings.superiorBody,
    issuerName: settings.issuerName,
    number: facts.number,
    dateLine: facts.draft
      ? `${settings.place}, ngày      tháng      năm ${facts.issuedOn.slice(0, 4)}`
      : dateLine(settings.place, facts.issuedOn),
    subject: SUBJECTS[facts.kind],
    authority: settings.authority,
    grounds: settings.grounds,
    articles: articles.map((text, i) => ({ n: i + 1, text })),
    recipients: settings.recipients,
    titleLines: facts.signing.titleLines,
    signerName: facts.signing.signerName,
    draft: facts.draft ?? false,
  };
}
