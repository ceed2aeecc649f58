import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '@roadstop/testing';
import { BLOCK_KIT_LIMITS, codeBlock, cutText, escapeMrkdwn, fitBlockKit, slackLink } from '../src/index.js';

// How Slack shows a text, from the fake's model of it: sequences first, then entities.
const shown = async (text: string) => {
  const slack = await startFakeSlack();
  try {
    return slack.render({ text });
  } finally {
    await slack.close();
  }
};

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel> deploy', '&lt;!channel&gt; deploy'],
    ['<https://evil|click>', '&lt;https://evil|click&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt; already', '&amp;lt; already'],
    ['"quotes" and\nnewlines', '"quotes" and\nnewlines'],
  ])('%j → %j', (text, expected) => {
    expect(escapeMrkdwn(text)).toBe(expected);
  });

  it('reads as it was, without a link or a mention', async () => {
    const text = 'Fix "login" & <!channel> <https://evil.example|click> <@U123> &amp;';
    const rendered = await shown(escapeMrkdwn(text));
    expect(rendered).toEqual({ text, mentions: [], links: [] });
  });
});

describe('slackLink', () => {
  it.each([
    ['https://github.com/o/r/commit/abc', 'abc', '<https://github.com/o/r/commit/abc|abc>'],
    ['https://x.example/a?b=1|2', 'x > y', '<https://x.example/a?b=1%7C2|x &gt; y>'],
    ['javascript:alert(1)', 'run', 'run'],
    [undefined, 'no link', 'no link'],
  ])('%s, %s → %s', (url, label, expected) => {
    expect(slackLink(url, label)).toBe(expected);
  });
});

describe('cutText', () => {
  it('leaves text that fits', () => {
    expect(cutText('short', 10)).toEqual({ text: 'short', cut: 0 });
  });

  it('cuts to the limit with a marker that says how much', () => {
    const { text, cut } = cutText('x'.repeat(5000), 3000);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/✂ [\d,]+ more characters cut \(Slack takes 3,000 here\)$/);
    expect(text.length - text.indexOf('\n✂') + cut).toBeGreaterThan(0);
    expect(5000 - cut).toBe(text.indexOf('\n✂'));
  });

  it.each([
    ['an entity', `${'x'.repeat(90)}&amp;${'y'.repeat(100)}`, /&(?!amp;)/],
    ['a link', `${'x'.repeat(85)}<https://example.com/long/path|label>${'y'.repeat(100)}`, /<[^>]*$/m],
    ['a surrogate pair', `${'x'.repeat(93)}${'😀'.repeat(60)}`, /[\ud800-\udbff](?![\udc00-\udfff])/],
  ])('never through %s', (_what, text, broken) => {
    const { text: cut } = cutText(text, 150);
    expect(cut.length).toBeLessThanOrEqual(150);
    expect(cut.slice(0, cut.indexOf('\n✂'))).not.toMatch(broken);
  });

  it('closes a code block the cut left open', () => {
    const { text } = cutText(codeBlock('line\n'.repeat(1000)), 3000);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect((text.match(/```/g) ?? []).length).toBe(2);
  });
});

describe('codeBlock', () => {
  it('keeps a report inside its block, whatever backticks and brackets it holds', () => {
    const block = codeBlock('``` <!here> & done');
    expect(block.startsWith('```\n') && block.endsWith('\n```')).toBe(true);
    expect(block.slice(3, -3)).not.toContain('```');
    expect(block).toContain('&lt;!here&gt; &amp; done');
  });
});

describe('fitBlockKit', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('cuts what Slack would refuse, with a visible marker, and Slack takes the result', async () => {
    const message = {
      text: 't'.repeat(50_000),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'H'.repeat(400) } },
        section('s'.repeat(5000)),
        { type: 'section', fields: Array.from({ length: 14 }, (_, index) => ({ type: 'mrkdwn', text: `${index}`.repeat(2500) })) },
        ...Array.from({ length: 60 }, (_, index) => section(`block ${index}`)),
      ],
    };
    const { message: fitted, cuts } = fitBlockKit(message);
    const blocks = fitted.blocks as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[];
    expect(blocks).toHaveLength(BLOCK_KIT_LIMITS.blocks);
    expect(blocks.at(-1)!.elements![0]!.text).toBe('✂ 14 more blocks cut (Slack shows at most 50 in a message)');
    expect(blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
    expect(blocks[0]!.text!.text).toMatch(/^H+ ✂ [\d,]+ more characters cut/);
    expect(blocks[1]!.text!.text.length).toBeLessThanOrEqual(3000);
    expect(blocks[2]!.fields).toHaveLength(10);
    expect(blocks[2]!.fields!.at(-1)!.text).toBe('✂ 5 more fields cut (Slack shows 10)');
    for (const field of blocks[2]!.fields!) expect(field.text.length).toBeLessThanOrEqual(2000);
    expect((fitted.text as string).length).toBeLessThanOrEqual(40_000);
    expect(cuts).toEqual(expect.arrayContaining([expect.stringMatching(/^text: 50,000 characters, cut to 39,9\d\d$/), 'blocks: 63 blocks, 14 cut', expect.stringMatching(/^blocks\[1\]\.text: 5,000 characters/)]));
    // The original is left as it was.
    expect(message.blocks).toHaveLength(63);

    const slack = await startFakeSlack();
    try {
      slack.addChannel('deploys');
      const post = (body: unknown) => fetch(`${slack.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${slack.token}` }, body: JSON.stringify(body) }).then((response) => response.json());
      expect(await post({ channel: '#deploys', ...message })).toMatchObject({ ok: false, error: 'msg_too_long' });
      expect(await post({ channel: '#deploys', ...message, text: 'short' })).toMatchObject({ ok: false, error: 'invalid_blocks' });
      expect(await post({ channel: '#deploys', ...fitted })).toMatchObject({ ok: true });
    } finally {
      await slack.close();
    }
  });

  it('keeps nine context elements and says how many more were cut', () => {
    const { message, cuts } = fitBlockKit({ blocks: [{ type: 'context', elements: Array.from({ length: 12 }, (_, index) => ({ type: 'mrkdwn', text: `e${index}` })) }] });
    const elements = (message.blocks as { elements: { text: string }[] }[])[0]!.elements;
    expect(elements.map((element) => element.text)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', '✂ 3 more cut']);
    expect(cuts).toEqual(['blocks[0].elements: 12 elements, 3 cut']);
  });

  it('leaves a message within the limits as it is', () => {
    const message = { text: 'ok', blocks: [section('fine')] };
    expect(fitBlockKit(message)).toEqual({ message, cuts: [] });
  });
});
