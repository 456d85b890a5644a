/**
 * Names for the ids the API returns: the staff list and the areas, loaded once per session and shared. Only Board staff
 * may read them; for anyone else (an area committee) the names stay ids, and nothing is kept for the next login.
 */
import { allPages } from './api';
import type { AreaListItem, OfficialSummary } from '../../contracts/directory';

let officials: Promise<Map<string, OfficialSummary>> | undefined;
let areas: Promise<Map<string, AreaListItem>> | undefined;

export function officialsById(): Promise<Map<string, OfficialSummary>> {
  officials ??= allPages<OfficialSummary>('/officials').then(
    (list) => new Map(list.map((o) => [o.id, o])),
    () => {
      officials = undefined;
      return new Map<string, OfficialSummary>();
    },
  );
  return officials;
}

export function areasById(): Promise<Map<string, AreaListItem>> {
  areas ??= allPages<AreaListItem>('/areas').then(
    (list) => new Map(list.map((a) => [a.id, a])),
    (error: unknown) => {
      areas = undefined;
      throw error;
    },
  );
  return areas;
}

/** Forgets what was loaded (after a logout, or when the areas' assignments changed). */
export function forgetDirectory(): void {
  officials = undefined;
  areas = undefined;
}

export function nameOf(people: Map<string, OfficialSummary>, id: string | null | undefined, system: string): string {
  if (!id) return '';
  if (id === 'system') return system;
  return people.get(id)?.fullName ?? id;
}
