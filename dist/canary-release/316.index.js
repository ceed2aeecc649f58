export const id = 316;
export const ids = [316];
export const modules = {

/***/ 49316:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SLACK_RELEASE_INPUTS: () => (/* binding */ SLACK_RELEASE_INPUTS),
  slackLifecycle: () => (/* binding */ slackLifecycle)
});

// EXTERNAL MODULE: ./packages/slack/src/errors.ts
var errors = __webpack_require__(9257);
// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
;// CONCATENATED MODULE: ./packages/slack/src/inputs.ts


/** A deployment's story, event by event: `started` posts the message, the others update it and reply in its thread. */
const EVENTS = ['started', 'progress', 'succeeded', 'failed', 'rolled-back', 'custom'];
const DEFAULT_API_URL = 'https://slack.com/api/';
/** slack-notify's inputs, in action.yml's order. */
const SLACK_INPUTS = (/* unused pure expression or super */ null && ([
    'webhook-url',
    'token',
    'channel',
    'event',
    'ts',
    'title',
    'environment',
    'version',
    'text',
    'canary-step',
    'canary-weight',
    'results',
    'payload',
    'payload-file',
    'env-allow',
    'api-url',
    'fail-on-error',
    'dry-run',
]));
const SLACK_OUTPUTS = (/* unused pure expression or super */ null && (['ts', 'channel', 'ok']));
const CHANNEL = /^[#@]?[\w.-]{1,80}$/;
/**
 * Every input read once and checked before any request: each mistake is one
 * ConfigurationError that names its input and says what to write instead.
 */
function readSlackInputs(input) {
    const token = input('token');
    const webhooks = splitValues(input('webhook-url'));
    const dryRun = booleanInput(input, 'dry-run', false);
    if (token && webhooks.length > 0) {
        throw new src/* ConfigurationError */.j1('both token and webhook-url are given', { input: 'webhook-url' }, 'give one: token (chat.postMessage, updates and threads) or webhook-url (one new message per event)');
    }
    const payload = readPayloadSource(input);
    const eventText = input('event') || (payload ? 'custom' : '');
    if (!eventText)
        throw new src/* ConfigurationError */.j1('is empty', { input: 'event' }, `say what happened: ${EVENTS.join(', ')} (custom sends payload or payload-file as it is)`);
    const event = (0,src/* oneOf */.yL)(eventText, EVENTS, { input: 'event' });
    if (event === 'custom' && !payload)
        throw new src/* ConfigurationError */.j1('custom sends a payload of your own, and neither payload nor payload-file is given', { input: 'event' }, 'give payload or payload-file, or one of the built-in events');
    const tsList = splitValues(input('ts'));
    const channels = splitValues(input('channel'));
    const toChannels = (names) => names.map((channel, index) => ({ kind: 'channel', channel, ...(tsList[index] ? { ts: tsList[index] } : {}) }));
    let transport;
    let destinations;
    if (token) {
        transport = { kind: 'token', token, apiUrl: readApiUrl(input('api-url')) };
        if (channels.length === 0)
            throw new src/* ConfigurationError */.j1('is empty, and the token needs one to post to', { input: 'channel' }, 'give a channel ID such as C0123456789 (or #name), one per line for several');
        for (const channel of channels) {
            if (!CHANNEL.test(channel))
                throw new src/* ConfigurationError */.j1(`'${channel}' is not a channel ID or name`, { input: 'channel' }, 'give a channel ID such as C0123456789, or #name');
        }
        if (tsList.length > 0 && tsList.length !== channels.length) {
            throw new src/* ConfigurationError */.j1(`has ${tsList.length} timestamps for ${channels.length} channels`, { input: 'ts' }, "pass the started step's outputs together: channel: ${{ steps.<id>.outputs.channel }} and ts: ${{ steps.<id>.outputs.ts }}");
        }
        destinations = toChannels(channels);
    }
    else if (webhooks.length > 0) {
        transport = { kind: 'webhook', urls: webhooks };
        destinations = webhooks.map((url, index) => {
            checkHttpUrl(url, 'webhook-url', 'the incoming webhook URL Slack gave, https://hooks.slack.com/services/\u2026');
            return { kind: 'webhook', url, label: webhooks.length === 1 ? 'the webhook' : `webhook ${index + 1}` };
        });
    }
    else if (dryRun) {
        transport = { kind: 'none' };
        destinations = toChannels(channels.length > 0 ? channels : ['(no channel)']);
    }
    else {
        throw new src/* ConfigurationError */.j1('neither token nor webhook-url is given: there is nowhere to send the message', { input: 'token' }, 'give token (a bot token, xoxb-\u2026, with chat:write) and channel, or webhook-url; dry-run: true prints the message without either');
    }
    if (tsList.length > 0) {
        if (transport.kind !== 'token') {
            throw new src/* ConfigurationError */.j1('is given without a token: only the Web API can update a message and reply in its thread', { input: 'ts' }, 'give token (and channel), or leave ts out: with webhook-url each event is a new message');
        }
        if (event === 'started')
            throw new src/* ConfigurationError */.j1('is given with event started, which posts a new message', { input: 'ts' }, 'leave ts out for started; give it to the later events (progress, succeeded, \u2026)');
        for (const ts of tsList) {
            if (!errors/* SLACK_TS */.xK.test(ts))
                throw new src/* ConfigurationError */.j1(`'${ts}' is not a Slack message timestamp (such as 1712345678.123456)`, { input: 'ts' }, "pass the started step's ts output");
        }
    }
    const weightText = input('canary-weight').replace(/%$/, '').trim();
    let weight;
    if (weightText) {
        weight = Number(weightText);
        if (!/^\d+(\.\d+)?$/.test(weightText) || weight > 100)
            throw new src/* ConfigurationError */.j1(`'${input('canary-weight')}' is not a share of traffic from 0 to 100`, { input: 'canary-weight' }, 'write the percentage the canary gets, e.g. 10 or 10%');
    }
    const step = input('canary-step');
    return {
        transport,
        destinations,
        event,
        ...optional('title', oneLine(input, 'title')),
        ...optional('environment', oneLine(input, 'environment')),
        ...optional('version', oneLine(input, 'version')),
        ...optional('text', input('text')),
        canary: { ...(step ? { step: oneLine(input, 'canary-step') } : {}), ...(weight !== undefined ? { weight } : {}) },
        results: (0,src/* splitList */.ry)(input('results')),
        ...(payload ? { payload } : {}),
        envAllow: readEnvAllow(input('env-allow')),
        failOnError: booleanInput(input, 'fail-on-error', true),
        dryRun,
    };
}
/** One value per line, or comma-separated: not splitList, which reads `#deploys` as a comment. */
function splitValues(text) {
    return text
        .split(/[\r\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
function readPayloadSource(input) {
    const text = input('payload');
    const file = input('payload-file');
    if (text && file)
        throw new src/* ConfigurationError */.j1('both payload and payload-file are given', { input: 'payload-file' }, 'give one of them');
    if (text)
        return { input: 'payload', value: text };
    if (file)
        return { input: 'payload-file', value: file };
    return undefined;
}
function readApiUrl(given) {
    const url = given || DEFAULT_API_URL;
    checkHttpUrl(url, 'api-url', `Slack's Web API, ${DEFAULT_API_URL}, or a proxy in front of it`);
    return url.endsWith('/') ? url : `${url}/`;
}
/** Never echoes the URL: a webhook URL is a secret. */
function checkHttpUrl(url, name, hint) {
    (0,src/* parseHttpUrlInput */.xh)(url, { input: name }, { hint: `give ${hint}`, echo: false });
}
/**
 * Variables no template reads, whatever env-allow says: the runner's own
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, RUNNER_*), the
 * step's inputs (INPUT_TOKEN is the bot token) and GitHub's (GITHUB_TOKEN;
 * the run's context is {{ github.\u2026 }}).
 */
const RUNNER_VARIABLE = /^(ACTIONS_|RUNNER_|INPUT_|GITHUB_)/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
function readEnvAllow(text) {
    const names = splitValues(text);
    for (const name of names) {
        if (!ENV_NAME.test(name))
            throw new src/* ConfigurationError */.j1(`'${JSON.stringify(name).slice(1, -1)}' is not an environment variable name`, { input: 'env-allow' }, 'name the variables of the step\'s env: a template may read, e.g. DEPLOY_URL, one per line');
        if (RUNNER_VARIABLE.test(name))
            throw new src/* ConfigurationError */.j1(`'${name}' is the runner's, GitHub's or an input's variable, which a template never reads`, { input: 'env-allow' }, 'set what the message needs in the step\'s env: under a name of your own (e.g. DEPLOY_URL: ${{ \u2026 }}) and name that; the run\'s context is {{ github.\u2026 }}');
    }
    return [...new Set(names)];
}
function booleanInput(input, name, fallback) {
    const value = input(name);
    return value ? (0,src/* parseBoolean */.yG)(value, { input: name }) : fallback;
}
function oneLine(input, name) {
    const value = input(name);
    if (/[\r\n]/.test(value))
        throw new src/* ConfigurationError */.j1('holds a line break; it is shown on one line', { input: name }, 'give one line');
    return value;
}
function optional(key, value) {
    return value ? { [key]: value } : {};
}

;// CONCATENATED MODULE: ./packages/slack/src/mrkdwn.ts
/*
 * Slack's text as Slack parses it: `&`, `<` and `>` are its control
 * characters (`<https://x|label>` is a link, `<!channel>` a mention, `&lt;`
 * an escaped `<`). Text that is data, such as a commit message, gets those
 * three as entities and nothing else: Slack decodes exactly these and shows
 * the text as it was, inert.
 */
const ENTITY = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Text made inert in a Slack text object: no link, mention or entity survives, and it reads as it was. */
function escapeMrkdwn(text) {
    return text.replace(/[&<>]/g, (char) => ENTITY[char]);
}
/** An http(s) URL made safe inside `<url|label>`: the characters that would end or split it, percent-encoded. */
function escapeUrl(url) {
    return url.replace(/[<>| ]/g, (char) => encodeURIComponent(char));
}
/** `<url|label>` for an http(s) URL, the label alone for anything else. */
function slackLink(url, label) {
    if (!url || !/^https?:\/\//i.test(url))
        return escapeMrkdwn(label);
    return `<${escapeUrl(url)}|${escapeMrkdwn(label)}>`;
}
/** Text set as code, whatever backticks it holds: a run of three would end the block early. */
function codeBlock(text) {
    return `\`\`\`\n${escapeMrkdwn(text.replace(/`{3,}/g, (run) => run.split('').join('\u200b')))}\n\`\`\``;
}
/**
 * Fit Slack text into `max` characters (UTF-16 units, as Slack counts), with
 * a visible marker saying how much was left out. Never cut through a
 * surrogate pair, an entity (`&amp;`) or a `<\u2026>` link or mention, and close a
 * code block the cut left open, so what remains renders as what it was.
 */
function cutText(text, max) {
    if (text.length <= max)
        return { text, cut: 0 };
    const marker = (left) => `\n\u2702 ${left.toLocaleString('en-US')} more characters cut (Slack takes ${max.toLocaleString('en-US')} here)`;
    const fence = '\n```';
    // The marker for the whole text is the longest it can be: room for it and a closing fence.
    let keep = Math.max(0, max - marker(text.length).length - fence.length);
    if (keep > 0 && isHighSurrogate(text.charCodeAt(keep - 1)))
        keep--;
    const head = text.slice(0, keep);
    const openEntity = /&[a-z]{0,5}$/i.exec(head);
    if (openEntity)
        keep -= openEntity[0].length;
    const lastOpen = text.lastIndexOf('<', keep - 1);
    if (lastOpen !== -1 && text.lastIndexOf('>', keep - 1) < lastOpen)
        keep = lastOpen;
    let kept = text.slice(0, keep);
    if ((kept.match(/```/g) ?? []).length % 2 === 1)
        kept += fence;
    return { text: `${kept}${marker(text.length - keep)}`, cut: text.length - keep };
}
function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}

;// CONCATENATED MODULE: ./packages/slack/src/limits.ts


/** What Slack refuses a message over (invalid_blocks, msg_too_long), from its Block Kit reference. */
const BLOCK_KIT_LIMITS = {
    blocks: 50,
    sectionText: 3000,
    headerText: 150,
    fields: 10,
    fieldText: 2000,
    contextElements: 10,
    contextText: 3000,
    /** chat.postMessage's `text`: longer is refused as msg_too_long. */
    messageText: 40_000,
};
/**
 * A message within Block Kit's limits, checked before it is sent: what is too
 * long is cut with a visible marker in the message itself, never left for
 * Slack to refuse. Blocks beyond 50 are replaced by one that says how many
 * were left out, fields and context elements beyond 10 by one that says so. The message is
 * copied, never changed in place.
 */
function fitBlockKit(message) {
    const cuts = [];
    const copy = structuredClone(message);
    if (typeof copy.text === 'string')
        copy.text = fitText(copy.text, BLOCK_KIT_LIMITS.messageText, 'text', cuts);
    if (Array.isArray(copy.blocks))
        copy.blocks = fitBlocks(copy.blocks, 'blocks', cuts);
    if (Array.isArray(copy.attachments)) {
        copy.attachments.forEach((attachment, index) => {
            if ((0,src/* isRecord */.u4)(attachment) && Array.isArray(attachment.blocks))
                attachment.blocks = fitBlocks(attachment.blocks, `attachments[${index}].blocks`, cuts);
        });
    }
    return { message: copy, cuts };
}
function fitBlocks(blocks, path, cuts) {
    const kept = capList(blocks, BLOCK_KIT_LIMITS.blocks, `${path}: ${blocks.length} blocks`, cuts, (left) => ({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `\u2702 ${left} more blocks cut (Slack shows at most ${BLOCK_KIT_LIMITS.blocks} in a message)` }],
    }));
    return kept.map((block, index) => ((0,src/* isRecord */.u4)(block) ? fitBlock(block, `${path}[${index}]`, cuts) : block));
}
function fitBlock(block, path, cuts) {
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
};
function fitList(block, key, path, cuts) {
    const [max, maxText, marker] = LISTS[key];
    const list = block[key];
    if (!Array.isArray(list))
        return;
    block[key] = capList(list, max, `${path}: ${list.length} ${key}`, cuts, (left) => ({ type: 'mrkdwn', text: `\u2702 ${left} more ${marker}` }));
    block[key].forEach((item, index) => fitTextObject(item, maxText, `${path}[${index}]`, cuts));
}
/** At most `max` items, the last of them one that says how many were cut. */
function capList(list, max, what, cuts, filler) {
    if (list.length <= max)
        return list;
    const left = list.length - (max - 1);
    cuts.push(`${what}, ${left} cut`);
    return [...list.slice(0, max - 1), filler(left)];
}
function fitTextObject(object, max, path, cuts) {
    if (!(0,src/* isRecord */.u4)(object) || typeof object.text !== 'string' || (object.type !== 'mrkdwn' && object.type !== 'plain_text'))
        return;
    // A header is one line: the marker goes on the same line there.
    const fitted = fitText(object.text, max, path, cuts);
    object.text = object.type === 'plain_text' ? fitted.replace(/\n(?=\u2702)/, ' ') : fitted;
}
function fitText(text, max, path, cuts) {
    const { text: fitted, cut } = cutText(text, max);
    if (cut > 0)
        cuts.push(`${path}: ${text.length.toLocaleString('en-US')} characters, cut to ${fitted.length.toLocaleString('en-US')}`);
    return fitted;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/gates/src/index.ts + 5 modules
var gates_src = __webpack_require__(48110);
// EXTERNAL MODULE: ./packages/github/src/index.ts + 7 modules
var github_src = __webpack_require__(76610);
// EXTERNAL MODULE: ./packages/render/src/index.ts + 6 modules
var render_src = __webpack_require__(35715);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./packages/slack/src/payload.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.


/** A message file larger than this is not a Slack message (Slack refuses 40,000 characters of text). */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** The custom payload of `payload` (its text) or `payload-file` (a file in the workspace), parsed. */
async function loadPayload(source, workspace) {
    if (source.input === 'payload') {
        const where = { input: 'payload' };
        return { message: parsePayload(source.value, where), where };
    }
    const where = { input: 'payload-file', file: source.value };
    const path = await (0,src/* confinedPath */.OR)(workspace, source.value, where, { what: 'the payload file' });
    let text;
    try {
        const { size } = await external_node_fs_.promises.stat(path);
        if (size > MAX_PAYLOAD_BYTES)
            throw new src/* ConfigurationError */.j1(`is ${size.toLocaleString('en-US')} bytes, more than a Slack message can be`, where, 'point it at the message, not at data');
        text = await (0,src/* readRegularFile */.XF)(path, where, 'the payload file');
    }
    catch (error) {
        if (error instanceof src/* ConfigurationError */.j1)
            throw error;
        const code = error.code;
        throw new src/* ConfigurationError */.j1(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`, where, 'give a path in the workspace to a JSON or YAML message');
    }
    return { message: parsePayload(text, where), where };
}
/**
 * A Slack message written as JSON or YAML (YAML reads JSON too, but JSON's
 * own parser says more precisely where a brace is missing). It must be an
 * object with text, blocks or attachments: anything else Slack refuses.
 */
function parsePayload(text, where) {
    if (text.trim() === '')
        throw new src/* ConfigurationError */.j1('is empty', where, 'give a JSON or YAML message with text or blocks');
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (jsonError) {
        try {
            data = (0,src/* parseYamlData */.be)(text, where);
        }
        catch (yamlError) {
            if (!(yamlError instanceof src/* YamlSyntaxError */.nN))
                throw yamlError;
            const line = yamlError.location.line;
            const looksLikeJson = /^\s*[{[]/.test(text);
            throw new src/* ConfigurationError */.j1(`is neither JSON nor YAML: ${looksLikeJson ? `JSON: ${describeJsonError(jsonError)}` : `YAML${line ? ` (line ${line})` : ''}: ${yamlError.detail}`}`, { ...where, ...(line && !looksLikeJson ? { line } : {}) }, 'write the message as JSON or YAML; a value that holds quotes or line breaks belongs in a {{ variable }}, not pasted into the text');
        }
    }
    (0,src/* checkNesting */.n6)(data, where, 'a Slack message is a few levels deep');
    return checkMessage(data, where);
}
/** A parsed payload that Slack would take as a message: an object with text, blocks or attachments. */
function checkMessage(data, where) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new src/* ConfigurationError */.j1(`is ${Array.isArray(data) ? 'a list' : data === null ? 'empty' : `a ${typeof data}`}, not a message: neither JSON nor YAML of an object`, where, 'write an object with text or blocks, e.g. {"text": "deployed"}');
    }
    const message = data;
    if (!('text' in message) && !('blocks' in message) && !('attachments' in message)) {
        throw new src/* ConfigurationError */.j1('has neither text nor blocks (nor attachments), which Slack refuses as no_text', where, 'add text, blocks, or both');
    }
    return message;
}
/** JSON.parse's own words without the text it quotes (the payload may hold anything). */
function describeJsonError(error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /(?:line (\d+) column (\d+))|(?:position (\d+))/.exec(message);
    return at ? (at[1] ? `invalid at line ${at[1]}, column ${at[2]}` : `invalid at character ${at[3]}`) : 'invalid';
}

;// CONCATENATED MODULE: ./packages/slack/src/results.ts




/** Longest string kept from a result file: a headline or a file name, not a page. */
const MAX_RESULT_TEXT = 500;
/**
 * The roadstop results of a deployment, as Slack shows them: a line per gate
 * in the message (its title from the registry, status, main figure and
 * change, headline) and each gate's own report under it, rendered by the
 * gate's renderer from the registry (or the generic one for a gate this build
 * does not know): a new gate needs no change here. Result files may come
 * from a fork's run, so every string is cleaned of invisible characters,
 * shortened, and escaped where it lands.
 */
function prepareResults(files) {
    return files.map(({ result }) => (0,render_src/* mapResultStrings */.iB)(result, (text, isKey) => (0,render_src/* truncateCodePoints */.Bm)((0,render_src/* removeInvisible */.i)(text), isKey ? 100 : MAX_RESULT_TEXT)));
}
/** One line per gate, as plain text (escaped where it is placed): `\u2705 Coverage 84.5% (+0.5 pt): lines 84.5% of 80%`. */
function resultLine(result) {
    const { title, rest } = lineParts(result);
    return `${render_src/* STATUS_ICON */.tW[result.status]} ${title}${rest}`;
}
function lineParts(result) {
    const main = result.checks[0];
    const figure = main ? ` ${(0,render_src/* formatFigure */.Mo)(main.value, main.unit)}${main.baseline !== undefined ? ` (${(0,render_src/* formatChange */.eD)(main)})` : ''}` : '';
    return { title: (0,gates_src/* gateNamed */.H_)(result.gate)?.title ?? result.gate, rest: `${figure}: ${result.headline}` };
}
/** What `{{ results.* }}` and the templates know of the results: the worst status, how many, a line each. */
function summarizeResults(results) {
    return {
        status: results.length > 0 ? (0,src/* worstStatus */.A4)(results.map((result) => result.status)) : '',
        count: results.length,
        summary: results.map(resultLine).join('\n'),
    };
}
/** The line of each gate, in one section: `*Road stops*` and a line each, the gate's title in bold. */
function resultSummaryBlock(results) {
    const lines = results.map((result) => {
        const { title, rest } = lineParts(result);
        return `${render_src/* STATUS_ICON */.tW[result.status]} *${escapeMrkdwn(title)}*${escapeMrkdwn(rest)}`;
    });
    return section(`*Road stops* (${results.length})\n${lines.join('\n')}`);
}
/** Each gate's own report, as its renderer prints it, in a code block of its own. */
function resultReportBlocks(results) {
    return results.map((result) => section(codeBlock((0,gates_src/* renderGateTerminal */.so)(result, { color: false }).trimEnd())));
}
function section(text) {
    return { type: 'section', text: { type: 'mrkdwn', text } };
}

// EXTERNAL MODULE: ./packages/slack/src/retry.ts
var retry = __webpack_require__(31554);
;// CONCATENATED MODULE: ./packages/slack/src/story.ts

const EVENT_STYLE = {
    started: { icon: '\ud83d\ude80', status: 'started', headline: (title, env) => `${title}: deploying${env ? ` to ${env}` : ''}` },
    progress: { icon: '\u23f3', status: 'in progress', headline: (title, env) => `${title}: rolling out${env ? ` to ${env}` : ''}` },
    succeeded: { icon: '\u2705', status: 'succeeded', headline: (title, env) => `${title} deployed${env ? ` to ${env}` : ''}` },
    failed: { icon: '\u274c', status: 'failed', headline: (title, env) => `${title}: deploy${env ? ` to ${env}` : ''} failed` },
    'rolled-back': { icon: '\u21a9\ufe0f', status: 'rolled back', headline: (title, env) => `${title} rolled back${env ? ` on ${env}` : ''}` },
    custom: { icon: '\ud83d\udce3', status: '', headline: (title) => title },
};
function buildStory({ inputs, context, env, startedTs, results, nowMs = Date.now() }) {
    const payload = context.payload;
    const repository = context.owner && context.repo ? `${context.owner}/${context.repo}` : '';
    const server = context.serverUrl;
    const repositoryUrl = repository ? `${server}/${repository}` : '';
    const commit = commitOf(context, payload, repositoryUrl);
    const pull = object(payload.pull_request);
    const style = EVENT_STYLE[inputs.event];
    const title = inputs.title ?? context.repo ?? 'deployment';
    const environment = inputs.environment ?? string(object(payload.deployment).environment);
    const refName = env.GITHUB_REF_NAME ?? context.ref?.replace(/^refs\/(heads|tags)\//, '') ?? '';
    const release = object(payload.release);
    const version = inputs.version ?? (string(release.tag_name) || (context.ref?.startsWith('refs/tags/') ? refName : ''));
    const seconds = startedTs ? Math.max(0, Math.round(nowMs / 1000 - Number(startedTs))) : undefined;
    const runUrl = (0,src/* runUrlOf */.Qm)(context, env) ?? '';
    return {
        event: inputs.event,
        status: style.status,
        icon: style.icon,
        title,
        headline: `${style.icon} ${style.headline(title, environment)}`,
        environment,
        version,
        text: inputs.text ?? '',
        repository,
        repository_url: repositoryUrl,
        commit,
        actor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || '',
        ref: context.ref ?? '',
        branch: env.GITHUB_HEAD_REF || (context.ref?.startsWith('refs/heads/') ? refName : ''),
        run: {
            id: context.runId ? String(context.runId) : '',
            number: env.GITHUB_RUN_NUMBER ?? '',
            attempt: env.GITHUB_RUN_ATTEMPT ?? '',
            url: runUrl,
            workflow: env.GITHUB_WORKFLOW ?? '',
            job: env.GITHUB_JOB ?? '',
        },
        pull_request: { number: typeof pull.number === 'number' ? String(pull.number) : '', title: string(pull.title), url: string(pull.html_url) },
        compare_url: string(payload.compare),
        duration: seconds === undefined ? '' : formatDuration(seconds),
        duration_seconds: seconds ?? '',
        canary: { step: inputs.canary.step ?? '', weight: inputs.canary.weight ?? '' },
        results: results ?? { status: '', count: 0, summary: '' },
        time: new Date(nowMs).toISOString(),
    };
}
/** The commit the run is about, and its message and author where the event carries them. */
function commitOf(context, payload, repositoryUrl) {
    const pull = object(payload.pull_request);
    const run = object(payload.workflow_run);
    const deployment = object(payload.deployment);
    const head = object(payload.head_commit ?? run.head_commit);
    const sha = string(object(pull.head).sha) || string(run.head_sha) || string(deployment.sha) || context.sha || '';
    // A pull request's title says what its head commit's message would: the change, in a line.
    const message = string(head.message) || string(pull.title) || string(object(payload.release).name) || string(deployment.description);
    const author = object(head.author);
    return {
        sha,
        short: sha.slice(0, 7),
        message,
        title: message.split(/\r?\n/)[0] ?? '',
        url: /^[0-9a-f]{7,64}$/i.test(sha) && repositoryUrl ? `${repositoryUrl}/commit/${sha}` : '',
        author: string(author.name) || string(author.username) || string(object(pull.user).login),
    };
}
/** `45s`, `4m 12s`, `1h 03m`. */
function formatDuration(seconds) {
    if (seconds < 60)
        return `${seconds}s`;
    if (seconds < 3600)
        return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
    return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
function object(value) {
    return (0,src/* isRecord */.u4)(value) ? value : {};
}
function string(value) {
    return typeof value === 'string' ? value : '';
}

;// CONCATENATED MODULE: ./packages/slack/src/template.ts


/** `{{ commit.message }}`; `${{ \u2026 }}` too, as slack-github-action's templated payload files write it. */
const PLACEHOLDER = /\$?\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z_][\w-]*(\.[\w-]+)*$/;
/** Keys whose value is a URL (Block Kit's `url`, `image_url`, attachments' `title_link`): values are URL-encoded there. */
const URL_KEY = /(^|_)(url|link)$/;
/**
 * Fill a custom payload's `{{ variables }}`. The payload is parsed first and
 * the values go into its strings as data, never into its text: no commit
 * message can break the JSON. Each value is escaped for where it lands, so it
 * reads as it was and does nothing: `&`, `<`, `>` as entities in text (no
 * link, mention or `<!channel>` can be injected), URL-encoded in URL fields.
 * Known secrets in a value become `***`. A name that is not a variable is a
 * mistake, named with the closest variable there is.
 */
function fillTemplate(payload, scope, where, secrets = []) {
    const fill = (value, key) => {
        if (typeof value === 'string')
            return fillString(value, key);
        if (Array.isArray(value))
            return value.map((item) => fill(item, key));
        if (typeof value === 'object' && value !== null)
            return Object.fromEntries(Object.entries(value).map(([inner, item]) => [inner, fill(item, inner)]));
        return value;
    };
    const fillString = (text, key) => text.replace(PLACEHOLDER, (_match, name) => {
        const raw = (0,src/* redactText */.Rd)(lookup(name, scope, where), secrets);
        return URL_KEY.test(key) ? escapeUrl(encodeUrlText(raw)) : escapeMrkdwn(raw);
    });
    return fill(payload, '');
}
/** The value of a variable as text, or the mistake that names it. */
function lookup(name, scope, where) {
    if (!NAME.test(name))
        throw new src/* ConfigurationError */.j1(`'{{ ${name} }}' is not a variable name`, where, 'write a name such as {{ commit.message }} or {{ env.NAME }}');
    const [root, ...rest] = name.split('.');
    if (root === 'env') {
        if (rest.length !== 1)
            throw new src/* ConfigurationError */.j1(`'{{ ${name} }}' names no environment variable`, where, 'write {{ env.NAME }}, and set NAME in the step\'s env:');
        if (!Object.hasOwn(scope.env, rest[0])) {
            throw new src/* ConfigurationError */.j1(`template variable '{{ ${name} }}' is not in env-allow: a template reads only the step's env: variables env-allow names`, where, `add ${rest[0]} to the env-allow input, and set it in the step's env:`);
        }
        const value = scope.env[rest[0]];
        if (value === undefined)
            throw new src/* ConfigurationError */.j1(`template variable '{{ ${name} }}' does not exist: ${rest[0]} is not set in the step's environment`, where, `set it in the step's env:, e.g. ${rest[0]}: \${{ \u2026 }}`);
        return value;
    }
    const roots = { ...scope.story, github: scope.github };
    let value = roots;
    const walked = [];
    for (const segment of [root, ...rest]) {
        const holder = value;
        const next = typeof holder === 'object' && holder !== null && Object.hasOwn(holder, segment) ? holder[segment] : undefined;
        if (next === undefined) {
            const siblings = typeof holder === 'object' && holder !== null ? Object.keys(holder) : [];
            const listed = walked.length === 0 ? [...siblings, 'env'] : siblings;
            // Not `env` itself: every name that starts with env would be read as meaning it.
            const near = (0,src/* closest */.kp)(segment, siblings);
            const prefix = walked.length > 0 ? `${walked.join('.')}.` : '';
            throw new src/* ConfigurationError */.j1(`template variable '{{ ${name} }}' does not exist${walked.length > 0 ? `: ${walked.join('.')} has no '${segment}'` : ''}`, where, near ? `did you mean '{{ ${prefix}${near} }}'?` : `variables${prefix ? ` of ${walked.join('.')}` : ''}: ${listed.slice(0, 30).join(', ')}${listed.length > 30 ? ', \u2026' : ''}`);
        }
        walked.push(segment);
        value = next;
    }
    if (value === null)
        return '';
    if (typeof value === 'object') {
        const fields = Object.keys(value);
        throw new src/* ConfigurationError */.j1(`template variable '{{ ${name} }}' is ${Array.isArray(value) ? 'a list' : 'an object'}, not a value`, where, fields.length > 0 ? `name one of its fields: ${fields.slice(0, 12).map((field) => `{{ ${name}.${field} }}`).join(', ')}` : 'name a value');
    }
    return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
/** A value inside a URL: spaces, quotes and other unsafe characters percent-encoded, the URL's own `/?&=#` kept. */
function encodeUrlText(text) {
    try {
        return encodeURI(text);
    }
    catch {
        // A lone surrogate cannot be encoded: surrogates go as the replacement character.
        return encodeURI(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
    }
}

;// CONCATENATED MODULE: ./packages/slack/src/templates.ts


/*
 * The built-in Block Kit messages of a deployment. The parent message is its
 * current state (title and status, environment, version, commit, who, how
 * long, the canary's step and weight, the gates' lines); each later event
 * replies in its thread with what happened (its line, the gates' reports).
 * Every value from the event or the inputs is escaped: it reads as it was
 * and can neither link nor mention.
 */
/** The message the lifecycle keeps up to date: posted by `started`, updated by every later event. */
function parentMessage(story, results) {
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: headerText(story), emoji: true } }];
    const fields = factFields(story);
    if (fields.length > 0)
        blocks.push({ type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) });
    if (story.commit.message)
        blocks.push(section(`*Commit* ${slackLink(story.commit.url, story.commit.short || 'commit')}${story.commit.author ? ` by ${escapeMrkdwn(story.commit.author)}` : ''}\n${escapeMrkdwn(story.commit.message)}`));
    if (story.text)
        blocks.push(section(escapeMrkdwn(story.text)));
    if (results.length > 0)
        blocks.push(resultSummaryBlock(results));
    blocks.push(...linkBlocks(story));
    return { text: escapeMrkdwn(story.headline), blocks };
}
/** A later event's entry in the parent's thread: what happened, and the gates' reports. */
function replyMessage(story, results) {
    const canary = canaryText(story);
    const lines = [`${story.icon} *${escapeMrkdwn(capitalize(story.status || story.event))}*${canary ? ` \u00b7 ${escapeMrkdwn(canary)}` : ''}${story.duration ? ` \u00b7 ${story.duration}` : ''}`];
    if (story.text)
        lines.push(escapeMrkdwn(story.text));
    const blocks = [section(lines.join('\n'))];
    if (results.length > 0)
        blocks.push(resultSummaryBlock(results), ...resultReportBlocks(results));
    blocks.push(...linkBlocks(story));
    return { text: escapeMrkdwn(`${story.icon} ${capitalize(story.status || story.event)}${story.text ? `: ${story.text}` : ''}`), blocks };
}
/** The reports alone, as the reply under a freshly posted message. */
function detailsMessage(story, results) {
    return { text: escapeMrkdwn(`${story.icon} Road stops: ${results.length}`), blocks: resultReportBlocks(results) };
}
/** One message with everything, where there is no thread to put details in (an incoming webhook). */
function standaloneMessage(story, results) {
    const parent = parentMessage(story, results);
    const blocks = parent.blocks;
    const context = blocks.at(-1)?.type === 'context' ? blocks.pop() : undefined;
    blocks.push(...resultReportBlocks(results), ...(context ? [context] : []));
    return parent;
}
function headerText(story) {
    const weight = story.event === 'progress' && story.canary.weight !== '' ? ` \u00b7 ${story.canary.weight}%` : '';
    return escapeMrkdwn(`${story.headline}${weight}`);
}
function factFields(story) {
    const fields = [];
    const add = (label, value) => {
        if (value)
            fields.push(`*${label}*\n${value}`);
    };
    if (story.status)
        add('Status', `${story.icon} ${escapeMrkdwn(story.status)}`);
    add('Environment', escapeMrkdwn(story.environment));
    add('Version', escapeMrkdwn(story.version));
    add('Commit', story.commit.short ? slackLink(story.commit.url, story.commit.short) : '');
    add('Author', escapeMrkdwn(story.commit.author));
    add('Triggered by', escapeMrkdwn(story.actor));
    add('Duration', story.duration);
    add('Canary', escapeMrkdwn(canaryText(story)));
    return fields;
}
function canaryText(story) {
    const { step, weight } = story.canary;
    if (!step && weight === '')
        return '';
    return [step ? `step ${step}` : '', weight !== '' ? `${weight}% of traffic` : ''].filter(Boolean).join(' \u00b7 ');
}
function linkBlocks(story) {
    const links = [];
    if (story.run.url)
        links.push(slackLink(story.run.url, `${story.run.workflow || 'Run'}${story.run.number ? ` #${story.run.number}` : ''}`));
    if (story.pull_request.url)
        links.push(slackLink(story.pull_request.url, `PR #${story.pull_request.number}`));
    if (story.compare_url)
        links.push(slackLink(story.compare_url, 'Compare'));
    if (story.repository)
        links.push(slackLink(story.repository_url, story.repository));
    return links.length > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: links.join(' \u00b7 ') }] }] : [];
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./packages/slack/src/notify.ts














/**
 * slack-notify's body: read the inputs, the event and the results once, make
 * every message (custom payloads filled, Block Kit limits kept) before the
 * first request, then send to each destination in turn. A send that Slack
 * refuses fails the step with Slack's own error code (fail-on-error), or warns.
 */
async function slackNotify(step, env = process.env) {
    // Masked before anything reads them, even a check that refuses them: the token, and each webhook URL as given.
    for (const raw of [step.input('token'), ...splitValues(step.input('webhook-url'))])
        step.secret(raw);
    const inputs = readSlackInputs((name) => step.input(name));
    const secrets = secretsOf(inputs);
    for (const secret of secrets)
        step.secret(secret);
    const context = (0,src/* readRunnerContext */.gi)(env);
    const workspace = (0,external_node_path_.resolve)(context.workspace);
    const warn = (text) => step.annotate({ level: 'warning', text, title: 'slack-notify' });
    const read = await (0,src/* readResultFiles */.fE)(inputs.results, { workspace, runnerTemp: env.RUNNER_TEMP, input: 'results', warn, ranges: gates_src/* resultRangesOf */.p9 });
    if (inputs.results.length > 0 && read.matched === 0)
        warn(`input 'results' (${inputs.results.join(', ')}) matched no file: the message has no gate results`);
    const results = prepareResults(read.results);
    const payload = inputs.payload ? await loadPayload(inputs.payload, workspace) : undefined;
    const deliveries = inputs.destinations.map((destination) => planDelivery(destination, { inputs, context, env, results, payload, secrets }));
    const cuts = new Set();
    const fit = (message) => {
        const fitted = fitBlockKit(message);
        for (const cut of fitted.cuts)
            cuts.add(cut);
        return fitted.message;
    };
    const fitted = deliveries.map((delivery) => ({ ...delivery, message: fit(delivery.message), ...(delivery.reply ? { reply: fit(delivery.reply) } : {}) }));
    if (cuts.size > 0)
        warn(`cut to fit Slack's Block Kit limits, with a marker in the message: ${[...cuts].join('; ')}`);
    if (inputs.dryRun) {
        for (const delivery of fitted)
            step.info(describeDryRun(delivery, inputs));
        step.info('dry-run: true, so nothing was sent');
        return;
    }
    const outcomes = await send(fitted, inputs, step, env);
    step.output('channel', inputs.transport.kind === 'token' ? outcomes.map((outcome) => outcome.channel).join(',') : '');
    step.output('ts', inputs.transport.kind === 'token' ? outcomes.map((outcome) => outcome.ts).join(',') : '');
    step.output('ok', outcomes.map((outcome) => String(outcome.ok)).join(','));
    // The summary is not masked by the runner: every known secret is cut out here.
    await step.summary((0,src/* redactText */.Rd)(summaryTable(outcomes), secrets));
    const failed = outcomes.filter((outcome) => !outcome.ok);
    if (failed.length > 0) {
        const text = (0,src/* redactText */.Rd)(`Slack did not take the message: ${failed.map((outcome) => `${nameOf(outcome.destination)}: ${outcome.error?.message ?? 'failed'}`).join('; ')}`, secrets);
        if (inputs.failOnError)
            step.fail(text);
        else
            warn(`${text} (fail-on-error: false, so the step goes on)`);
    }
}
/**
 * The messages of one destination. With a token, a later event (ts given)
 * replaces its parent and replies in its thread, and `started` replies with
 * the gates' reports under what it posted; without a thread to use (a webhook,
 * a later event without ts) everything goes in one message.
 */
function planDelivery(destination, { inputs, context, env, results, payload, secrets }) {
    const threaded = destination.kind === 'channel';
    const parentTs = destination.kind === 'channel' ? destination.ts : undefined;
    const story = buildStory({ inputs, context, env, startedTs: parentTs, results: summarizeResults(results) });
    let message;
    if (payload) {
        const allowed = Object.fromEntries(inputs.envAllow.map((name) => [name, env[name]]));
        message = fillTemplate(payload.message, { story, env: allowed, github: githubScope(context, env) }, payload.where, secrets);
    }
    else if (threaded && (parentTs || inputs.event === 'started')) {
        message = parentMessage(story, results);
    }
    else {
        message = standaloneMessage(story, results);
    }
    let reply;
    if (threaded && parentTs && inputs.event !== 'custom')
        reply = replyMessage(story, results);
    else if (threaded && !parentTs && results.length > 0 && (payload || inputs.event === 'started'))
        reply = detailsMessage(story, results);
    return { destination, message, ...(reply ? { reply } : {}) };
}
/** `{{ github.* }}`: the run's context, as the workflow's `github` context names it, and the event payload. */
function githubScope(context, env) {
    return {
        event: context.payload,
        event_name: context.eventName,
        sha: context.sha ?? '',
        ref: context.ref ?? '',
        ref_name: env.GITHUB_REF_NAME ?? '',
        repository: context.owner && context.repo ? `${context.owner}/${context.repo}` : '',
        actor: env.GITHUB_ACTOR ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        job: env.GITHUB_JOB ?? '',
        run_id: context.runId ? String(context.runId) : '',
        run_number: env.GITHUB_RUN_NUMBER ?? '',
        run_attempt: env.GITHUB_RUN_ATTEMPT ?? '',
        server_url: context.serverUrl,
    };
}
async function send(deliveries, inputs, step, env) {
    const policy = (0,retry/* slackRetryPolicy */.Fs)((0,github_src/* networkBudgetMs */.QR)(env));
    const startedAt = Date.now();
    const fetch = (0,src/* createEdgeFetch */.OI)(env);
    const log = (text) => step.info((0,src/* redactText */.Rd)(text, secretsOf(inputs)));
    const transport = inputs.transport;
    if (transport.kind === 'none')
        return [];
    // What was sent so far goes into `did`; `sent` takes the parent message's channel ID and ts once known.
    let deliver;
    if (transport.kind === 'token') {
        const { openSlackApi } = await __webpack_require__.e(/* import() */ 943).then(__webpack_require__.bind(__webpack_require__, 52943));
        const api = await openSlackApi({ token: transport.token, apiUrl: transport.apiUrl, fetch, policy, startedAt, log, debug: (text) => step.debug(text) });
        deliver = async ({ destination, message, reply }, did, sent) => {
            if (destination.kind === 'channel' && destination.ts) {
                const { thread_ts: _thread, ...parent } = message;
                await api.update({ ...parent, ...sent });
                did.push('updated its message');
            }
            else {
                Object.assign(sent, await api.post({ ...message, channel: sent.channel }));
                did.push(`posted ${sent.ts}`);
            }
            if (reply) {
                await api.post({ ...reply, channel: sent.channel, thread_ts: sent.ts });
                did.push('replied in its thread');
            }
        };
    }
    else {
        const { postToWebhook } = await __webpack_require__.e(/* import() */ 861).then(__webpack_require__.bind(__webpack_require__, 99861));
        deliver = async ({ destination, message }, did) => {
            const { url, label } = destination;
            await postToWebhook(url, message, { fetch, policy, startedAt, log, label });
            did.push('posted');
        };
    }
    const outcomes = [];
    // One destination after another: a rate limit is Slack's word on the whole workspace, and the budget is shared.
    for (const delivery of deliveries) {
        const { destination } = delivery;
        const sent = destination.kind === 'channel' ? { channel: destination.channel, ts: destination.ts ?? '' } : { channel: '', ts: '' };
        const did = [];
        try {
            await deliver(delivery, did, sent);
            outcomes.push({ destination, ok: true, ...sent, did: did.join(', ') });
        }
        catch (error) {
            if (!(error instanceof errors/* SlackSendError */.PX))
                throw error;
            outcomes.push({ destination, ok: false, ...sent, did: did.join(', '), error });
        }
        const moved = destination.kind === 'channel' && sent.channel !== destination.channel ? ` (${sent.channel})` : '';
        log(`${nameOf(destination)}${moved}: ${describeOutcome(outcomes.at(-1))}`);
    }
    return outcomes;
}
function describeOutcome(outcome) {
    if (outcome.ok)
        return outcome.did;
    return `${outcome.did ? `${outcome.did}, then ` : ''}failed: ${outcome.error?.message ?? 'unknown'}`;
}
function nameOf(destination) {
    return destination.kind === 'channel' ? destination.channel : destination.label;
}
/** The token, and each webhook URL and its path (a log line might show the path alone): masked from the first line on. */
function secretsOf(inputs) {
    const { transport } = inputs;
    if (transport.kind === 'token')
        return [transport.token];
    if (transport.kind === 'webhook')
        return transport.urls.flatMap((url) => [url, new URL(url).pathname].filter((part) => part.length > 8));
    return [];
}
function describeDryRun(delivery, inputs) {
    const { destination } = delivery;
    const calls = [];
    if (destination.kind === 'webhook')
        calls.push([`POST to ${destination.label}`, delivery.message]);
    else if (destination.ts)
        calls.push(['chat.update', { ...delivery.message, channel: destination.channel, ts: destination.ts }]);
    else
        calls.push(['chat.postMessage', { ...delivery.message, channel: destination.channel }]);
    if (delivery.reply && destination.kind === 'channel')
        calls.push(['chat.postMessage (reply in the thread)', { ...delivery.reply, channel: destination.channel, thread_ts: destination.ts ?? '<ts of the message above>' }]);
    const transport = inputs.transport.kind === 'none' ? ' (no token or webhook-url given)' : '';
    return calls.map(([call, body]) => `dry-run: ${call} for ${nameOf(destination)}${transport}:\n${JSON.stringify(body, null, 2)}`).join('\n');
}
function summaryTable(outcomes) {
    const rows = outcomes.map((outcome) => [(0,render_src/* cell */.Hn)(nameOf(outcome.destination)), outcome.ok ? '\u2705 sent' : '\u274c failed', outcome.ts ? `\`${outcome.ts}\`` : '\u2014', (0,render_src/* cell */.Hn)(outcome.ok ? outcome.did : (outcome.error?.message ?? ''))]);
    return `### Slack\n\n${(0,render_src/* table */.tp)(['Destination', 'Result', 'Message ts', 'Details'], rows)}\n`;
}

;// CONCATENATED MODULE: ./packages/slack/src/index.ts
// Not the transports (web-api.ts, webhook.ts): they load @slack/web-api, which a step that stops at its inputs never needs.












;// CONCATENATED MODULE: ./packages/release/src/slack-lifecycle.ts

/** canary-release's own Slack inputs, mapped onto slack-notify's. */
const SLACK_RELEASE_INPUTS = { 'slack-token': 'token', 'slack-webhook-url': 'webhook-url', 'slack-channel': 'channel', 'slack-api-url': 'api-url', title: 'title', environment: 'environment', version: 'version' };
/**
 * The slack-notify lifecycle from inside the ramp: `started`, a `progress` per step, then `succeeded`,
 * `rolled-back` or `failed`, through slack-notify's own slackNotify (its inputs checked, Block Kit fitted, its
 * retries). With a bot token the first message's channel and ts are kept, so every later event updates it and
 * threads its verdict; with a webhook each event is a message of its own. Slack failing never stops a release:
 * fail-on-error is false, and a refusal is a warning.
 */
function slackLifecycle(step) {
    if (step.input('slack-token') === '' && step.input('slack-webhook-url') === '')
        return undefined;
    let thread;
    return {
        async send(event, fields) {
            const outputs = {};
            const values = { event, text: fields.text, 'fail-on-error': 'false', ...(fields.step ? { 'canary-step': fields.step } : {}), ...(fields.weight !== undefined ? { 'canary-weight': String(fields.weight) } : {}) };
            for (const [own, theirs] of Object.entries(SLACK_RELEASE_INPUTS))
                if (step.input(own) !== '')
                    values[theirs] = step.input(own);
            if (thread)
                Object.assign(values, thread);
            const inner = {
                ...step,
                input: (name) => values[name] ?? '',
                output: (name, value) => void (outputs[name] = value === undefined ? '' : String(value)),
                // slack-notify's table of deliveries belongs to its own step; here the release's summary is the one.
                summary: () => Promise.resolve(),
                fail: (text) => step.annotate({ level: 'warning', text, title: 'canary-release: Slack' }),
            };
            try {
                await slackNotify(inner);
            }
            catch (error) {
                // Before any traffic moves, a Slack mistake is the user's to fix; during the ramp it must never stop a rollback.
                if (event === 'started')
                    throw error;
                step.annotate({ level: 'warning', text: `Slack: the ${event} message was not sent: ${error instanceof Error ? error.message : String(error)}`, title: 'canary-release: Slack' });
                return;
            }
            if (!thread && outputs.ts && outputs.channel)
                thread = { ts: outputs.ts, channel: outputs.channel };
        },
    };
}


/***/ }),

