import { worstStatus, type GateResult, type ResultFile } from '@roadstop/core';
import { gateNamed, renderGateTerminal } from '@roadstop/gates';
import { formatChange, formatFigure, mapResultStrings, removeInvisible, STATUS_ICON, truncateCodePoints } from '@roadstop/render';
import { codeBlock, escapeMrkdwn } from './mrkdwn.js';
import type { Story } from './story.js';

/** Longest string kept from a result file: a headline or a file name, not a page. */
const MAX_RESULT_TEXT = 500;

export type Block = Record<string, unknown>;

/**
 * The roadstop results of a deployment, as Slack shows them: a line per gate
 * in the message (its title from the registry, status, main figure and
 * change, headline) and each gate's own report under it, rendered by the
 * gate's renderer from the registry (or the generic one for a gate this build
 * does not know): a new gate needs no change here. Result files may come
 * from a fork's run, so every string is cleaned of invisible characters,
 * shortened, and escaped where it lands.
 */
export function prepareResults(files: readonly ResultFile[]): GateResult[] {
  return files.map(({ result }) => mapResultStrings(result, (text, isKey) => truncateCodePoints(removeInvisible(text), isKey ? 100 : MAX_RESULT_TEXT)));
}

/** One line per gate, as plain text (escaped where it is placed): `✅ Coverage 84.5% (+0.5 pt): lines 84.5% of 80%`. */
export function resultLine(result: GateResult): string {
  const { title, rest } = lineParts(result);
  return `${STATUS_ICON[result.status]} ${title}${rest}`;
}

function lineParts(result: GateResult): { title: string; rest: string } {
  const main = result.checks[0];
  const figure = main ? ` ${formatFigure(main.value, main.unit)}${main.baseline !== undefined ? ` (${formatChange(main)})` : ''}` : '';
  return { title: gateNamed(result.gate)?.title ?? result.gate, rest: `${figure}: ${result.headline}` };
}

/** What `{{ results.* }}` and the templates know of the results: the worst status, how many, a line each. */
export function summarizeResults(results: readonly GateResult[]): Story['results'] {
  return {
    status: results.length > 0 ? worstStatus(results.map((result) => result.status)) : '',
    count: results.length,
    summary: results.map(resultLine).join('\n'),
  };
}

/** The line of each gate, in one section: `*Road stops*` and a line each, the gate's title in bold. */
export function resultSummaryBlock(results: readonly GateResult[]): Block {
  const lines = results.map((result) => {
    const { title, rest } = lineParts(result);
    return `${STATUS_ICON[result.status]} *${escapeMrkdwn(title)}*${escapeMrkdwn(rest)}`;
  });
  return section(`*Road stops* (${results.length})\n${lines.join('\n')}`);
}

/** Each gate's own report, as its renderer prints it, in a code block of its own. */
export function resultReportBlocks(results: readonly GateResult[]): Block[] {
  return results.map((result) => section(codeBlock(renderGateTerminal(result, { color: false }).trimEnd())));
}

export function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}
