/**
 * The second of a run a timeline point belongs to, from 1, given the second of the part's previous point.
 * The engine's ticks land just after each whole second, never early but sometimes late (a busy machine), so
 * the second is the whole part of its tMs: rounding would take a tick late by half a second for the next
 * second and shift every later point of that part by one. A point always comes after its part's previous
 * one (a run's last, shorter interval ends just after the one before it).
 */
export function timelineSecond(tMs: number, previous: number): number {
  return Math.max(previous + 1, Math.floor(tMs / 1000));
}
