/** `[app] …` style output for the demo's children; colours only on a terminal (and never with NO_COLOR). */
const COLORS = { demo: 33, postgres: 34, auth: 36, hubspot: 35, app: 32, build: 32 } as const;

export type OutputName = keyof typeof COLORS;

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

export function tag(name: OutputName): string {
  return useColor ? `\x1b[${COLORS[name]}m[${name}]\x1b[0m` : `[${name}]`;
}

// CSI sequences such as next's "show cursor" on exit, which would otherwise print as a stray line.
const CONTROL_SEQUENCE = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function printer(name: OutputName): (line: string) => void {
  const prefix = tag(name);
  return (line) => {
    if (line.length > 0 && line.replace(CONTROL_SEQUENCE, "").trim() === "") return;
    process.stdout.write(`${prefix} ${line}\n`);
  };
}
