import type { ResultMessage } from '@roadstop/core';
import { coreIo, fail, getInput, info, reportError, setOutput, setSecret } from './io.js';
import { debug, getState, saveState } from './runner.js';

/** What an action that is not a gate (pr-staging-comment, slack-notify, canary-watch) gets from the edge. */
export interface ActionStep {
  /** An input, trimmed; '' when not given. */
  input(name: string): string;
  output(name: string, value: string | number | undefined): void;
  /** Mask a value in the log from now on. */
  secret(value: string): void;
  info(text: string): void;
  debug(text: string): void;
  annotate(message: ResultMessage): void;
  /** Append to the job summary (best-effort: a warning when the runner will not take it). */
  summary(markdown: string): Promise<void>;
  /** Fail the step with one line, without throwing. */
  fail(text: string): void;
  /** Keep a value for the action's post step (GITHUB_STATE); `state` reads it there. */
  saveState(name: string, value: string): void;
  state(name: string): string;
}

/**
 * Run a non-gate action's body with the runner's protocol; any error it
 * throws is reported once (a ConfigurationError on its input, file and line,
 * the runner's problems as such, anything else as a bug), never as a stack.
 */
export async function runActionStep(name: string, body: (step: ActionStep) => Promise<void>): Promise<void> {
  const prefix = `roadstop ${name}`;
  const io = coreIo(prefix);
  const step: ActionStep = {
    input: getInput,
    output: (output, value) => setOutput(output, value === undefined ? '' : String(value)),
    secret: setSecret,
    info,
    debug,
    annotate: (message) => io.annotate(message),
    summary: (markdown) => io.summary(markdown),
    fail: (text) => fail(`${prefix}: ${text}`),
    saveState,
    state: getState,
  };
  try {
    await body(step);
  } catch (error) {
    reportError(prefix, error);
  }
}
