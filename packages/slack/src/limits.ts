import { isRecord } from '@roadstop/core';
import { cutText } from './mrkdwn.js';

/** What Slack refuses a message over (invalid_blocks, msg_too_long), from its Block Kit reference. */
export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  /** chat.postMessage's `text`: longer is refused as msg_too_long. */
  messageText: 40_000,
} as const;

export type SlackMessage = Record<string, unknown>;

export interface FittedMessage {
  message: SlackMessage;
  /** What was cut, for the log: `blocks[3].text: 4,210 characters, cut to 3,000`. */
  cuts: string[];
}

type Json = Record<string, unknown>;

/**
 * A message within Block Kit's limits, checked before it is sent: what is too
 * long is cut with a visible marker in the message itself, never left for
 * Slack to refuse. Blocks beyond 50 are replaced by one that says how many
 * were left out, fields and context elements beyond 10 by one that says so. The message is
 * copied, never changed in place.
 */
export function fitBlockKit(message: SlackMessage): FittedMessage {
  const cuts: string[] = [];
  const copy = structuredClone(message);
  if (typeof copy.text === 'string') copy.text = fitText(copy.text, BLOCK_KIT_LIMITS.messageText, 'text', cuts);
  if (Array.isArray(copy.blocks)) copy.blocks = fitBlocks(copy.blocks, 'blocks', cuts);
  if (Array.isArray(copy.attachments)) {
    copy.attachments.forEach((attachment: unknown, index) => {
      if (isRecord(attachment) && Array.isArray(attachment.blocks)) attachment.blocks = fitBlocks(attachment.blocks, `attachments[${index}].blocks`, cuts);
    });
  }
  return { message: copy, cuts };
}

function fitBlocks(blocks: unknown[], path: string, cuts: string[]): unknown[] {
  const kept = capList(blocks, BLOCK_KIT_LIMITS.blocks, `${path}: ${blocks.length} blocks`, cuts, (left) => ({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `✂ ${left} more blocks cut (Slack shows at most ${BLOCK_KIT_LIMITS.blocks} in a message)` }],
  }));
  return kept.map((block, index) => (isRecord(block) ? fitBlock(block, `${path}[${index}]`, cuts) : block));
}

function fitBlock(block: Json, path: string, cuts: string[]): Json {
  switch (block.type) {
    case 'header':
      fitTextObject(block.text, BLOCK_KIT_LIMITS.headerText, `${path}.text`, cuts);
      break;
    case 'section':
      fitTextObject(block.text, BLOCK_KIT_LIMITS.sectionText, `${path}.text`, cuts);
      fitList(block, 'fields', `${path}.fields`, cuts);
      break;
    case 'context':
      fitList(block, 'elements', `${path}.elements`, cuts);
      break;
    default:
      break;
  }
  return block;
}

/** A section's fields and a context's elements: how many, how long each, and what the last says when some are cut. */
const LISTS = {
  fields: [BLOCK_KIT_LIMITS.fields, BLOCK_KIT_LIMITS.fieldText, `fields cut (Slack shows ${BLOCK_KIT_LIMITS.fields})`],
  elements: [BLOCK_KIT_LIMITS.contextElements, BLOCK_KIT_LIMITS.contextText, 'cut'],
} as const;

function fitList(block: Json, key: keyof typeof LISTS, path: string, cuts: string[]): void {
  const [max, maxText, marker] = LISTS[key];
  const list = block[key];
  if (!Array.isArray(list)) return;
  block[key] = capList(list, max, `${path}: ${list.length} ${key}`, cuts, (left) => ({ type: 'mrkdwn', text: `✂ ${left} more ${marker}` }));
  (block[key] as unknown[]).forEach((item, index) => fitTextObject(item, maxText, `${path}[${index}]`, cuts));
}

/** At most `max` items, the last of them one that says how many were cut. */
function capList(list: unknown[], max: number, what: string, cuts: string[], filler: (left: number) => unknown): unknown[] {
  if (list.length <= max) return list;
  const left = list.length - (max - 1);
  cuts.push(`${what}, ${left} cut`);
  return [...list.slice(0, max - 1), filler(left)];
}

function fitTextObject(object: unknown, max: number, path: string, cuts: string[]): void {
  if (!isRecord(object) || typeof object.text !== 'string' || (object.type !== 'mrkdwn' && object.type !== 'plain_text')) return;
  // A header is one line: the marker goes on the same line there.
  const fitted = fitText(object.text, max, path, cuts);
  object.text = object.type === 'plain_text' ? fitted.replace(/\n(?=✂)/, ' ') : fitted;
}

function fitText(text: string, max: number, path: string, cuts: string[]): string {
  const { text: fitted, cut } = cutText(text, max);
  if (cut > 0) cuts.push(`${path}: ${text.length.toLocaleString('en-US')} characters, cut to ${fitted.length.toLocaleString('en-US')}`);
  return fitted;
}
