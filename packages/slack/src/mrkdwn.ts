/*
 * Slack's text as Slack parses it: `&`, `<` and `>` are its control
 * characters (`<https://x|label>` is a link, `<!channel>` a mention, `&lt;`
 * an escaped `<`). Text that is data, such as a commit message, gets those
 * three as entities and nothing else: Slack decodes exactly these and shows
 * the text as it was, inert.
 */

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text made inert in a Slack text object: no link, mention or entity survives, and it reads as it was. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (char) => ENTITY[char]!);
}

/** An http(s) URL made safe inside `<url|label>`: the characters that would end or split it, percent-encoded. */
export function escapeUrl(url: string): string {
  return url.replace(/[<>| ]/g, (char) => encodeURIComponent(char));
}

/** `<url|label>` for an http(s) URL, the label alone for anything else. */
export function slackLink(url: string | undefined, label: string): string {
  if (!url || !/^https?:\/\//i.test(url)) return escapeMrkdwn(label);
  return `<${escapeUrl(url)}|${escapeMrkdwn(label)}>`;
}

/** Text set as code, whatever backticks it holds: a run of three would end the block early. */
export function codeBlock(text: string): string {
  return `\`\`\`\n${escapeMrkdwn(text.replace(/`{3,}/g, (run) => run.split('').join('\u200b')))}\n\`\`\``;
}

export interface Cut {
  text: string;
  /** Characters of the original left out (0 when it fit). */
  cut: number;
}

/**
 * Fit Slack text into `max` characters (UTF-16 units, as Slack counts), with
 * a visible marker saying how much was left out. Never cut through a
 * surrogate pair, an entity (`&amp;`) or a `<…>` link or mention, and close a
 * code block the cut left open, so what remains renders as what it was.
 */
export function cutText(text: string, max: number): Cut {
  if (text.length <= max) return { text, cut: 0 };
  const marker = (left: number) => `\n✂ ${left.toLocaleString('en-US')} more characters cut (Slack takes ${max.toLocaleString('en-US')} here)`;
  const fence = '\n```';
  // The marker for the whole text is the longest it can be: room for it and a closing fence.
  let keep = Math.max(0, max - marker(text.length).length - fence.length);
  if (keep > 0 && isHighSurrogate(text.charCodeAt(keep - 1))) keep--;
  const head = text.slice(0, keep);
  const openEntity = /&[a-z]{0,5}$/i.exec(head);
  if (openEntity) keep -= openEntity[0].length;
  const lastOpen = text.lastIndexOf('<', keep - 1);
  if (lastOpen !== -1 && text.lastIndexOf('>', keep - 1) < lastOpen) keep = lastOpen;
  let kept = text.slice(0, keep);
  if ((kept.match(/```/g) ?? []).length % 2 === 1) kept += fence;
  return { text: `${kept}${marker(text.length - keep)}`, cut: text.length - keep };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
