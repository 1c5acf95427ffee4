import type { Db } from "../../db/database.js";
import * as repo from "./people.repository.js";

// Chains longer than this are a misconfiguration, not a staffing plan; the walk stops there.
const MAX_CHAIN = 20;

/**
 * Who acts for `userId` at `at`: the user when present; while they are away, their deputy — and when that deputy is
 * away too, the deputy's own deputy, and so on. A loop (A → B → A) or an inactive deputy stops the walk at the last
 * person reached, so someone always acts and the walk always ends.
 */
export async function actingPersonFor(db: Db, userId: string, at: string): Promise<string> {
  const chain = await deputyChain(db, userId, at);
  return chain[chain.length - 1]!;
}

/** The user followed by every deputy the work passes through (the last one acts). */
export async function deputyChain(db: Db, userId: string, at: string): Promise<string[]> {
  const chain = [userId];
  for (let i = 0; i < MAX_CHAIN; i++) {
    const current = chain[chain.length - 1]!;
    const [absence] = await repo.absencesAt(db, [current], at);
    if (!absence || chain.includes(absence.deputyId)) break;
    const [deputy] = await repo.findPeople(db, [absence.deputyId]);
    if (!deputy || deputy.active !== 1) break;
    chain.push(deputy.id);
  }
  return chain;
}

/** Whether the user is away at `at`. */
export async function isAbsent(db: Db, userId: string, at: string): Promise<boolean> {
  return (await repo.absencesAt(db, [userId], at)).length > 0;
}

/** The people `deputyId` acts for at `at` (directly or down a chain of deputies), not counting themself. */
export async function actingFor(db: Db, deputyId: string, at: string): Promise<string[]> {
  const candidates = new Set<string>();
  let frontier = [deputyId];
  for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
    const absences = await repo.absencesWithDeputyAt(db, frontier, at);
    frontier = [];
    for (const absence of absences) {
      if (absence.userId === deputyId || candidates.has(absence.userId)) continue;
      candidates.add(absence.userId);
      frontier.push(absence.userId);
    }
  }
  const result: string[] = [];
  for (const id of candidates) if ((await actingPersonFor(db, id, at)) === deputyId) result.push(id);
  return result;
}

/** Which of these users are away at `at` (one query, for the common case where nobody is). */
export async function absentAmong(db: Db, userIds: string[], at: string): Promise<string[]> {
  return [...new Set((await repo.absencesAt(db, userIds, at)).map((a) => a.userId))];
}
