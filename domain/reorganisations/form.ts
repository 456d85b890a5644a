/** A reorganisation as the administrator enters it, before it is checked. */
import type { AreaKind, AreaLevel, ReorganizationKind } from '../../prisma/database';

export interface NewUnitForm {
  code: string;
  officialCode: string | null;
  name: string;
  level: AreaLevel | null;
  kind: AreaKind;
  parentId: string | null;
}

export interface ReorganizationForm {
  kind: ReorganizationKind;
  legalBasis: { number: string; date: string };
  /** The first day of the new map (Vietnam day); a predecessor that ceases ends the day before. */
  effectiveOn: string;
  /** The units before; `whole: false` for one that gives only a part (a split in part, a boundary move) and continues. */
  predecessors: { areaId: string; whole: boolean }[];
  /** The units the reorganisation creates, named from the effective day. */
  successors: NewUnitForm[];
  /** A rename's new name, from the effective day. */
  newName: string | null;
  note: string;
}
