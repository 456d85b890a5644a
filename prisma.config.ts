/**
 * Prisma CLI configuration (Prisma 7 reads the database URL from here, not from the schema).
 * Picks the schema and migrations folder of DATABASE_URL's provider, so that e.g.
 * `DATABASE_URL=postgres://… npx prisma migrate deploy` uses prisma/postgresql/.
 * The project's own tooling (npm run migrate, migrate:new, setup) does not need this file.
 */
import path from 'node:path';
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? 'file:./data/dia-ban.db';
const postgres = /^postgres(ql)?:\/\//.test(url);
const dir = postgres ? 'prisma/postgresql' : 'prisma';

export default defineConfig({
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations`, seed: 'tsx prisma/seed.ts' },
  // Relative SQLite paths mean "from the working directory" in this project's own tools; say so explicitly.
  datasource: { url: postgres || !url.startsWith('file:') ? url : `file:${path.resolve(url.slice('file:'.length))}` },
});
