const FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Server-rendered timestamps in UTC: the same text on server and client, whatever the viewer's zone. */
export function DateTime({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{FORMAT.format(value)} UTC</time>;
}
