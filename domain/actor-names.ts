import type { PrismaClient } from '../prisma/database';

/** Names change only when the directory is seeded again; a minute of delay in a displayed name is harmless. */
const NAME_TTL_MS = 60_000;

/**
 * Display names of actors, who are officials (staff) or users (area committees, administrators), kept for a minute:
 * a timeline names the same few people on every read, and two lookups per read would double its cost.
 */
export class ActorNames {
  private readonly names = new Map<string, { name: string | null; until: number }>();

  constructor(private readonly prisma: PrismaClient) {}

  async of(ids: readonly string[]): Promise<Map<string, string | null>> {
    const now = Date.now();
    const missing = [...new Set(ids)].filter((id) => (this.names.get(id)?.until ?? 0) <= now);
    if (missing.length > 0) {
      const [officials, users] = await Promise.all([
        this.prisma.official.findMany({ where: { id: { in: missing } }, select: { id: true, fullName: true } }),
        this.prisma.user.findMany({ where: { id: { in: missing } }, select: { id: true, displayName: true } }),
      ]);
      const found = new Map<string, string>([
        ...users.map((u) => [u.id, u.displayName] as const),
        ...officials.map((o) => [o.id, o.fullName] as const),
      ]);
      for (const id of missing) this.names.set(id, { name: found.get(id) ?? null, until: now + NAME_TTL_MS });
    }
    return new Map(ids.map((id) => [id, this.names.get(id)?.name ?? null]));
  }
}
