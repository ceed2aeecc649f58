// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.
import { promises as fsp } from 'node:fs';
import { checkNesting, confinedPath, ConfigurationError, parseYamlData, readRegularFile, YamlSyntaxError, type ErrorLocation } from '@roadstop/core';
import type { PayloadSource } from './inputs.js';
import type { SlackMessage } from './limits.js';

/** A message file larger than this is not a Slack message (Slack refuses 40,000 characters of text). */
const MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface LoadedPayload {
  message: SlackMessage;
  /** Where it came from, for messages about it: the input, and the file. */
  where: ErrorLocation;
}

/** The custom payload of `payload` (its text) or `payload-file` (a file in the workspace), parsed. */
export async function loadPayload(source: PayloadSource, workspace: string): Promise<LoadedPayload> {
  if (source.input === 'payload') {
    const where = { input: 'payload' };
    return { message: parsePayload(source.value, where), where };
  }
  const where = { input: 'payload-file', file: source.value };
  const path = await confinedPath(workspace, source.value, where, { what: 'the payload file' });
  let text: string;
  try {
    const { size } = await fsp.stat(path);
    if (size > MAX_PAYLOAD_BYTES) throw new ConfigurationError(`is ${size.toLocaleString('en-US')} bytes, more than a Slack message can be`, where, 'point it at the message, not at data');
    text = await readRegularFile(path, where, 'the payload file');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`, where, 'give a path in the workspace to a JSON or YAML message');
  }
  return { message: parsePayload(text, where), where };
}

/**
 * A Slack message written as JSON or YAML (YAML reads JSON too, but JSON's
 * own parser says more precisely where a brace is missing). It must be an
 * object with text, blocks or attachments: anything else Slack refuses.
 */
export function parsePayload(text: string, where: ErrorLocation): SlackMessage {
  if (text.trim() === '') throw new ConfigurationError('is empty', where, 'give a JSON or YAML message with text or blocks');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (jsonError) {
    try {
      data = parseYamlData(text, where);
    } catch (yamlError) {
      if (!(yamlError instanceof YamlSyntaxError)) throw yamlError;
      const line = yamlError.location.line;
      const looksLikeJson = /^\s*[{[]/.test(text);
      throw new ConfigurationError(
        `is neither JSON nor YAML: ${looksLikeJson ? `JSON: ${describeJsonError(jsonError)}` : `YAML${line ? ` (line ${line})` : ''}: ${yamlError.detail}`}`,
        { ...where, ...(line && !looksLikeJson ? { line } : {}) },
        'write the message as JSON or YAML; a value that holds quotes or line breaks belongs in a {{ variable }}, not pasted into the text',
      );
    }
  }
  checkNesting(data, where, 'a Slack message is a few levels deep');
  return checkMessage(data, where);
}

/** A parsed payload that Slack would take as a message: an object with text, blocks or attachments. */
function checkMessage(data: unknown, where: ErrorLocation): SlackMessage {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigurationError(`is ${Array.isArray(data) ? 'a list' : data === null ? 'empty' : `a ${typeof data}`}, not a message: neither JSON nor YAML of an object`, where, 'write an object with text or blocks, e.g. {"text": "deployed"}');
  }
  const message = data as SlackMessage;
  if (!('text' in message) && !('blocks' in message) && !('attachments' in message)) {
    throw new ConfigurationError('has neither text nor blocks (nor attachments), which Slack refuses as no_text', where, 'add text, blocks, or both');
  }
  return message;
}

/** JSON.parse's own words without the text it quotes (the payload may hold anything). */
function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /(?:line (\d+) column (\d+))|(?:position (\d+))/.exec(message);
  return at ? (at[1] ? `invalid at line ${at[1]}, column ${at[2]}` : `invalid at character ${at[3]}`) : 'invalid';
}
