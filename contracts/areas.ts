/** The answers about areas over time: their place on the map, names, predecessors and successors, and imports. */
import { z } from 'zod';
import { AreaKindSchema } from './codes';

export const AreaLevelSchema = z.enum(['PROVINCE', 'COMMUNE']);
export const ReorganizationKindSchema = z.enum(['MERGE', 'SPLIT', 'RENAME', 'DISSOLVE', 'NEW_UNIT']);

/** An area's place on the map: its official code and level where it is an administrative unit, its period. */
export const AreaMapFieldsSchema = z.object({
  officialCode: z.string().nullable(),
  level: AreaLevelSchema.nullable(),
  /** The unit's first day (Vietnam day); null: since before the records. */
  validFrom: z.iso.date().nullable(),
  /** Its last day (inclusive); null: in force. */
  validUntil: z.iso.date().nullable(),
});

const AreaRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: AreaKindSchema });

export const RelatedAreaSchema = z.object({
  area: AreaRefSchema,
  /** The predecessor ceased (merged, split whole, dissolved); false when it continued (renamed, split in part). */
  ceases: z.boolean(),
  whole: z.boolean(),
  reorganization: z.object({
    id: z.string(),
    kind: ReorganizationKindSchema,
    effectiveOn: z.iso.date(),
    legalBasisNumber: z.string(),
    legalBasisDate: z.iso.date(),
  }),
});

export const AreaLineageSchema = z.object({
  /** Its names over time, oldest first (first and last day inclusive). */
  names: z.array(
    z.object({ name: z.string(), validFrom: z.iso.date().nullable(), validUntil: z.iso.date().nullable() }),
  ),
  predecessors: z.array(RelatedAreaSchema),
  successors: z.array(RelatedAreaSchema),
});

export const AreaCreatedSchema = AreaRefSchema.extend(AreaMapFieldsSchema.shape).extend({
  parentId: z.string().nullable(),
});
export type AreaCreated = z.infer<typeof AreaCreatedSchema>;

const ImportedLineSchema = z.object({ line: z.number().int(), id: z.string(), code: z.string() });
export const AreasImportResultSchema = z.object({
  file: z.string(),
  importedOn: z.iso.date(),
  created: z.array(ImportedLineSchema),
  alreadyPresent: z.array(ImportedLineSchema),
});
