/** The area routes' bodies; their answers are in contracts/areas.ts. */
import { z } from 'zod';
import { AreaKind, AreaLevel } from '../../prisma/database';
import { DaySchema } from '../../machines/day';

const id = z.string().trim().min(1).max(200);

export const AreaBodySchema = z.strictObject({
  code: z.string().trim().min(1).max(50),
  /** The official code: 2 digits for a province, 5 for a commune, ward or special zone (checked by level: 422). */
  officialCode: z.string().trim().min(1).max(10).nullable().default(null),
  name: z.string().trim().min(1).max(300),
  level: z.enum(AreaLevel).nullable().default(null),
  kind: z.enum(AreaKind),
  parentId: id.nullable().default(null),
  /** The unit's first day; null: since before the records. */
  validFrom: DaySchema.nullable().default(null),
});

export const ImportAreasBodySchema = z
  .strictObject({
    file: z.string().trim().min(1, 'the file needs its name').max(200),
    /** A CSV file's text: the columns of domain/areas/import.ts. */
    content: z.string().min(1, 'the file is empty').max(900_000).optional(),
    /** An .xlsx workbook's bytes in base64: its first sheet, the same columns. */
    contentBase64: z.base64('an .xlsx file is sent in base64').min(1, 'the file is empty').max(900_000).optional(),
  })
  .refine((body) => (body.content === undefined) !== (body.contentBase64 === undefined), {
    message: 'send the file as content (CSV text) or as contentBase64 (an .xlsx workbook), one of them',
    path: ['content'],
  });
