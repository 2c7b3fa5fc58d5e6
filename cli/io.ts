/** What a command may touch outside the core: its output streams, environment and working folder. */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is a terminal (progress bars); false in pipes and tests. */
  isTty: boolean;
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_CONTENT = 1;
export const EXIT_FAILURE = 2;
