import type { ConfigSection } from './config.js';
import type { OptionDefinitions } from './config-options.js';
import type { ResultRanges } from './result-check.js';
import type { BaselineSpec, FailOn } from './gate-common.js';
import type { BaselineInfo, GateResult, ResultMessage } from './result.js';

/**
 * A gate, as data: everything the root action, the CLI, the single-gate
 * actions, the PR comment and Slack need to know about it. Each gate package
 * exports one; the registry (packages/gates) lists them once.
 */
export interface GateDescriptor<Options extends GateOptionsBase = GateOptionsBase, Input extends string = string> {
  /** The gate's name: its config section, its action folder, its CLI command, `roadstop-<name>` artifacts. */
  name: string;
  /** A heading for people, e.g. `Bundle budget`. */
  title: string;
  /** One line for `roadstop --help`. */
  summary: string;
  /** The gate's own inputs, in action.yml order (the common ones, config and STEP_INPUTS, are added by the edge). */
  inputs: readonly Input[];
  /** What the edge must know of an input before anything reads it: `secret: true` is masked first thing in the step. */
  inputDefinitions?: Partial<Record<Input, InputDefinition>>;
  /** The gate's own outputs beyond `status` and `report`. */
  outputs: readonly string[];
  /**
   * Its config section's keys: the config file refuses any other and checks
   * types and ranges by them before resolveOptions; the JSON Schema is written
   * from them. A key that is also an input bears the input's name.
   */
  options: OptionDefinitions;
  /** The ranges of the numbers its run reads back from a baseline result, which the result schema cannot say per gate. */
  resultRanges?: ResultRanges;
  /** Inputs (as given, absent when empty) over the config section, validated: every mistake a ConfigurationError. */
  resolveOptions(section: ConfigSection, inputs: Partial<Record<Input, string>>, workspace: string): Options;
  /**
   * Secret values in the resolved options, wherever they came from: the edge masks them (`::add-mask::`) before the
   * run, so a secret written in the config file (canary-watch's `http-headers`) is masked as an input's is.
   */
  secretsOf?(options: Options): string[];
  /** Measure and judge. Never throws for a failing check: that is a result with status fail. */
  run(options: Options, env: GateEnv): Promise<GateResult>;
  /** Values of `outputs`, from the result alone. */
  outputValues(result: GateResult): Record<string, string | number | undefined>;
  /** Job summary and PR comment block; ends with a blank-line-safe block. */
  renderMarkdown(result: GateResult): string;
  /** The CLI's report. */
  renderTerminal(result: GateResult, options: { color: boolean }): string;
  cli: GateCli<Input>;
  /** Not run by the root action or `roadstop run`: the gate is a step of its own (e.g. canary-watch's 15-minute watch). */
  ownStep?: boolean;
}

/** How the edge treats one input of a gate. */
export interface InputDefinition {
  /** Mask the value (each of its lines too) with `::add-mask::` before anything runs, and keep it out of the result. */
  secret?: boolean;
  /**
   * With `secret`: the secret parts of a value that is not secret as a whole (a header's value, a URL's
   * password), masked instead of the whole value. Must not throw: a malformed value is the gate's to refuse later.
   */
  secretParts?(value: string): string[];
}

/** Options every gate resolves, beside its own. */
export interface GateOptionsBase {
  workspace: string;
  failOn: FailOn;
  baseline: BaselineSpec;
}

/** How the CLI command of a gate reads its arguments, mapped onto the action's inputs. */
export interface GateCli<Input extends string = string> {
  /** `roadstop <name> --help`. */
  help: string;
  /** Positional arguments join (one per line) into this input, e.g. bundle-budget's `path`. */
  positional?: Input;
  /** Inputs that are flags on the command line (`--allow-empty` → 'true'). */
  flags?: readonly Input[];
  /** Inputs that may repeat (`--path a --path b` → 'a\nb'). */
  repeatable?: readonly Input[];
  /** Inputs that the CLI does not offer (e.g. artifact-only ones). */
  hidden?: readonly Input[];
}

/** What differs between an action step and a laptop: given to `run` by the edge that runs the gate. */
export interface GateEnv {
  where: 'action' | 'cli';
  workspace: string;
  /** A folder of the gate's own for scratch files and reports (RUNNER_TEMP/roadstop/<gate> or a temp folder). */
  scratch: string;
  /** The baseline, already acquired (or being acquired) by the edge. */
  baseline?: BaselineInput | Promise<BaselineInput | undefined>;
  /** Messages from the edge (baseline lookups, notices) to keep in the result. */
  messages: ResultMessage[];
  commit?: string;
  ref?: string;
  /** Progress for the log (core.info in an action, stderr in the CLI). */
  log(text: string): void;
  /** The lines changed against `base` (or the pull request's base); git first, then the PR files API in an action. */
  changes(base: string | undefined): Promise<ChangeSource>;
  /** Upload files as a workflow artifact (the action); the CLI leaves them where they are and says so. */
  uploadArtifact(name: string, files: string[], root: string): Promise<string | undefined>;
  /**
   * The name of the step's result artifact (its input artifact-name): a gate names any other artifact after it
   * (`<artifactName>-reports`), so two calls with their own artifact-name (gates.yml's artifact-prefix) do not collide.
   */
  artifactName?: string;
  /** Secrets the step knows, to be kept out of anything the gate writes. */
  secrets: readonly string[];
}

export interface BaselineInput {
  result: GateResult;
  info: BaselineInfo;
  /** The base branch's own result, fetched from its run's artifact: the only baseline whose sizes are reused by hash. */
  fromBaseRun?: boolean;
}

/** Lines added or changed, per workspace-relative file. */
export type ChangedLines = Map<string, Set<number>>;

/** Where the changed lines came from, or why there are none. */
export type ChangeSource = { lines: ChangedLines; base: string; via: 'git' | 'api' } | { unavailable: string };