/***/ 9257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CZ: () => (/* binding */ SLACK_ERROR_CODE),
/* harmony export */   PX: () => (/* binding */ SlackSendError),
/* harmony export */   Xh: () => (/* binding */ SLACK_CHANNEL_ID),
/* harmony export */   xK: () => (/* binding */ SLACK_TS)
/* harmony export */ });
/** What to do about Slack's own error codes, for the ones a notification meets. */
const HINTS = {
    channel_not_found: 'the channel does not exist, or the app cannot see it: use the channel ID (C0\u2026) and invite the app to a private channel',
    not_in_channel: 'the app is not in the channel: /invite the app, or give it chat:write.public',
    is_archived: 'the channel is archived',
    channel_is_archived: 'the channel is archived',
    invalid_auth: 'the token is not valid: give a bot token (xoxb-\u2026) of the workspace',
    not_authed: 'no token reached Slack',
    token_revoked: 'the token was revoked: create a new one',
    token_expired: 'the token expired: create a new one',
    account_inactive: 'the app or user of the token is deactivated',
    missing_scope: "the token lacks a scope: add chat:write to the app's bot token scopes and reinstall it",
    invalid_blocks: 'Slack refused the blocks: check the payload against the Block Kit reference',
    invalid_blocks_format: 'the blocks are not a list of block objects',
    msg_too_long: 'the text is longer than Slack takes',
    no_text: 'the message has neither text nor blocks',
    message_not_found: 'no message with that ts in that channel: pass the started step\'s ts and channel outputs together',
    cant_update_message: 'the token may only update messages it posted itself',
    thread_not_found: 'no message with that ts to reply to in that channel',
    ratelimited: 'rate limited for longer than the step may wait',
    rate_limited: 'rate limited for longer than the step may wait',
    restricted_action: 'a workspace setting stops the app from posting there',
    invalid_payload: 'Slack could not read the message',
    no_service: 'the incoming webhook is disabled or was removed: create a new one',
    no_active_hooks: 'the incoming webhook is disabled',
    invalid_token: 'the incoming webhook URL is not valid',
    action_prohibited: 'an admin restricted posting to this channel',
    posting_to_general_channel_denied: 'only admins may post to this channel',
    too_many_attachments: 'Slack takes at most 100 attachments',
};
/** Slack did not take a message. `code` is Slack's own error code (`channel_not_found`), or `http_503`, `network_error`, `timeout`. */
class SlackSendError extends Error {
    name = 'SlackSendError';
    code;
    constructor(code, detail) {
        super([code, detail, HINTS[code]].filter(Boolean).join(': '));
        this.code = code;
    }
}
/** Slack's channel IDs (C\u2026, G\u2026, D\u2026): upper-case letters and digits (docs.slack.dev/reference/objects/conversation-object). */
const SLACK_CHANNEL_ID = /^[CDG][A-Z0-9]{8,20}$/;
/** A message's ts, `1712345678.123456`: seconds and microseconds (docs.slack.dev/reference/methods/chat.postMessage). */
const SLACK_TS = /^\d{9,12}\.\d{1,8}$/;
/** Slack's error codes are snake_case words (`channel_not_found`): anything else in `error` is not one. */
const SLACK_ERROR_CODE = /^[a-z][a-z_]{1,59}$/;


