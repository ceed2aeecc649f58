import type { Stop, Trip } from './store';

/** The distance of a trip: the farthest stop, since stops are kilometres from the start. */
export function tripLength(trip: Trip): number {
  return trip.stops.reduce((farthest, stop) => Math.max(farthest, stop.km), 0);
}

/** How many stops of each kind a trip has, for the stops page's legend. */
export function stopsByKind(trip: Trip): Record<Stop['kind'], number> {
  const counts: Record<Stop['kind'], number> = { fuel: 0, food: 0, sight: 0, sleep: 0 };
  for (const stop of trip.stops) counts[stop.kind]++;
  return counts;
}

/** The longest stretch between two stops, so a driver knows where to refuel. */
export function longestGap(trip: Trip): number {
  const marks = [0, ...trip.stops.map((stop) => stop.km).sort((a, b) => a - b)];
  let longest = 0;
  for (let index = 1; index < marks.length; index++) longest = Math.max(longest, marks[index] - marks[index - 1]);
  return longest;
}

/** Days a trip takes at a daily distance, with a rest day after every `restEvery` days. */
export function tripDays(trip: Trip, perDay: number, restEvery = 0): number {
  if (perDay <= 0) throw new Error('perDay must be positive');
  const driving = Math.ceil(tripLength(trip) / perDay);
  if (restEvery <= 0) return driving;
  return driving + Math.floor((driving - 1) / restEvery);
}
