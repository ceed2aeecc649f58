import type { GateResult } from '@roadstop/core';
import type { SlackMessage } from './limits.js';
import { escapeMrkdwn, slackLink } from './mrkdwn.js';
import { resultReportBlocks, resultSummaryBlock, section, type Block } from './results.js';
import type { Story } from './story.js';

/*
 * The built-in Block Kit messages of a deployment. The parent message is its
 * current state (title and status, environment, version, commit, who, how
 * long, the canary's step and weight, the gates' lines); each later event
 * replies in its thread with what happened (its line, the gates' reports).
 * Every value from the event or the inputs is escaped: it reads as it was
 * and can neither link nor mention.
 */

/** The message the lifecycle keeps up to date: posted by `started`, updated by every later event. */
export function parentMessage(story: Story, results: readonly GateResult[]): SlackMessage {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: headerText(story), emoji: true } }];
  const fields = factFields(story);
  if (fields.length > 0) blocks.push({ type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) });
  if (story.commit.message) blocks.push(section(`*Commit* ${slackLink(story.commit.url, story.commit.short || 'commit')}${story.commit.author ? ` by ${escapeMrkdwn(story.commit.author)}` : ''}\n${escapeMrkdwn(story.commit.message)}`));
  if (story.text) blocks.push(section(escapeMrkdwn(story.text)));
  if (results.length > 0) blocks.push(resultSummaryBlock(results));
  blocks.push(...linkBlocks(story));
  return { text: escapeMrkdwn(story.headline), blocks };
}

/** A later event's entry in the parent's thread: what happened, and the gates' reports. */
export function replyMessage(story: Story, results: readonly GateResult[]): SlackMessage {
  const canary = canaryText(story);
  const lines = [`${story.icon} *${escapeMrkdwn(capitalize(story.status || story.event))}*${canary ? ` · ${escapeMrkdwn(canary)}` : ''}${story.duration ? ` · ${story.duration}` : ''}`];
  if (story.text) lines.push(escapeMrkdwn(story.text));
  const blocks: Block[] = [section(lines.join('\n'))];
  if (results.length > 0) blocks.push(resultSummaryBlock(results), ...resultReportBlocks(results));
  blocks.push(...linkBlocks(story));
  return { text: escapeMrkdwn(`${story.icon} ${capitalize(story.status || story.event)}${story.text ? `: ${story.text}` : ''}`), blocks };
}

/** The reports alone, as the reply under a freshly posted message. */
export function detailsMessage(story: Story, results: readonly GateResult[]): SlackMessage {
  return { text: escapeMrkdwn(`${story.icon} Road stops: ${results.length}`), blocks: resultReportBlocks(results) };
}

/** One message with everything, where there is no thread to put details in (an incoming webhook). */
export function standaloneMessage(story: Story, results: readonly GateResult[]): SlackMessage {
  const parent = parentMessage(story, results);
  const blocks = parent.blocks as Block[];
  const context = blocks.at(-1)?.type === 'context' ? blocks.pop() : undefined;
  blocks.push(...resultReportBlocks(results), ...(context ? [context] : []));
  return parent;
}

function headerText(story: Story): string {
  const weight = story.event === 'progress' && story.canary.weight !== '' ? ` · ${story.canary.weight}%` : '';
  return escapeMrkdwn(`${story.headline}${weight}`);
}

function factFields(story: Story): string[] {
  const fields: string[] = [];
  const add = (label: string, value: string) => {
    if (value) fields.push(`*${label}*\n${value}`);
  };
  if (story.status) add('Status', `${story.icon} ${escapeMrkdwn(story.status)}`);
  add('Environment', escapeMrkdwn(story.environment));
  add('Version', escapeMrkdwn(story.version));
  add('Commit', story.commit.short ? slackLink(story.commit.url, story.commit.short) : '');
  add('Author', escapeMrkdwn(story.commit.author));
  add('Triggered by', escapeMrkdwn(story.actor));
  add('Duration', story.duration);
  add('Canary', escapeMrkdwn(canaryText(story)));
  return fields;
}

function canaryText(story: Story): string {
  const { step, weight } = story.canary;
  if (!step && weight === '') return '';
  return [step ? `step ${step}` : '', weight !== '' ? `${weight}% of traffic` : ''].filter(Boolean).join(' · ');
}

function linkBlocks(story: Story): Block[] {
  const links: string[] = [];
  if (story.run.url) links.push(slackLink(story.run.url, `${story.run.workflow || 'Run'}${story.run.number ? ` #${story.run.number}` : ''}`));
  if (story.pull_request.url) links.push(slackLink(story.pull_request.url, `PR #${story.pull_request.number}`));
  if (story.compare_url) links.push(slackLink(story.compare_url, 'Compare'));
  if (story.repository) links.push(slackLink(story.repository_url, story.repository));
  return links.length > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: links.join(' · ') }] }] : [];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