/***/ }),

/***/ 31554:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fs: () => (/* binding */ slackRetryPolicy),
/* harmony export */   t4: () => (/* binding */ webApiRetryConfig),
/* harmony export */   tE: () => (/* binding */ decideRetry)
/* harmony export */ });
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);
/* harmony import */ var _roadstop_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76610);


function slackRetryPolicy(budgetMs) {
    return { retries: 5, minTimeoutMs: 1000, factor: 2, maxTimeoutMs: 10_000, budgetMs, requestTimeoutMs: Math.min(20_000, budgetMs) };
}
/** The policy as @slack/web-api's retryConfig (node-retry's options, run by p-retry). */
function webApiRetryConfig(policy) {
    return { retries: policy.retries, factor: policy.factor, minTimeout: policy.minTimeoutMs, maxTimeout: policy.maxTimeoutMs, maxRetryTime: policy.budgetMs, randomize: false };
}
/** `retriesSoFar` retries were made already; `elapsedMs` of the budget is spent. */
function decideRetry(attempt, retriesSoFar, policy, elapsedMs, nowMs) {
    let waitMs;
    let reason;
    if ('networkError' in attempt) {
        reason = `no answer (${attempt.networkError})`;
        waitMs = backoffMs(policy, retriesSoFar);
    }
    else if (attempt.status === 429) {
        const seconds = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterSeconds */ .C3)(attempt.retryAfter, nowMs);
        reason = `rate limited (429${seconds !== undefined ? `, Retry-After ${seconds} s` : ''})`;
        waitMs = seconds !== undefined ? seconds * 1000 : backoffMs(policy, retriesSoFar);
    }
    else if (attempt.status >= 500 && attempt.status <= 599) {
        reason = `server error (${attempt.status})`;
        waitMs = backoffMs(policy, retriesSoFar);
    }
    else {
        return { retry: false, reason: `HTTP ${attempt.status}` };
    }
    if (retriesSoFar >= policy.retries)
        return { retry: false, reason: `${reason}, after ${policy.retries} retries` };
    const left = policy.budgetMs - elapsedMs;
    if (waitMs >= left)
        return { retry: false, reason: `${reason}; waiting ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(waitMs)} more would pass the ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(policy.budgetMs)} the step may spend sending` };
    return { retry: true, waitMs, reason };
}
function backoffMs(policy, retriesSoFar) {
    return Math.min(policy.maxTimeoutMs, policy.minTimeoutMs * policy.factor ** retriesSoFar);
}


/***/ })

};
