/** The world the CLI talks to, passed in so tests run it in-process. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  color: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}
