/**
 * What differs between the payload HubSpot last confirmed and the one the next sync builds, property
 * by property. A property the next sync does not send (its level disabled, or withheld because of
 * drift) is listed with `next: null`: HubSpot keeps the old value, which is worth seeing.
 */
export interface PayloadDifference {
  property: string;
  /** null: never confirmed for this property. */
  lastSent: string | null;
  /** null: the next sync does not send this property. */
  next: string | null;
}

export function diffPayload(
  lastSent: Readonly<Record<string, string>> | null,
  next: Readonly<Record<string, string>> | null,
): PayloadDifference[] {
  const last = lastSent ?? {};
  const upcoming = next ?? {};
  // The next payload's order (levels in CEFR order, then the globals), then properties only the old one had.
  const names = [
    ...Object.keys(upcoming),
    ...Object.keys(last)
      .filter((name) => !(name in upcoming))
      .sort(),
  ];
  return names.flatMap((property) => {
    const before = Object.hasOwn(last, property) ? (last[property] ?? null) : null;
    const after = Object.hasOwn(upcoming, property) ? (upcoming[property] ?? null) : null;
    return before === after ? [] : [{ property, lastSent: before, next: after }];
  });
}
