export const id = 756;
export const ids = [756];
export const modules = {

/***/ 62756:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
;// CONCATENATED MODULE: ./packages/render/src/markdown.ts

const STATUS_ICON = { pass: '\u2705', warn: '\u26a0\ufe0f', fail: '\u274c', skipped: '\u23ed\ufe0f' };
/** Text safe inside a GitHub markdown table cell. */
function cell(text) {
    return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Text safe as inline code, whatever backticks it holds; control characters (a newline in a file name) written as escapes, so a table row stays one row. */
function code(given) {
    const text = (0,src/* escapeControlCharacters */.F7)(given);
    const fence = '`'.repeat((text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0) + 1);
    return `${fence}${fence.length > 1 ? ' ' : ''}${text.replace(/\|/g, '\\|')}${fence.length > 1 ? ' ' : ''}${fence}`;
}
function table(headers, rows, align = []) {
    const rule = headers.map((_, index) => ({ left: ':---', right: '---:', center: ':---:' })[align[index] ?? 'left']);
    return [headers, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
/**
 * One gate's block: its parts apart by blank lines, and a blank line at the
 * end. GitHub reads markdown as CommonMark, where an HTML block (a closing
 * `</details>`) runs on to the next blank line: without one, the next gate's
 * `### heading`, appended to the same summary or comment, shows as raw text.
 */
function markdownBlock(parts) {
    return `${parts.filter((part) => part !== '').join('\n\n')}\n\n`;
}
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** A horizontal bar chart in Mermaid, which GitHub renders in summaries and comments. */
function mermaidBarChart(title, labels, values, unit) {
    const quote = (text) => `"${text.replace(/"/g, "'").replace(/[\r\n]/g, ' ')}"`;
    const top = Math.max(1, ...values);
    return [
        '```mermaid',
        'xychart-beta horizontal',
        `    title ${quote(title)}`,
        `    x-axis [${labels.map(quote).join(', ')}]`,
        `    y-axis ${quote(unit)} 0 --> ${Number((top * 1.05).toFixed(2))}`,
        `    bar [${values.map((value) => Number(value.toFixed(2))).join(', ')}]`,
        '```',
    ].join('\n');
}
/**
 * Markdown for a result whose gate has no renderer of its own (a newer gate's
 * file read by an older build): the headline and a checks table. Each gate's
 * own renderer is named by its descriptor in the registry (packages/gates).
 */
function markdown_renderResultMarkdown(result) {
    const rows = result.checks.map((check) => [cell(check.name), String(check.value), check.limit !== undefined ? String(check.limit) : '\u2014', `${STATUS_ICON[check.status]} ${check.status}`]);
    return markdownBlock([`### ${STATUS_ICON[result.status]} ${result.gate}: ${result.status}`, `**${cell(result.headline)}**`, rows.length ? table(['Check', 'Value', 'Limit', 'State'], rows) : '']);
}

;// CONCATENATED MODULE: ./packages/render/src/figures.ts

/** A check's value in its unit, as the gates' own tables print it. */
function formatFigure(value, unit) {
    switch (unit) {
        case 'bytes':
            return (0,src/* formatBytes */.z3)(value);
        case 'percent':
            return `${trim(value)}%`;
        case 'ms':
            return `${trim(value)} ms`;
        case 'score':
        case 'ratio':
        case 'count':
            return trim(value);
    }
}
/** The change against the base: bytes with a percentage, percentages in points, the rest as plain differences. */
function formatChange(check) {
    const base = check.baseline;
    const delta = check.value - base;
    if (check.unit === 'bytes')
        return (0,src/* formatDelta */.CW)(delta, base);
    const sign = delta > 0 ? '+' : delta < 0 ? '\u2212' : '\u00b1';
    const size = trim(Math.abs(delta));
    if (check.unit === 'percent')
        return `${sign}${size} pt`;
    if (check.unit === 'ms')
        return `${sign}${size} ms`;
    return `${sign}${size}`;
}
/**
 * A count that says what it counts, when the check tells (`details.counting`,
 * and `details.of` for the whole): `files under 30%: 0 of 12`, not a bare 0
 * a reader cannot place.
 */
function countText(check) {
    const counting = check.details?.counting;
    const of = check.details?.of;
    if (check.unit !== 'count' || typeof counting !== 'string')
        return undefined;
    return `${counting}: ${check.value}${typeof of === 'number' ? ` of ${of}` : ''}`;
}
function trim(value) {
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

;// CONCATENATED MODULE: ./packages/render/src/terminal.ts


const COLORS = { pass: 32, warn: 33, fail: 31, skipped: 90 };
const SYMBOL = { pass: '\u2714', warn: '!', fail: '\u2716', skipped: '-' };
/** The result as a person reads it in a terminal: a headline, a table, the problems. */
function renderResultTerminal(result, options, parts = {}) {
    const paint = (status, text) => (options.color ? `\u001b[${COLORS[status]}m${text}\u001b[39m` : text);
    const bold = (text) => (options.color ? `\u001b[1m${text}\u001b[22m` : text);
    const lines = [];
    lines.push(`${paint(result.status, `${SYMBOL[result.status]} ${result.gate}: ${result.status}`)}  ${bold(result.headline)}`, '');
    const rows = result.checks.map((check) => [
        check.name,
        // A skipped count counted nothing: a 0 there would read as a result.
        check.status === 'skipped' && check.unit === 'count' ? '\u2014' : (countText(check) ?? formatValue(check.value, check.unit, check.details?.compression)),
        check.limitText ?? (check.limit !== undefined ? formatValue(check.limit, check.unit) : '\u2014'),
        check.baseline !== undefined ? (check.unit === 'bytes' ? (0,src/* formatDelta */.CW)(check.value - check.baseline, check.baseline) : signed(check.value - check.baseline)) : '\u2014',
        check.status,
    ]);
    const headers = parts.headers ?? ['Check', 'Value', 'Limit', '\u0394 vs base', 'State'];
    lines.push(...columns([...headers], rows, (row, text) => (row ? paint(row[4], text) : text)));
    if (parts.after)
        lines.push(...parts.after({ bold, columns }));
    const notes = result.messages.filter((message) => message.level !== 'error');
    if (notes.length > 0)
        lines.push('', ...notes.map((message) => `${message.file ? `${message.file}${message.line ? `:${message.line}` : ''}: ` : ''}${message.level}: ${message.text}`));
    const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
    if (problems.length > 0)
        lines.push('', ...problems.map((check) => paint(check.status, `${SYMBOL[check.status]} ${check.message ?? check.name}`)));
    return `${lines.join('\n')}\n`;
}
function columns(headers, rows, paintRow = (_, text) => text) {
    const widths = headers.map((header, index) => Math.max(width(header), ...rows.map((row) => width(row[index] ?? ''))));
    const format = (row) => row.map((text, index) => (index === 0 ? text.padEnd(widths[index]) : text.padStart(widths[index]))).join('  ');
    return [format(headers), widths.map((w) => '\u2500'.repeat(w)).join('  '), ...rows.map((row) => paintRow(row, format(row)))];
}
const width = (text) => [...text].length;
function formatValue(value, unit, compression) {
    if (unit === 'bytes')
        return `${(0,src/* formatBytes */.z3)(value)}${compression && compression !== 'raw' ? ` ${String(compression)}` : ''}`;
    if (unit === 'percent')
        return `${value}%`;
    return String(value);
}
function signed(value) {
    const rounded = Math.round(value * 100) / 100;
    return `${rounded > 0 ? '+' : ''}${rounded}`;
}

;// CONCATENATED MODULE: ./packages/render/src/bundle-budget.ts



const LARGEST_FILES = 10;
const CHANGED_FILES = 20;
/** The compression the result's first budget uses: the one tables and charts show. */
function primaryCompression(result) {
    const first = result.checks[0]?.details?.compression;
    return first === 'brotli' || first === 'raw' ? first : 'gzip';
}
function sizeOfItem(item, compression, base = false) {
    const value = item[base ? `base-${compression}` : compression];
    return typeof value === 'number' ? value : 0;
}
function renderBundleBudgetMarkdown(result, options = {}) {
    const compression = primaryCompression(result);
    const parts = [];
    parts.push(`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Bundle budget: ${result.status}`);
    parts.push(`**${cell(result.headline)}**`);
    parts.push(table(['Budget', 'Size', 'Limit', '\u0394 vs base', 'State'], result.checks.map((check) => [
        cell(check.name),
        `${(0,src/* formatBytes */.z3)(check.value)}${check.details?.compression && check.details.compression !== 'raw' ? ` (${String(check.details.compression)})` : ''}`,
        check.limitText ? cell(check.limitText) : '\u2014',
        check.baseline !== undefined ? (0,src/* formatDelta */.CW)(check.value - check.baseline, check.baseline) : '\u2014',
        `${STATUS_ICON[check.status]} ${check.status}`,
    ]), ['left', 'right', 'right', 'right', 'center']));
    const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
    const notes = problems.map((check) => `- ${STATUS_ICON[check.status]} ${cell(check.message ?? check.name)}`);
    for (const message of result.messages.filter((entry) => entry.title === src/* NOT_JUDGED */.Gv))
        notes.push(`- \u2139\ufe0f ${cell(message.text)}`);
    if (notes.length > 0)
        parts.push(notes.join('\n'));
    const largest = largestFiles(result, compression, LARGEST_FILES);
    if (options.chart !== false && largest.length > 1) {
        parts.push(mermaidBarChart(`Largest files (${compression})`, largest.map((item) => shortName(item.id)), largest.map((item) => sizeOfItem(item, compression) / 1000), 'kB'));
    }
    const changes = renderChanges(result, compression);
    if (changes)
        parts.push(changes);
    parts.push(renderFooter(result));
    return markdownBlock(parts);
}
function renderChanges(result, compression) {
    if (!result.baseline)
        return undefined;
    const moved = result.items
        .filter((item) => item.change === 'added' || item.change === 'removed' || item.change === 'changed')
        .map((item) => {
        const now = sizeOfItem(item, compression);
        const before = sizeOfItem(item, compression, true);
        return { item, now, before, delta: (item.change === 'removed' ? 0 : now) - (item.change === 'added' ? 0 : before) };
    })
        .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.item.id.localeCompare(b.item.id));
    if (moved.length === 0)
        return `No file changed against the base (${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : result.baseline.source}).`;
    const rows = moved.slice(0, CHANGED_FILES).map(({ item, now, before, delta }) => [
        code(item.id) + (item.base && item.base !== item.id ? ` \u2190 ${code(String(item.base))}` : ''),
        item.change === 'removed' ? '\u2014' : (0,src/* formatBytes */.z3)(now),
        item.change === 'added' ? 'new' : item.change === 'removed' ? 'removed' : (0,src/* formatDelta */.CW)(delta, before),
    ]);
    const more = moved.length > CHANGED_FILES ? `\n\n\u2026and ${moved.length - CHANGED_FILES} more changed files.` : '';
    return details(`${moved.length} file${moved.length === 1 ? '' : 's'} changed against the base (${compression})`, table(['File', 'Size', '\u0394'], rows, ['left', 'right', 'right']) + more);
}
function renderFooter(result) {
    const facts = [`${result.metrics.files ?? result.items.length} files`];
    if (result.metrics['total-gzip'] !== undefined)
        facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-gzip'])} gzip`);
    if (result.metrics['total-brotli'] !== undefined)
        facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-brotli'])} brotli`);
    facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-raw'] ?? 0)} raw`);
    if (result.baseline)
        facts.push(`base: ${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : cell(result.baseline.source)}`);
    if ((result.metrics.reused ?? 0) > 0)
        facts.push(`${result.metrics.reused} unchanged files not recompressed`);
    return `<sub>${facts.join(' \u00b7 ')}</sub>`;
}
function largestFiles(result, compression, count) {
    const files = result.items.filter((item) => item.change !== 'removed');
    return files.sort((a, b) => sizeOfItem(b, compression) - sizeOfItem(a, compression)).slice(0, count);
}
function shortName(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return name.length > 40 ? `\u2026${name.slice(-39)}` : name;
}
/** The CLI's report of bundle-budget: the budgets as a table, then the largest files and the totals. */
function renderBundleBudgetTerminal(result, options) {
    const count = options.files ?? LARGEST_FILES;
    return renderResultTerminal(result, options, {
        headers: ['Budget', 'Size', 'Limit', '\u0394 vs base', 'State'],
        after: ({ bold, columns }) => {
            if (count <= 0)
                return [];
            const compression = primaryCompression(result);
            const largest = largestFiles(result, compression, count);
            const totals = [
                `${result.metrics.files ?? 0} files \u00b7 ${(0,src/* formatBytes */.z3)(result.metrics['total-raw'] ?? 0)} raw`,
                ...['gzip', 'brotli'].flatMap((kind) => (result.metrics[`total-${kind}`] !== undefined ? [`${(0,src/* formatBytes */.z3)(result.metrics[`total-${kind}`])} ${kind}`] : [])),
            ];
            return [
                '',
                bold(`Largest files (${compression})`),
                ...columns(['File', 'Raw', compression, 'Change'], largest.map((item) => [item.id, (0,src/* formatBytes */.z3)(Number(item.raw)), (0,src/* formatBytes */.z3)(sizeOfItem(item, compression)), String(item.change ?? '')])),
                '',
                totals.join(' \u00b7 '),
            ];
        },
    });
}

;// CONCATENATED MODULE: ./packages/render/src/coverage-gate.ts



const METRICS = ['lines', 'statements', 'functions', 'branches'];
const WORST_CHANGED = 10;
const UNCOVERED_LISTED = 100;
const percent = (value) => (value === undefined ? '\u2014' : `${value}%`);
const delta = (now, before) => {
    if (now === undefined || before === undefined)
        return '\u2014';
    const change = Math.round((now - before) * 100) / 100;
    return `${change > 0 ? '+' : ''}${change}`;
};
function renderCoverageGateMarkdown(result, options = {}) {
    const parts = [`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Coverage: ${result.status}`, `**${cell(result.headline)}**`];
    const thresholds = new Map(result.checks.map((check) => [check.name, check]));
    const base = new Map(result.baseline ? result.checks.filter((check) => check.name.endsWith(' vs base')).map((check) => [check.name.replace(' vs base', ''), check.baseline]) : []);
    const rows = METRICS.filter((metric) => result.metrics[metric] !== undefined).map((metric) => {
        const check = thresholds.get(metric);
        return [
            metric,
            `${percent(result.metrics[metric])} (${result.metrics[`${metric}-covered`]}/${result.metrics[`${metric}-total`]})`,
            check?.limitText ?? '\u2014',
            delta(result.metrics[metric], base.get(metric)),
            check ? `${STATUS_ICON[check.status]} ${check.status}` : '',
        ];
    });
    const patch = thresholds.get('patch');
    if (result.metrics.patch !== undefined || patch) {
        rows.push([
            'changed lines',
            result.metrics.patch === undefined ? '\u2014' : `${percent(result.metrics.patch)} (${result.metrics['patch-covered']}/${result.metrics['patch-total']})`,
            patch?.limitText ?? '\u2014',
            '\u2014',
            patch ? `${STATUS_ICON[patch.status]} ${patch.status}` : '',
        ]);
    }
    // Per-file thresholds, as what they count: `files under 30%: 0 of 12`.
    for (const check of result.checks.filter((entry) => entry.name.startsWith('per-file ') && entry.status !== 'skipped')) {
        rows.push([`${check.name.slice('per-file '.length)}, per file`, cell(countText(check) ?? String(check.value)), check.limitText ? cell(check.limitText) : '\u2014', '\u2014', `${STATUS_ICON[check.status]} ${check.status}`]);
    }
    parts.push(table(['Metric', 'Coverage', 'Threshold', '\u0394 vs base', 'State'], rows, ['left', 'right', 'right', 'right', 'center']));
    const other = result.checks.filter((check) => !METRICS.includes(check.name) && check.name !== 'patch' && check.status !== 'pass');
    const notes = other.map((check) => `- ${STATUS_ICON[check.status]} ${cell(check.message ?? check.name)}`);
    for (const message of result.messages.filter((entry) => entry.title === 'Incomplete report' || entry.title === 'Coverage paths'))
        notes.push(`- \u26a0\ufe0f ${cell(message.text)}`);
    for (const message of result.messages.filter((entry) => entry.title === src/* NOT_JUDGED */.Gv))
        notes.push(`- \u2139\ufe0f ${cell(message.text)}`);
    if (notes.length > 0)
        parts.push(notes.join('\n'));
    const changed = result.items.filter((item) => typeof item['patch-total'] === 'number' && Number(item['patch-total']) > 0);
    if (changed.length > 0) {
        const worst = [...changed].sort((a, b) => ratio(a) - ratio(b) || a.id.localeCompare(b.id)).slice(0, WORST_CHANGED);
        parts.push(`**Worst-covered changed files**\n\n` +
            table(['File', 'Changed lines covered', 'Not covered'], worst.map((item) => [code(item.id), `${item['patch-covered']}/${item['patch-total']}`, item['uncovered-changed'] ? cell(String(item['uncovered-changed'])) : '\u2014']), ['left', 'right', 'left']));
        const uncovered = changed.filter((item) => item['uncovered-changed']);
        if (uncovered.length > WORST_CHANGED) {
            const listed = uncovered.slice(0, UNCOVERED_LISTED).map((item) => `- ${code(item.id)}: ${cell(String(item['uncovered-changed']))}`);
            parts.push(details(`All ${uncovered.length} files with uncovered changed lines`, listed.join('\n') + (uncovered.length > UNCOVERED_LISTED ? `\n- \u2026and ${uncovered.length - UNCOVERED_LISTED} more` : '')));
        }
    }
    const carried = METRICS.filter((metric) => result.metrics[metric] !== undefined);
    parts.push(details(`Coverage of ${result.items.length} files`, table(['File', ...carried], result.items.map((item) => [code(item.id), ...carried.map((metric) => percent(item[metric]))]), ['left', ...carried.map(() => 'right')])));
    return markdownBlock(parts);
}
function ratio(item) {
    return Number(item['patch-covered']) / Math.max(1, Number(item['patch-total']));
}

;// CONCATENATED MODULE: ./packages/render/src/text.ts
/** Controls (but tab and newline) and the bidirectional overrides that make text read otherwise than it is (CVE-2021-42574). */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
/** Text from a file nobody vouches for, without the characters that hide or reorder what a reader sees. */
function removeInvisible(text) {
    return text.replace(INVISIBLE, '');
}
/** At most `max` code points, with an ellipsis when cut. */
function truncateCodePoints(text, max) {
    const points = Array.from(text);
    if (points.length <= max)
        return text;
    return `${points.slice(0, Math.max(0, max - 1)).join('')}\u2026`;
}
/**
 * A copy of a result with every string (headline, messages, checks, items,
 * settings, object keys) mapped, so a gate's own renderer can run on a file
 * nobody vouches for once its text is made safe for where it is shown.
 * Enumerations and the schema id stay as they are: readers match on them.
 */
function mapResultStrings(result, map) {
    const walk = (value) => {
        if (typeof value === 'string')
            return map(value, false);
        if (Array.isArray(value))
            return value.map(walk);
        if (value !== null && typeof value === 'object')
            return Object.fromEntries(Object.entries(value).map(([key, inner]) => [map(key, true), walk(inner)]));
        return value;
    };
    return { ...walk(result), $schema: result.$schema, gate: result.gate, status: result.status };
}

;// CONCATENATED MODULE: ./packages/render/src/index.ts







// EXTERNAL MODULE: ./packages/bundle/src/options.ts
var options = __webpack_require__(3632);
;// CONCATENATED MODULE: ./packages/bundle/src/gate.ts


const BUNDLE_BUDGET_HELP = `Usage: roadstop bundle-budget [options] [globs...]

Measure build output (raw, gzip, brotli) against the budgets of the roadstop
config (.github/roadstop.yml) or of the options, and against a baseline result.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              workspace the globs and config are relative to (default: .)
  --path GLOB            files of one budget; repeatable; replaces the config's budgets
  --name NAME            name of that budget (default: bundle)
  --max SIZE             its largest allowed size, e.g. "400 kB"
  --compression KIND     gzip (default), brotli or raw
  --max-increase X       allowed growth against the baseline, e.g. 2% or "5 kB"
  --gzip-level N         1-9 (default 9)   --brotli-quality N  0-11 (default 11)
  --baseline FILE        a bundle-budget result to compare with ("none" to ignore the config's)
  --fail-on MODE         fail (default) | warn | never
  --allow-empty          pass a budget whose globs match nothing
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a budget failed; 2 a mistake in the
options or config; 3 an internal error.`;
/** Sizes read back from a baseline are whole bytes, never negative. */
const SIZE = { min: 0, integer: true };
/** bundle-budget, as the registry, the edges and the renderers know it. */
const bundleBudgetGate = {
    name: options/* GATE */.k6,
    title: 'Bundle budget',
    summary: 'build output sizes against budgets and the base branch',
    inputs: options/* INPUT_NAMES */.Qh,
    outputs: ['total-raw', 'total-gzip', 'total-brotli'],
    options: options/* BUNDLE_BUDGET_OPTIONS */.Eg,
    resultRanges: {
        item: (field) => (/^(?:base-)?(?:raw|gzip|brotli)$/.test(field) ? SIZE : undefined),
        metric: (name) => (/^total-(?:raw|gzip|brotli)$|^files/.test(name) ? SIZE : undefined),
        check: (unit) => (unit === 'bytes' ? SIZE : undefined),
    },
    resolveOptions: options/* resolveOptions */.$i,
    // The baseline may still be read while the workers start and the globs run.
    // Measuring is loaded when the gate runs: a step that stops at its options never parses it.
    run: async (options, env) => (await __webpack_require__.e(/* import() */ 149).then(__webpack_require__.bind(__webpack_require__, 52149))).runBundleBudget(options, env.baseline, env),
    outputValues: (result) => ({ 'total-raw': result.metrics['total-raw'], 'total-gzip': result.metrics['total-gzip'], 'total-brotli': result.metrics['total-brotli'] }),
    renderMarkdown: renderBundleBudgetMarkdown,
    renderTerminal: renderBundleBudgetTerminal,
    cli: { help: BUNDLE_BUDGET_HELP, positional: 'path', repeatable: ['path'], flags: ['allow-empty'] },
};

// EXTERNAL MODULE: ./packages/canary/src/options.ts
var src_options = __webpack_require__(56404);
;// CONCATENATED MODULE: ./packages/canary/src/render.ts

const figure = (value, unit) => (value === undefined ? '\u2013' : `${Number(value.toPrecision(4))}${unit}`);
/** The decision, then each metric: canary against baseline, n, p, effect, verdict and why; a chart of each over the window. */
function renderCanaryMarkdown(result) {
    const decision = String(result.settings.decision ?? 'inconclusive');
    const parts = [`### ${STATUS_ICON[result.status]} Canary watch: ${decision} (score ${result.metrics.score ?? 0})`, `**${cell(result.headline)}**`];
    const rows = result.checks.map((check) => {
        const unit = check.unit === 'percent' ? '%' : check.unit === 'ms' ? ' ms' : '';
        const d = check.details ?? {};
        const n = `${d.n ?? ''}${d.baselineN !== undefined ? ` / ${d.baselineN}` : ''}`;
        const p = typeof d.p === 'number' ? (d.p < 1e-4 ? d.p.toExponential(1) : String(Number(d.p.toPrecision(2)))) : '\u2013';
        const effect = typeof d.effect === 'number' ? `${d.effect >= 0 ? '+' : ''}${figure(d.effect, check.unit === 'percent' ? ' pp' : unit)}` : '\u2013';
        return [cell(check.name), figure(d.measured === false ? undefined : check.value, unit), figure(check.baseline, unit), n, p, effect, `${STATUS_ICON[check.status]} ${String(d.verdict ?? check.status)}`, cell(check.message ?? '')];
    });
    parts.push(table(['metric', 'canary', 'baseline', 'n (canary / baseline)', 'p', 'effect', 'verdict', 'why'], rows));
    for (const check of result.checks) {
        const points = result.items.filter((item) => item.metric === check.name);
        if (points.length < 2)
            continue;
        // Each point closes an interval: the watch started one interval before the first.
        const start = Number(points[0].t) - Number(result.settings.interval ?? 0);
        const unit = check.unit === 'percent' ? '%' : check.unit === 'ms' ? 'ms' : '';
        const values = (field) => points.map((item) => (typeof item[field] === 'number' ? Number((item[field]).toFixed(3)) : 0));
        const top = Math.max(1e-9, ...values('canary'), ...values('baseline'), check.limit ?? 0);
        const lines = ['```mermaid', 'xychart-beta', `    title "${check.name.replace(/"/g, "'")} (canary${points.some((item) => typeof item.baseline === 'number') ? ', then baseline' : ''})"`, `    x-axis "seconds" [${points.map((item) => Math.round(Number(item.t) - start)).join(', ')}]`, `    y-axis "${unit}" 0 --> ${Number((top * 1.1).toPrecision(3))}`, `    line [${values('canary').join(', ')}]`];
        if (points.some((item) => typeof item.baseline === 'number'))
            lines.push(`    line [${values('baseline').join(', ')}]`);
        lines.push('```');
        parts.push(lines.join('\n'));
    }
    const messages = result.messages.map((message) => `- ${message.level}: ${cell(message.text)}`);
    if (messages.length > 0)
        parts.push(messages.join('\n'));
    return markdownBlock(parts);
}
function renderCanaryTerminal(result, options) {
    const paint = (code, text) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
    const decision = String(result.settings.decision ?? 'inconclusive');
    const lines = [paint(decision === 'promote' ? 32 : decision === 'rollback' ? 31 : 33, `canary-watch: ${result.headline}`)];
    for (const check of result.checks)
        lines.push(`  ${check.name}: ${String(check.details?.verdict ?? check.status)}: ${check.message ?? ''}`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./packages/canary/src/gate.ts


const CANARY_WATCH_HELP = `Usage: roadstop canary-watch [options]

Watch a canary's metrics (Prometheus, Datadog, Sentry or any JSON endpoint) every interval over
a duration, judge each against its limits and the baseline with confidence
bounds and rank tests, and decide promote, rollback or inconclusive.

Options:
  --config FILE                 config file (default: .github/roadstop.yml); metrics under canary-watch:
  --provider NAME               prometheus (default) | http | datadog | sentry
  --prometheus-url URL          e.g. http://127.0.0.1:9090
  --http-headers TEXT           'Name: value' lines for every request (values never printed)
  --token TOKEN                 sent as Authorization: Bearer (never printed)
  --datadog-site SITE           datadoghq.com (default), datadoghq.eu, ... or a URL
  --datadog-api-key KEY         with --datadog-app-key KEY: Datadog's keys (never printed)
  --sentry-url URL              provider sentry: https://sentry.io (default) or self-hosted
  --sentry-org SLUG             with --sentry-project SLUG|ID and --sentry-token TOKEN (never printed)
  --sentry-environment ENV      only this environment's sessions
  --interval D                  between looks, 1s to 6h (default 60s)
  --duration D                  the whole watch, 1s to 6h (default 15m)
  --canary-label L              replaces {{target}} for the canary (default canary)
  --baseline-label L            ... and for the baseline; leave out to judge on limits alone
  --metrics YAML                the metrics list (or canary-watch.metrics in the config)
  --failure-limit N             failing looks in a row that roll back (default 1)
  --consecutive-successes N     passing looks in a row that promote early (default: none)
  --max-consecutive-errors N    provider errors in a row before on-provider-error (default 3)
  --on-provider-error D         inconclusive (default) | rollback
  --false-rollback-rate P       false-rollback budget over the watch (default 0.5%)
  --fail-on D                   rollback (default) | inconclusive
  --report FILE                 also write the result JSON to FILE
  --json                        print the result JSON instead of the report
  --no-color                    plain text
  -h, --help                    this help

Exit codes: 0 promote (or inconclusive with --fail-on rollback); 1 rollback; 2 a
mistake in the options or config; 3 an internal error.`;
/**
 * canary-watch, as the registry knows it. It owns its step: a 15-minute watch
 * is not run by the root action or `roadstop run`.
 */
const canaryWatchGate = {
    name: src_options/* GATE */.k6,
    title: 'Canary watch',
    summary: 'watch a canary\u2019s metrics and decide promote, rollback or inconclusive',
    inputs: src_options/* INPUT_NAMES */.Qh,
    inputDefinitions: src_options/* INPUT_DEFINITIONS */.Y_,
    outputs: ['decision', 'score'],
    options: src_options/* CANARY_WATCH_OPTIONS */.qo,
    ownStep: true,
    resolveOptions: src_options/* resolveCanaryWatchOptions */.wX,
    secretsOf: src_options/* secretsOf */.Fj,
    run: async (options, env) => (await Promise.all(/* import() */[__webpack_require__.e(453), __webpack_require__.e(533)]).then(__webpack_require__.bind(__webpack_require__, 6533))).runCanaryWatch(options, env),
    outputValues: (result) => ({ decision: String(result.settings.decision ?? ''), score: result.metrics.score }),
    renderMarkdown: renderCanaryMarkdown,
    renderTerminal: renderCanaryTerminal,
    cli: { help: CANARY_WATCH_HELP },
};

// EXTERNAL MODULE: ./packages/coverage/src/gate-options.ts
var gate_options = __webpack_require__(13362);
;// CONCATENATED MODULE: ./packages/coverage/src/gate-descriptor.ts


const COVERAGE_GATE_HELP = `Usage: roadstop coverage-gate [options] [reports...]

Check coverage reports (lcov, istanbul JSON, Cobertura, Clover; detected from
content, several files merged) against thresholds, the changed lines of the
branch, and a baseline result, with the config's coverage-gate section.

Options:
  --config FILE          config file (default: .github/roadstop.yml, optional)
  --cwd DIR              repository root (default: .)
  --files GLOB           coverage reports; repeatable (or give them as arguments)
  --preset NAME          launch (60% lines), harden (70%), strict (85%)
  --min-lines N          least coverage in percent; also --min-statements,
                         --min-functions, --min-branches
  --min-patch N          least coverage of the lines changed since --base
  --base REF             commit or branch the changed lines are taken against (e.g. origin/main)
  --max-drop N           largest drop against --baseline, in percentage points
  --baseline FILE        a coverage-gate result to compare with
  --fail-on MODE         fail (default) | warn | never
  --report FILE          also write the result JSON to FILE
  --json                 print the result JSON instead of the table
  --no-color             plain text
  -h, --help             this help

Exit codes: 0 pass, warn or skipped; 1 a check failed; 2 a mistake in the
options or config; 3 an internal error.`;
/** What a baseline's coverage figures may be: percentages, and whole counts of lines. */
const PERCENT = { min: 0, max: 100 };
const COUNT = { min: 0, integer: true };
const OUTPUTS = ['lines', 'statements', 'functions', 'branches', 'patch'];
/** coverage-gate, as the registry, the edges and the renderers know it. */
const coverageGate = {
    name: gate_options/* GATE */.k6,
    title: 'Coverage',
    summary: 'coverage reports against thresholds, changed lines and a baseline',
    inputs: gate_options/* INPUT_NAMES */.Qh,
    outputs: OUTPUTS,
    options: gate_options/* COVERAGE_GATE_OPTIONS */.Yw,
    resultRanges: {
        item: (field) => (/^(?:lines|statements|functions|branches)$/.test(field) ? PERCENT : /-(?:covered|total)$/.test(field) ? COUNT : undefined),
        metric: (name) => (/^(?:lines|statements|functions|branches|patch)$/.test(name) ? PERCENT : /-(?:covered|total)$|^files$|^report-files$/.test(name) ? COUNT : undefined),
        check: (unit) => (unit === 'percent' ? PERCENT : undefined),
    },
    resolveOptions: gate_options/* resolveCoverageOptions */.Hf,
    run: async (options, env) => {
        // In a workflow the pull request gives the base; on a laptop the diff is taken only when asked for.
        const wantsChanges = env.where === 'action' || options.base !== undefined || options.minPatch !== undefined;
        // The parsers and git are loaded when the gate runs: a step that stops at its options never parses them.
        const [{ runCoverageGate }, { repositoryFiles }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(800), __webpack_require__.e(48)]).then(__webpack_require__.bind(__webpack_require__, 48048)), Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 20630))]);
        // A folder that is not a git checkout is listed instead, and the result says so in a notice.
        const notes = [];
        const listed = repositoryFiles(options.workspace, (text) => notes.push({ level: 'notice', title: 'Repository files', text }));
        const [tracked, changes, baseline] = await Promise.all([listed, wantsChanges ? env.changes(options.base) : undefined, env.baseline]);
        return runCoverageGate(options, {
            repositoryFiles: tracked,
            ...(changes ? { changes } : {}),
            ...(baseline ? { baseline } : {}),
            messages: [...env.messages, ...notes],
            ...(env.commit ? { commit: env.commit } : {}),
            ...(env.ref ? { ref: env.ref } : {}),
        });
    },
    outputValues: (result) => Object.fromEntries(OUTPUTS.map((name) => [name, result.metrics[name]])),
    renderMarkdown: (result) => renderCoverageGateMarkdown(result),
    renderTerminal: (result, options) => renderResultTerminal(result, options),
    cli: { help: COVERAGE_GATE_HELP, positional: 'files', repeatable: ['files'] },
};

// EXTERNAL MODULE: ./packages/lighthouse/src/options.ts
var lighthouse_src_options = __webpack_require__(19636);
// EXTERNAL MODULE: ./packages/lighthouse/src/judge.ts
var judge = __webpack_require__(3693);
;// CONCATENATED MODULE: ./packages/lighthouse/src/render.ts



const VITAL_KEYS = Object.keys(lighthouse_src_options/* VITALS */.gA);
/** A score with the spread of its runs: `92 (88\u201394)`. */
function scoreText(item, category) {
    const score = item[category];
    if (typeof score !== 'number')
        return '\u2014';
    const min = item[`${category}-min`];
    const max = item[`${category}-max`];
    return typeof min === 'number' && typeof max === 'number' && min !== max ? `${score} (${min}\u2013${max})` : String(score);
}
function checkFor(result, page, name) {
    return result.checks.find((check) => check.name === `${page} ${name}`);
}
/** Job summary and PR comment: a table of pages (scores, vitals), the failing assertions with the audits that cost most. */
function renderLighthouseMarkdown(result, options = {}) {
    const parts = [`${options.heading ?? '###'} ${STATUS_ICON[result.status]} Lighthouse: ${result.status}`, `**${cell(result.headline)}**`];
    if (result.items.length > 0) {
        const rows = result.items.map((item) => [
            code(item.id),
            ...lighthouse_src_options/* CATEGORIES */.R6.map((category) => {
                const check = checkFor(result, item.id, judge/* CATEGORY_LABEL */.gh[category]);
                return `${check && check.status !== 'pass' ? `${STATUS_ICON[check.status]} ` : ''}${scoreText(item, category)}${check?.limitText ? ` / ${check.limitText}` : ''}`;
            }),
            ...VITAL_KEYS.map((vital) => {
                const value = item[vital];
                const check = checkFor(result, item.id, lighthouse_src_options/* VITALS */.gA[vital].label);
                return typeof value === 'number' ? `${check && check.status !== 'pass' ? `${STATUS_ICON[check.status]} ` : ''}${(0,judge/* formatVital */.Ev)(vital, value)}` : '\u2014';
            }),
            String(item.runs ?? ''),
        ]);
        parts.push(table(['Page', ...lighthouse_src_options/* CATEGORIES */.R6.map((category) => capitalize(judge/* CATEGORY_LABEL */.gh[category])), ...VITAL_KEYS.map((vital) => lighthouse_src_options/* VITALS */.gA[vital].label), 'Runs'], rows, ['left', ...lighthouse_src_options/* CATEGORIES */.R6.map(() => 'right'), ...VITAL_KEYS.map(() => 'right'), 'right']));
    }
    const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
    if (problems.length > 0) {
        parts.push(problems
            .map((check) => {
            const audits = typeof check.details?.audits === 'string' ? check.details.audits.split('; ') : [];
            const head = `- ${STATUS_ICON[check.status]} ${cell(check.message?.split('; cost the most:')[0] ?? check.name)}`;
            return audits.length > 0 ? `${head}; cost the most:\n${audits.map((audit) => `  - ${cell(audit)}`).join('\n')}` : head;
        })
            .join('\n'));
    }
    const budgets = result.checks.filter((check) => check.unit === 'bytes');
    if (budgets.length > 0) {
        parts.push(details('Resource budgets', table(['Page', 'Resource', 'Transfer', 'Budget', 'State'], budgets.map((check) => [code(String(check.details?.page ?? '')), String(check.details?.resource ?? ''), `${Math.round(check.value / 100) / 10} kB`, check.limitText ?? '', `${STATUS_ICON[check.status]} ${check.status}`]), ['left', 'left', 'right', 'right', 'center'])));
    }
    const notes = result.messages.filter((message) => message.level !== 'error').map((message) => `- ${message.level === 'warning' ? '\u26a0\ufe0f' : '\u2139\ufe0f'} ${cell(message.text)}`);
    if (result.status === 'fail' && result.items.length === 0)
        notes.unshift(...result.messages.filter((message) => message.level === 'error').map((message) => `- \u274c ${cell(message.text)}`));
    if (notes.length > 0)
        parts.push(notes.join('\n'));
    const facts = [];
    if (result.metrics.runs !== undefined)
        facts.push(`${result.metrics.runs} run${result.metrics.runs === 1 ? '' : 's'} per page, the median run judged`);
    if (result.baseline)
        facts.push(`base: ${result.baseline.commit ? code(result.baseline.commit.slice(0, 7)) : cell(result.baseline.source)}`);
    facts.push('nothing uploaded to public storage');
    parts.push(`<sub>${facts.join(' \u00b7 ')}</sub>`);
    // A blank line after the closing HTML, so a block concatenated after this one still renders as markdown on GitHub.
    return `${parts.join('\n\n')}\n\n`;
}
/** The CLI's report: the checks table and problems as every gate prints them, then the pages with their scores. */
function renderLighthouseTerminal(result, options) {
    const lines = [renderResultTerminal(result, options).trimEnd()];
    if (result.items.length > 0) {
        lines.push('', 'Pages (median run; the spread of the runs in brackets)');
        for (const item of result.items) {
            const scores = lighthouse_src_options/* CATEGORIES */.R6.map((category) => `${judge/* CATEGORY_LABEL */.gh[category]} ${scoreText(item, category)}`).join(' \u00b7 ');
            const vitals = VITAL_KEYS.filter((vital) => typeof item[vital] === 'number')
                .map((vital) => `${lighthouse_src_options/* VITALS */.gA[vital].label} ${(0,judge/* formatVital */.Ev)(vital, item[vital])}`)
                .join(' \u00b7 ');
            lines.push(`  ${item.id}`, `    ${scores}`, ...(vitals ? [`    ${vitals}`] : []));
            if (typeof item['report-html'] === 'string')
                lines.push(`    report: ${item['report-html']}`);
        }
    }
    return `${lines.join('\n')}\n`;
}
function capitalize(text) {
    return text === 'SEO' ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./packages/lighthouse/src/gate.ts


const LIGHTHOUSE_GATE_HELP = `Usage: roadstop lighthouse-gate [options] [urls...]

Run Lighthouse (through lhci collect, with Chrome or Chromium) on a static
build folder served locally or on URLs, several runs per page, and judge each
page's median run against least scores, Core Web Vitals limits, resource
budgets and a baseline result, with the config's lighthouse-gate section.
Nothing is uploaded to any public storage.

Options:
  --config FILE            config file (default: .github/roadstop.yml, optional)
  --cwd DIR                repository root (default: .)
  --static-dir DIR         build folder to serve and measure, e.g. dist
  --urls URL               pages already served; repeatable (or give them as arguments)
  --runs N                 Lighthouse runs per page, 1-20 (default 3)
  --preset NAME            launch (every category \u2265 80), harden (85), strict (90)
  --min-performance N      least score 0-100; also --min-accessibility,
                           --min-best-practices, --min-seo
  --max-lcp MS             largest LCP, e.g. 2500 or 2.5s; also --max-tbt MS, --max-cls 0.1
  --max-drop N             largest drop of a score against --baseline, in points
  --chrome-path FILE       Chrome or Chromium (default: CHROME_PATH, then PATH)
  --baseline FILE          a lighthouse-gate result to compare with
  --fail-on MODE           fail (default) | warn | never
  --report FILE            also write the result JSON to FILE
  --json                   print the result JSON instead of the table
  --no-color               plain text
  -h, --help               this help

Exit codes: 0 pass, warn or skipped (no browser); 1 a check failed; 2 a mistake
in the options or config; 3 an internal error.`;
/** lighthouse-gate, as the registry, the edges and the renderers know it. */
const lighthouseGate = {
    name: lighthouse_src_options/* GATE */.k6,
    title: 'Lighthouse',
    summary: 'Lighthouse scores, Core Web Vitals and resource budgets of a build or a preview URL',
    inputs: lighthouse_src_options/* INPUT_NAMES */.Qh,
    outputs: lighthouse_src_options/* CATEGORIES */.R6,
    options: lighthouse_src_options/* LIGHTHOUSE_GATE_OPTIONS */.ms,
    resolveOptions: lighthouse_src_options/* resolveLighthouseOptions */.Xw,
    // lhci, Chrome discovery and the judge are loaded when the gate runs, not when a step stops at its options.
    run: async (options, env) => (await __webpack_require__.e(/* import() */ 920).then(__webpack_require__.bind(__webpack_require__, 81920))).runLighthouseGate(options, env),
    outputValues: (result) => Object.fromEntries(lighthouse_src_options/* CATEGORIES */.R6.map((category) => [category, result.metrics[category]])),
    renderMarkdown: renderLighthouseMarkdown,
    renderTerminal: renderLighthouseTerminal,
    cli: { help: LIGHTHOUSE_GATE_HELP, positional: 'urls', repeatable: ['urls'] },
};

;// CONCATENATED MODULE: ./packages/gates/src/registry.ts





/**
 * Every gate roadstop has, once, in the order a pipeline runs them (tests
 * before build output). The root action, `roadstop run`, the CLI's commands,
 * the config file's sections, the result check, the PR comment and Slack
 * iterate this list; adding a gate is one package exporting a descriptor, one
 * line here and one thin action folder.
 */
const GATES = [coverageGate, bundleBudgetGate, lighthouseGate, canaryWatchGate];
/**
 * Config sections of the steps that are not gates: reserved names, any map,
 * read by nothing yet (their actions take inputs only).
 */
const STEP_SECTIONS = {
    'pr-staging-comment': { description: 'Reserved for pr-staging-comment (which takes its settings as inputs); any map.' },
    'slack-notify': { description: 'Reserved for slack-notify (which takes its settings as inputs); any map.' },
};
/** Every section a config may hold: each gate's, from its descriptor, then the steps'. */
function registry_configSections(gates = GATES) {
    const sections = {};
    for (const gate of gates)
        sections[gate.name] = { description: `${gate.title}: ${gate.summary}.`, options: gate.options };
    return { ...sections, ...STEP_SECTIONS };
}
function gateNamed(name) {
    return GATES.find((gate) => gate.name === name);
}
/** The result ranges of a result file's gate, for reading results back. */
function resultRangesOf(gate) {
    return gateNamed(gate)?.resultRanges;
}
/** A result file's markdown: its gate's own renderer, or the generic checks table for a gate this build does not know. */
function renderGateMarkdown(result) {
    return gateNamed(result.gate)?.renderMarkdown(result) ?? renderResultMarkdown(result);
}
function renderGateTerminal(result, options) {
    return gateNamed(result.gate)?.renderTerminal(result, options) ?? renderResultTerminal(result, options);
}

;// CONCATENATED MODULE: ./packages/gates/src/index.ts


// EXTERNAL MODULE: ./packages/action/src/io.ts
var src_io = __webpack_require__(88178);
;// CONCATENATED MODULE: ./packages/action/src/gate-step.ts





/** Every input of a gate's action.yml, in order: config, the gate's own, then the common step inputs. */
function actionInputNames(gate) {
    return ['config', ...gate.inputs, ...STEP_INPUTS];
}
/** Every output of a gate's action.yml. */
function actionOutputNames(gate) {
    return ['status', 'report', ...gate.outputs];
}
/**
 * A single-gate action's whole step: read the inputs once, mask the token,
 * run the gate, fail the step when it blocks; every error reported once,
 * never as a stack.
 */
async function runGateAction(gate) {
    const prefix = stepPrefix(gate);
    try {
        const inputs = readStepInputs(gate.inputs, getInput, `roadstop-${gate.name}`);
        setSecret(inputs.token);
        const outcome = await gate_step_runGateInStep(gate, inputs);
        if (outcome.blocking)
            fail(`${prefix}: ${outcome.headline}`);
    }
    catch (error) {
        reportError(prefix, error);
    }
}
/**
 * One gate inside a step, start to end: config, options, report path,
 * baseline, run, result file, outputs (prefixed with `outputPrefix` when the
 * root action runs several gates), annotations, summary and the baseline upload.
 */
async function gate_step_runGateInStep(gate, inputs, outputPrefix = '') {
    // Masked before the config is read: a mistake reported from here on may quote an input. Credentials written
    // in a URL input (lighthouse-gate's urls) are masked in the log and scrubbed from the result too.
    const masked = [...secretInputValues(gate.inputDefinitions, inputs.gate), ...Object.values(inputs.gate).flatMap((value) => (value ?? '').split(/[\s,]+/).flatMap(urlCredentials))];
    for (const value of masked)
        setSecret(value);
    const context = readRunnerContext();
    const workspace = resolve(context.workspace);
    const config = loadConfig(inputs.config, { workspace, input: 'config', sections: configSections() });
    warnConfig(stepPrefix(gate), config.warnings.filter((warning) => warning.key.startsWith(`${gate.name}.`)));
    const options = gate.resolveOptions(config.section(gate.name), inputs.gate, workspace);
    // Secrets the config file gave (not inputs, so not masked above) are masked before the run first uses them.
    const fromConfig = (gate.secretsOf?.(options) ?? []).filter((value) => value !== '' && !masked.includes(value));
    for (const value of fromConfig)
        setSecret(value);
    masked.push(...fromConfig);
    // What follows (the report path, the baseline and its GitHub client, the run, the result, the summary) is loaded
    // only now: a step that stops at its inputs, config or options never parses it.
    const { runResolvedGate } = await __webpack_require__.e(/* import() */ 301).then(__webpack_require__.bind(__webpack_require__, 97301));
    return runResolvedGate(gate, inputs, { options, context, workspace, masked, outputPrefix });
}

;// CONCATENATED MODULE: ./packages/action/src/root-step.ts





const PREFIX = 'roadstop';
/**
 * The one-line adoption: `uses: owner/roadstop@v1` runs every gate of the
 * registry that the config names, in the registry's order, each with its own
 * outputs (`<gate>-status`, `<gate>-report`), and fails when any gate blocks.
 */
async function runRootAction(registry) {
    // A gate that owns its step (canary-watch's watch) is never run here.
    const gates = registry.filter((gate) => !gate.ownStep);
    try {
        const token = getInput('github-token');
        setSecret(token);
        const configPath = getInput('config');
        const upload = getInput('upload') || 'auto';
        if (!UPLOAD_MODES.includes(upload)) {
            throw new ConfigurationError(`'${upload}' is not one of ${UPLOAD_MODES.join(', ')}`, { input: 'upload' });
        }
        const workspace = resolve(readRunnerContext().workspace);
        // Each gate's step reads it again and warns of deprecated keys; this read only finds the gates it names.
        const config = loadConfig(configPath, { workspace, input: 'config', sections: configSections(registry) });
        const names = gates.map((gate) => gate.name).join(', ');
        if (config.file === undefined) {
            throw new ConfigurationError(`config file not found: ${configPath || DEFAULT_CONFIG_PATH} does not exist in the workspace`, { input: 'config' }, `the root action runs the gates a config file names (${names}); add the file, or use one gate's action with inputs`);
        }
        const named = gates.filter((gate) => config.root.has(gate.name));
        if (named.length === 0) {
            throw new ConfigurationError(`names no gate this action runs (${names})`, { input: 'config', file: config.file }, `add a section such as ${gates.map((gate) => `${gate.name}:`).join(' or ')}`);
        }
        const statuses = [];
        const reports = {};
        const blocking = [];
        for (const gate of named) {
            try {
                const outcome = await runGateInStep(gate, { config: configPath, gate: {}, report: '', artifactName: `roadstop-${gate.name}`, upload: upload, token }, `${gate.name}-`);
                statuses.push(outcome.status);
                reports[gate.name] = outcome.report;
                if (outcome.blocking)
                    blocking.push(`${gate.name}: ${outcome.headline}`);
            }
            catch (error) {
                // One gate's mistake must not hide the others' results.
                reportError(`${PREFIX} ${gate.name}`, error);
                statuses.push('fail');
            }
        }
        setOutput('status', worstStatus(statuses));
        setOutput('report', JSON.stringify(reports));
        if (blocking.length > 0)
            fail(`${PREFIX}: ${blocking.join('; ')}`);
    }
    catch (error) {
        reportError(PREFIX, error);
    }
}

// EXTERNAL MODULE: ./packages/action/src/runner.ts
var runner = __webpack_require__(29768);
;// CONCATENATED MODULE: ./packages/action/src/step.ts


/**
 * Run a non-gate action's body with the runner's protocol; any error it
 * throws is reported once (a ConfigurationError on its input, file and line,
 * the runner's problems as such, anything else as a bug), never as a stack.
 */
async function runActionStep(name, body) {
    const prefix = `roadstop ${name}`;
    const io = (0,src_io/* coreIo */.I0)(prefix);
    const step = {
        input: src_io/* getInput */.V4,
        output: (output, value) => (0,src_io/* setOutput */.uH)(output, value === undefined ? '' : String(value)),
        secret: src_io/* setSecret */.Pq,
        info: src_io/* info */.pq,
        debug: runner/* debug */.Yz,
        annotate: (message) => io.annotate(message),
        summary: (markdown) => io.summary(markdown),
        fail: (text) => (0,src_io/* fail */.fJ)(`${prefix}: ${text}`),
        saveState: runner/* saveState */.LZ,
        state: runner/* getState */.Gu,
    };
    try {
        await body(step);
    }
    catch (error) {
        (0,src_io/* reportError */.N7)(prefix, error);
    }
}

;// CONCATENATED MODULE: ./packages/action/src/index.ts




// EXTERNAL MODULE: ./packages/slack/src/errors.ts
var errors = __webpack_require__(9257);
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

// EXTERNAL MODULE: ./packages/github/src/index.ts + 7 modules
var github_src = __webpack_require__(76610);
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
    return files.map(({ result }) => mapResultStrings(result, (text, isKey) => truncateCodePoints(removeInvisible(text), isKey ? 100 : MAX_RESULT_TEXT)));
}
/** One line per gate, as plain text (escaped where it is placed): `\u2705 Coverage 84.5% (+0.5 pt): lines 84.5% of 80%`. */
function resultLine(result) {
    const { title, rest } = lineParts(result);
    return `${STATUS_ICON[result.status]} ${title}${rest}`;
}
function lineParts(result) {
    const main = result.checks[0];
    const figure = main ? ` ${formatFigure(main.value, main.unit)}${main.baseline !== undefined ? ` (${formatChange(main)})` : ''}` : '';
    return { title: gateNamed(result.gate)?.title ?? result.gate, rest: `${figure}: ${result.headline}` };
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
        return `${STATUS_ICON[result.status]} *${escapeMrkdwn(title)}*${escapeMrkdwn(rest)}`;
    });
    return section(`*Road stops* (${results.length})\n${lines.join('\n')}`);
}
/** Each gate's own report, as its renderer prints it, in a code block of its own. */
function resultReportBlocks(results) {
    return results.map((result) => section(codeBlock(renderGateTerminal(result, { color: false }).trimEnd())));
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
    const lines = [`${story.icon} *${escapeMrkdwn(templates_capitalize(story.status || story.event))}*${canary ? ` \u00b7 ${escapeMrkdwn(canary)}` : ''}${story.duration ? ` \u00b7 ${story.duration}` : ''}`];
    if (story.text)
        lines.push(escapeMrkdwn(story.text));
    const blocks = [section(lines.join('\n'))];
    if (results.length > 0)
        blocks.push(resultSummaryBlock(results), ...resultReportBlocks(results));
    blocks.push(...linkBlocks(story));
    return { text: escapeMrkdwn(`${story.icon} ${templates_capitalize(story.status || story.event)}${story.text ? `: ${story.text}` : ''}`), blocks };
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
function templates_capitalize(text) {
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
    const read = await (0,src/* readResultFiles */.fE)(inputs.results, { workspace, runnerTemp: env.RUNNER_TEMP, input: 'results', warn, ranges: resultRangesOf });
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
    const rows = outcomes.map((outcome) => [cell(nameOf(outcome.destination)), outcome.ok ? '\u2705 sent' : '\u274c failed', outcome.ts ? `\`${outcome.ts}\`` : '\u2014', cell(outcome.ok ? outcome.did : (outcome.error?.message ?? ''))]);
    return `### Slack\n\n${table(['Destination', 'Result', 'Message ts', 'Details'], rows)}\n`;
}

;// CONCATENATED MODULE: ./packages/slack/src/index.ts
// Not the transports (web-api.ts, webhook.ts): they load @slack/web-api, which a step that stops at its inputs never needs.












;// CONCATENATED MODULE: ./actions/slack-notify/src/main.ts


const run = () => runActionStep('slack-notify', (step) => slackNotify(step));


/***/ }),

/***/ 88178:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I0: () => (/* binding */ coreIo),
/* harmony export */   N7: () => (/* binding */ reportError),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   VN: () => (/* binding */ stepPrefix),
/* harmony export */   fJ: () => (/* binding */ fail),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony export warnConfig */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29768);


/*
 * The one module through which every action speaks to the runner: inputs,
 * outputs, annotations, summary and failure (over runner.ts, the runner's
 * protocol as @actions/core writes it).
 */
const getInput = _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .getInput */ .V4;
const info = _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq;
const setOutput = (name, value) => _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .setOutput */ .uH(name, value);
const fail = _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1;
/** How a gate's step names itself in errors and annotations. */
function stepPrefix(gate) {
    return `roadstop ${gate.name}`;
}
/**
 * Mask a secret, and each line of one that spans lines: the runner masks line
 * by line, so a multi-line value registered whole would show its lines.
 */
function setSecret(value) {
    if (!value)
        return;
    _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(value);
    const lines = value.split(/\r\n|\r|\n/).map((line) => line.trim());
    if (lines.length > 1)
        for (const line of new Set(lines))
            if (line.length >= 4)
                _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(line);
}
/**
 * Report an error once: the user's mistake as one `::error` on its file and
 * line (the exit code is set without a second annotation), a problem of the
 * runner's environment as such, anything else as a bug with its stack in the
 * debug log only.
 */
function reportError(prefix, error) {
    if ((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isConfigurationError */ .p0)(error)) {
        _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .annotate */ .fz('error', error.describe(), { title: prefix, file: error.location.file, startLine: error.location.line });
        process.exitCode = 1;
        return;
    }
    if (!(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isEnvironmentError */ .oz)(error))
        _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(error instanceof Error && error.stack ? error.stack : String(error));
    _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1(`${prefix}: ${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(error)}`);
}
/** Deprecated config keys, each a warning on its file and line. */
function warnConfig(prefix, warnings) {
    for (const warning of warnings)
        runner.annotate('warning', warning.text, { title: prefix, file: warning.file, startLine: warning.line });
}
/** What a step writes to the runner: outputs, annotations, the summary, notices. */
function coreIo(prefix) {
    return {
        output: setOutput,
        annotate: (message) => _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .annotate */ .fz(message.level, message.text, { title: message.title ?? prefix, file: message.file, startLine: message.line }),
        // The summary is a courtesy: a runner without a writable GITHUB_STEP_SUMMARY must not turn a verdict into an error.
        summary: (markdown) => {
            try {
                _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .appendSummary */ .fe(markdown);
            }
            catch (error) {
                _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .annotate */ .fz('warning', `the job summary was not written: ${describeSummaryProblem(error)}`, { title: prefix });
            }
            return Promise.resolve();
        },
        notice: (text) => _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .annotate */ .fz('notice', text, { title: prefix }),
    };
}
function describeSummaryProblem(error) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return 'GITHUB_STEP_SUMMARY is not set (this is not a GitHub Actions runner, or it is an old one)';
    return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .isEnvironmentError */ .oz)(error) ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(error) : error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 29768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   fz: () => (/* binding */ annotate),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports neutralizeCommands, issueCommand, heredocDelimiter */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);


/*
 * Workflow-command injection. The runner reads a step's stdout line by line
 * (.NET's ReadLine: \n, \r\n and a lone \r all end a line) and takes a line
 * as a command in two ways (actions/runner, src/Runner.Common/ActionCommand.cs):
 * - TryParseV2: the line, its leading whitespace trimmed (TrimStart: every
 *   Unicode space, NEL and tab), starts with `::`; the name that follows is
 *   looked up among the registered commands, whatever its case.
 * - TryParse, the legacy form: `##[name ...]` ANYWHERE in the line.
 * Both use .NET's culture-aware StartsWith/IndexOf, which may skip ignorable
 * characters (zero-width, soft hyphen, control), so those count as nothing
 * here. @actions/core writes info() and an output's value as they are; this
 * edge writes text it got from outside (a server's answer, an input, a PR
 * comment), so every such line is neutralised with a backslash: `\::error::`
 * and `##\[`. Normal text is unchanged, and markdown renders `\:` and `\[`
 * as the character itself. Annotation messages and properties need nothing
 * more than @actions/core's escaping: a command's line breaks become %0A.
 */
const IGNORABLE = '\\p{Cc}\\p{Cf}';
const COMMAND_START = new RegExp(`^([\\s\\u0085${IGNORABLE}]*)(:[${IGNORABLE}]*:)`, 'u');
const LEGACY_COMMAND = new RegExp(`#([${IGNORABLE}]*)#([${IGNORABLE}]*)\\[`, 'gu');
/** Text with no line the runner would read as a workflow command (see above); text without one is returned as it is. */
function neutralizeCommands(text) {
    // One line per \r, \n or \r\n, as the runner splits them: `m` alone would miss a lone \r.
    return text
        .split(/(\r\n|\r|\n)/)
        .map((part) => part.replace(COMMAND_START, '$1\\$2').replace(LEGACY_COMMAND, '#$1#$2\\['))
        .join('');
}
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function toCommandValue(value) {
    if (value === null || value === undefined)
        return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function escapeData(value) {
    return toCommandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function issueCommand(command, properties, message) {
    const pairs = Object.entries(properties)
        .filter(([, value]) => value)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`);
    writeOut(`::${command}${pairs.length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
}
function annotate(level, message, properties = {}) {
    // @actions/core's toCommandProperties: the same names, in the same order.
    const { title, file, startLine: line, endLine, startColumn: col, endColumn } = properties;
    issueCommand(level, { title, file, line, endLine, col, endColumn }, message);
}
function info(message) {
    writeOut(`${neutralizeCommands(message)}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
}
function debug(message) {
    issueCommand('debug', {}, message);
}
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function setFailed(message) {
    process.exitCode = 1;
    annotate('error', message);
}
/** An output: the GITHUB_OUTPUT file with a random heredoc delimiter, or the old `set-output` command without one. */
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT ?? '';
    if (!file) {
        writeOut(node_os__WEBPACK_IMPORTED_MODULE_1__.EOL);
        issueCommand('set-output', { name }, toCommandValue(value));
        return;
    }
    appendFileCommand('OUTPUT', file, name, neutralizeCommands(toCommandValue(value)));
}
/** State for the action's post step (GITHUB_STATE), read there as STATE_<name>: written as an output is. */
function saveState(name, value) {
    const file = process.env.GITHUB_STATE ?? '';
    if (file)
        appendFileCommand('STATE', file, name, value);
}
/** What the main step saved with saveState, in the post step; '' when nothing. */
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
/**
 * A heredoc delimiter for an output, shaped as @actions/core makes one
 * (ghadelimiter_ and a random version-4 UUID), drawn again until neither the
 * name nor the value holds it: that check, not the randomness, is what keeps a
 * value from ending its heredoc early. Math.random, not node:crypto, whose
 * loading alone cost a step that writes one output a fifth of bare node's
 * start-up.
 */
function heredocDelimiter(content) {
    for (;;) {
        let hex = '';
        while (hex.length < 32)
            hex += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
        const variant = '89ab'[Math.floor(Math.random() * 4)];
        const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
        const delimiter = `ghadelimiter_${uuid}`;
        if (!content.includes(delimiter))
            return delimiter;
    }
}
/**
 * Text to the step's log, written straight to file descriptor 1: creating
 * process.stdout builds a stream (a socket on a pipe) that a step printing a
 * few lines does not need. Should the descriptor refuse for now (EAGAIN: a
 * non-blocking pipe that is full), this and every later line go through
 * process.stdout, which queues, so nothing is lost or reordered.
 */
let throughStream = false;
function writeOut(text) {
    if (throughStream) {
        process.stdout.write(text);
        return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
        while (written < bytes.length)
            written += (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(1, bytes, written);
    }
    catch (error) {
        if (error.code !== 'EAGAIN')
            throw error;
        throughStream = true;
        process.stdout.write(bytes.subarray(written));
    }
}
/** `name<<delimiter`, the value, the delimiter: a value of any lines, appended to GITHUB_OUTPUT or GITHUB_STATE. */
function appendFileCommand(command, file, name, value) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        throw new Error(`Missing file at path: ${file} (GITHUB_${command})`);
    const delimiter = heredocDelimiter(`${name}\n${value}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`, { encoding: 'utf8' });
}
/** Append markdown to the job summary, as core.summary.addRaw(markdown, true).write() does. */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, `${neutralizeCommands(markdown)}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`, { encoding: 'utf8' });
}


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ resolveOptions),
/* harmony export */   Eg: () => (/* binding */ BUNDLE_BUDGET_OPTIONS),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   k6: () => (/* binding */ GATE)
/* harmony export */ });
/* unused harmony export COMPRESSIONS */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);

const GATE = 'bundle-budget';
const COMPRESSIONS = ['gzip', 'brotli', 'raw'];
/** The inputs both edges (action and CLI) accept, as raw strings; absent or empty means "not given". */
const INPUT_NAMES = [
    'path',
    'name',
    'max',
    'compression',
    'max-increase',
    'gzip-level',
    'brotli-quality',
    'baseline',
    'fail-on',
    'allow-empty',
];
const LIMITS = {
    path: { type: 'string-list', description: 'Globs of the files measured together (! excludes).' },
    max: { type: 'string-or-number', description: 'Largest allowed size, e.g. 400 kB, 1.5 MB, 512 KiB or bytes.' },
    warn: { type: 'string-or-number', description: 'Size above which the budget warns without failing.' },
    compression: { type: 'string', enum: COMPRESSIONS, description: 'gzip, brotli or raw; default: the section\'s compression.' },
    'max-increase': { type: 'string-or-number', description: 'How much it may grow against the baseline, e.g. 2% or 5 kB.' },
};
/** The `bundle-budget:` section's keys: checked by the config file, written into the JSON Schema. */
const BUNDLE_BUDGET_OPTIONS = {
    budgets: { type: 'list', description: 'The budgets: each a name, globs and limits.', keys: { name: { type: 'string', description: 'Shown in tables; default: its globs.' }, ...LIMITS } },
    total: { type: 'map', description: 'Limits of the whole output (every file any budget measured, or path when set).', keys: LIMITS },
    compression: { type: 'string', enum: COMPRESSIONS, default: 'gzip' },
    'max-increase': { type: 'string-or-number' },
    'gzip-level': { type: 'number', minimum: 1, maximum: 9, integer: true, default: 9 },
    'brotli-quality': { type: 'number', minimum: 0, maximum: 11, integer: true, default: 11 },
    'allow-empty': { type: 'boolean', default: false },
    ..._roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .COMMON_GATE_OPTIONS */ .L8,
};
/**
 * Merge the config file's `bundle-budget:` section with the inputs: an input,
 * when given, wins over the file. `path` (with `max`, `name`) replaces the
 * file's budgets with one budget, the quick one-budget case.
 */
function resolveOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(BUNDLE_BUDGET_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const input = (name) => ({ input: name });
    const from = (name) => (given(name) ? input(name) : section.locate(name));
    const compression = given('compression')
        ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(given('compression'), COMPRESSIONS, input('compression'))
        : (section.oneOf('compression', COMPRESSIONS) ?? 'gzip');
    const maxIncreaseText = given('max-increase') ?? section.stringOrNumber('max-increase');
    const maxIncrease = maxIncreaseText === undefined ? undefined : (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseIncrease */ .KW)(maxIncreaseText, from('max-increase'));
    // Range and default from the option's definition: the schema says the same.
    const level = (name) => {
        const definition = BUNDLE_BUDGET_OPTIONS[name];
        const text = given(name);
        return text ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(text, input(name), (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(definition)) : (section.number(name, (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(definition)) ?? definition.default);
    };
    const gzipLevel = level('gzip-level');
    const brotliQuality = level('brotli-quality');
    const defaults = { compression, ...(maxIncrease ? { maxIncrease } : {}) };
    let budgets;
    if (given('path')) {
        const patterns = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(given('path'));
        budgets = [
            {
                name: given('name') ?? 'bundle',
                patterns,
                ...defaults,
                ...(given('max') ? { max: (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(given('max'), input('max')) } : {}),
                origin: input('path'),
            },
        ];
    }
    else {
        budgets = section.sections('budgets').map((entry) => readBudget(entry, defaults));
        if (given('max')) {
            if (budgets.length !== 1) {
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(budgets.length === 0 ? 'there is no budget for it to limit' : `the config has ${budgets.length} budgets and one max cannot apply to all`, input('max'), budgets.length === 0 ? "give the input 'path' too" : 'set max on each budget in the config');
            }
            budgets[0].max = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(given('max'), input('max'));
        }
    }
    if (given('name') && !given('path'))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1("'name' names the budget given by 'path'", input('name'), "give 'path' too");
    if (budgets.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('nothing to measure', section.file ? section.locate() : input('path'), `give the input 'path' (globs of the build output) or a list under bundle-budget.budgets in ${section.file ?? '.github/roadstop.yml'}`);
    }
    const names = new Set();
    for (const budget of budgets) {
        if (names.has(budget.name))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`two budgets are named '${budget.name}'`, budget.origin, 'names must be unique');
        names.add(budget.name);
    }
    const totalSection = section.section('total');
    totalSection.rejectUnknown(Object.keys(LIMITS));
    const totalPatterns = totalSection.stringList('path');
    const total = {
        ...readLimits(totalSection, defaults),
        patterns: totalPatterns ?? [...new Set(budgets.flatMap((budget) => budget.patterns))],
        origin: totalSection.locate(),
    };
    const baseline = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBaselineSpec */ .gz)(given('baseline') ?? section.string('baseline'), from('baseline'));
    const failOn = given('fail-on') ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseFailOn */ .XV)(given('fail-on'), input('fail-on')) : (section.oneOf('fail-on', _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .FAIL_ON */ .d$) ?? 'fail');
    const allowEmpty = given('allow-empty') ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBoolean */ .yG)(given('allow-empty'), input('allow-empty')) : (section.boolean('allow-empty') ?? false);
    return { workspace, budgets, total, gzipLevel, brotliQuality, allowEmpty, baseline, failOn };
}
function readBudget(entry, defaults) {
    entry.rejectUnknown(Object.keys(BUNDLE_BUDGET_OPTIONS.budgets.keys));
    const patterns = entry.stringList('path');
    if (!patterns || patterns.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('a budget needs a path (a glob or a list of globs)', entry.locate());
    }
    return { name: entry.string('name') ?? patterns.join(', '), patterns, ...readLimits(entry, defaults), origin: entry.locate() };
}
function readLimits(entry, defaults) {
    const max = entry.stringOrNumber('max');
    const warn = entry.stringOrNumber('warn');
    const increase = entry.stringOrNumber('max-increase');
    const limits = {
        compression: entry.oneOf('compression', COMPRESSIONS) ?? defaults.compression,
    };
    if (max !== undefined)
        limits.max = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(max, entry.locate('max'));
    if (warn !== undefined)
        limits.warn = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB)(warn, entry.locate('warn'));
    if (increase !== undefined)
        limits.maxIncrease = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseIncrease */ .KW)(increase, entry.locate('max-increase'));
    else if (defaults.maxIncrease)
        limits.maxIncrease = defaults.maxIncrease;
    if (limits.warn !== undefined && limits.max !== undefined && limits.warn > limits.max) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('warn is larger than max, so it could never warn', entry.locate('warn'));
    }
    return limits;
}


/***/ }),

/***/ 56404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fj: () => (/* binding */ secretsOf),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   Y_: () => (/* binding */ INPUT_DEFINITIONS),
/* harmony export */   k6: () => (/* binding */ GATE),
/* harmony export */   qo: () => (/* binding */ CANARY_WATCH_OPTIONS),
/* harmony export */   wX: () => (/* binding */ resolveCanaryWatchOptions)
/* harmony export */ });
/* unused harmony exports PROVIDERS, METRIC_TYPES, AGGREGATES, MIN_INTERVAL_MS, MAX_DURATION_MS, SENTRY_SOURCES, defaultMinSamples, overlapOf, parseDuration, parseFraction */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);
/* harmony import */ var _jsonpath_package_cjs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5285);


const GATE = 'canary-watch';
const INPUT_NAMES = [
    'provider',
    'prometheus-url',
    'http-headers',
    'token',
    'datadog-site',
    'datadog-api-key',
    'datadog-app-key',
    'sentry-url',
    'sentry-org',
    'sentry-project',
    'sentry-environment',
    'sentry-source',
    'sentry-token',
    'interval',
    'duration',
    'canary-label',
    'baseline-label',
    'baseline-window',
    'metrics',
    'failure-limit',
    'consecutive-successes',
    'max-consecutive-errors',
    'on-provider-error',
    'false-rollback-rate',
    'fail-on',
];
const PROVIDERS = ['prometheus', 'http', 'datadog', 'sentry'];
const METRIC_TYPES = ['error-rate', 'latency', 'value'];
const AGGREGATES = ['sum', 'max', 'mean'];
/** Shortest interval: a look a second is already more than any metrics backend resolves. */
const MIN_INTERVAL_MS = 1000;
/** Longest watch: GitHub ends a job after 6 hours, and 6 h is well inside setTimeout's 2^31-1 ms. */
const MAX_DURATION_MS = 6 * 3_600_000;
/** What the sentry provider counts: release health's sessions (the default), or error events where sessions are not collected. */
const SENTRY_SOURCES = ['sessions', 'events'];
/**
 * With provider sentry and no metrics, per sentry-source, at alert 1%, rollback 5%, 1 percentage point over stable.
 * sessions: the playbook's one metric, the sessions' error rate per release (errored + crashed + abnormal over all
 * sessions). events: error events per transaction of the release (errors per request, from the performance data the
 * SDK sends). Error events are not a rate on their own, and a count per minute would move with the canary's share of
 * traffic; transactions are the requests they happened in.
 */
const SENTRY_DEFAULT_METRICS = {
    sessions: { name: 'session-error-rate', errors: 'release:{{target}} session.status:errored,crashed,abnormal', requests: 'release:{{target}}' },
    events: { name: 'event-error-rate', errors: 'release:{{target}} event.type:error', requests: 'release:{{target}} event.type:transaction' },
};
const TEXT = { type: 'string-or-number' };
/** A metric's keys, in the config's list or the `metrics` input. */
const METRIC_OPTIONS = {
    name: { type: 'string', description: 'Unique name of the metric, shown in the report.' },
    type: { type: 'string', enum: METRIC_TYPES, description: 'error-rate (errors and requests), latency (query, or slower, requests and threshold from histogram buckets) or value (query).' },
    errors: { type: 'string', description: 'error-rate: the query counting failed requests.' },
    requests: { type: 'string', description: 'error-rate, and latency from buckets: the query counting all requests.' },
    slower: { type: 'string', description: 'latency from histogram buckets: the query counting requests slower than threshold (the count minus the bucket le=threshold).' },
    threshold: { ...TEXT, description: 'latency from buckets: the duration slower counts past, e.g. 300ms.' },
    'allow-overlap': { type: 'boolean', default: false, description: 'A count query whose range selector is longer than interval: divide the counts by the overlap instead of refusing the query.' },
    query: { type: 'string', description: 'latency and value: the query; {{label}} and {{window}} are filled in.' },
    path: { type: 'string', default: '$', description: 'http provider: JSONPath of the number in the answer.' },
    aggregate: { type: 'string', enum: AGGREGATES, description: 'How several series of one query combine: sum, max or mean; absent, several series are an error.' },
    alert: { ...TEXT, description: 'Warns above this (error-rate: a fraction or %, latency: a duration).' },
    rollback: { ...TEXT, description: 'Rolls back above this (error-rate: a fraction or %, latency: a duration).' },
    'max-increase': { ...TEXT, description: 'Largest increase against the baseline: percentage points for rates (1%), or a ratio such as 1.5x.' },
    direction: { type: 'string', enum: ['higher-is-worse', 'lower-is-worse'], default: 'higher-is-worse', description: 'Which way is worse (value metrics must say).' },
    'min-samples': { type: 'number', minimum: 1, integer: true, description: 'Samples needed before the metric is judged.' },
    critical: { type: 'boolean', default: true, description: 'Whether breaching it rolls back (false: only warns).' },
    unit: { type: 'string', enum: ['seconds', 'milliseconds'], description: 'The unit the query answers in (latency: default seconds).' },
};
/** The `canary-watch:` section's keys (every input but the secrets): checked by the config file, written into the JSON Schema. */
const CANARY_WATCH_OPTIONS = {
    provider: { type: 'string', enum: PROVIDERS, default: 'prometheus' },
    'prometheus-url': TEXT,
    'http-headers': TEXT,
    'datadog-site': TEXT,
    interval: { ...TEXT, default: '60s' },
    duration: { ...TEXT, default: '15m' },
    'canary-label': { ...TEXT, default: 'canary' },
    'baseline-label': TEXT,
    'baseline-window': TEXT,
    metrics: { type: 'list', keys: METRIC_OPTIONS },
    'failure-limit': TEXT,
    'consecutive-successes': TEXT,
    'max-consecutive-errors': TEXT,
    'on-provider-error': { type: 'string', enum: ['inconclusive', 'rollback'], default: 'inconclusive' },
    'false-rollback-rate': TEXT,
    'fail-on': { type: 'string', enum: ['rollback', 'inconclusive'], default: 'rollback' },
    'sentry-url': { ...TEXT, default: 'https://sentry.io' },
    'sentry-org': TEXT,
    'sentry-project': TEXT,
    'sentry-environment': TEXT,
    'sentry-source': { type: 'string', enum: SENTRY_SOURCES, default: 'sessions' },
    'artifact-name': { type: 'string' },
};
/** The inputs the edge masks before anything runs: the keys whole, of the headers their values, of a URL its credentials. */
const INPUT_DEFINITIONS = {
    token: { secret: true },
    'datadog-api-key': { secret: true },
    'datadog-app-key': { secret: true },
    'http-headers': { secret: true, secretParts: headerValues },
    'prometheus-url': { secret: true, secretParts: urlCredentials },
    'datadog-site': { secret: true, secretParts: urlCredentials },
    'sentry-token': { secret: true },
    'sentry-url': { secret: true, secretParts: urlCredentials },
};
/** Every secret the options hold, to be kept out of the log, the errors and the result. */
function secretsOf(options) {
    const secrets = Object.values(options.headers);
    if (options.token !== undefined)
        secrets.push(options.token);
    if (options.datadog)
        secrets.push(options.datadog.apiKey, options.datadog.appKey);
    if (options.sentry)
        secrets.push(options.sentry.token);
    if (options.basicAuth !== undefined) {
        secrets.push(options.basicAuth, Buffer.from(options.basicAuth).toString('base64'));
        secrets.push(...options.basicAuth.split(':'));
    }
    return secrets;
}
/** Merge the config's `canary-watch:` section with the inputs; an input, when given, wins. Every mistake is found here, before any watching. */
function resolveCanaryWatchOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(CANARY_WATCH_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const from = (name) => (given(name) !== undefined ? { input: name } : section.locate(name));
    // An input, else the config's key, else the key's default in CANARY_WATCH_OPTIONS.
    const text = (name) => {
        const value = given(name) ?? section.stringOrNumber(name) ?? CANARY_WATCH_OPTIONS[name]?.default;
        return value === undefined ? undefined : String(value);
    };
    const choice = (name, allowed, message, hint) => {
        const value = text(name);
        if (!allowed.includes(value)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(message?.(value) ?? `'${value}' is not one of ${allowed.join(', ')}`, from(name), hint);
        }
        return value;
    };
    const provider = choice('provider', PROVIDERS, (value) => `unknown provider '${value}'`, 'use prometheus, http, datadog or sentry');
    const prometheusUrl = text('prometheus-url');
    if (provider === 'prometheus') {
        if (prometheusUrl === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('provider prometheus needs prometheus-url', from('prometheus-url'), 'e.g. http://prometheus:9090 (Thanos, Mimir and VictoriaMetrics serve the same API)');
        checkUrl(prometheusUrl, from('prometheus-url'));
    }
    const prometheus = prometheusUrl === undefined ? undefined : withoutCredentials(prometheusUrl);
    let datadog;
    if (provider === 'datadog') {
        const site = text('datadog-site') ?? 'datadoghq.com';
        const url = site.includes('://') ? site.replace(/\/+$/, '') : `https://api.${site}`;
        const { username, password } = checkUrl(url, from('datadog-site'));
        if (username !== '' || password !== '')
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('the Datadog site takes no credentials in its URL', from('datadog-site'), 'give the keys as datadog-api-key and datadog-app-key');
        const apiKey = given('datadog-api-key');
        const appKey = given('datadog-app-key');
        if (apiKey === undefined || appKey === undefined) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('provider datadog needs datadog-api-key and datadog-app-key', { input: apiKey === undefined ? 'datadog-api-key' : 'datadog-app-key' }, 'pass them from secrets: ${{ secrets.DD_API_KEY }}');
        }
        checkHeaderValue(apiKey, 'datadog-api-key');
        checkHeaderValue(appKey, 'datadog-app-key');
        datadog = { url, apiKey, appKey };
    }
    let sentry;
    if (provider === 'sentry') {
        const url = text('sentry-url').replace(/\/+$/, '');
        const { username, password } = checkUrl(url, from('sentry-url'));
        if (username !== '' || password !== '')
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('the Sentry URL takes no credentials', from('sentry-url'), 'give the auth token as sentry-token');
        const slug = (name) => {
            const value = text(name);
            if (value === undefined)
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`provider sentry needs ${name}`, from(name), name === 'sentry-org' ? 'the organization slug, as in https://sentry.io/organizations/<slug>/' : 'the project slug or its numeric ID');
            if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(value))
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value.slice(0, 100)}' is not a Sentry slug or ID`, from(name), 'letters, digits, - _ and .');
            return value;
        };
        const org = slug('sentry-org');
        const project = slug('sentry-project');
        const token = given('sentry-token');
        if (token === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('provider sentry needs sentry-token', { input: 'sentry-token' }, 'an auth token with the org:read and project:read scopes, from secrets: ${{ secrets.SENTRY_TOKEN }}');
        checkHeaderValue(token, 'sentry-token');
        const source = choice('sentry-source', SENTRY_SOURCES, (value) => `'${value.slice(0, 40)}' is not a Sentry source`, 'sessions (release health, the default) or events (error events per transaction, where sessions are not collected)');
        sentry = { url, org, project, token, source };
        const environment = text('sentry-environment');
        if (environment !== undefined)
            sentry.environment = environment;
    }
    const intervalMs = boundedDuration(text('interval'), from('interval'));
    const durationMs = boundedDuration(text('duration'), from('duration'));
    if (durationMs < intervalMs) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`duration ${text('duration')} is shorter than interval ${text('interval')}`, from('duration'), 'the watch looks once every interval over the duration: make the duration at least one interval');
    }
    const metricsInput = given('metrics');
    const metricSections = metricsInput !== undefined ? inputMetricSections(metricsInput) : section.sections('metrics');
    if (metricSections.length === 0 && sentry)
        metricSections.push(...inputMetricSections(sentryDefaultMetric(sentry.source)));
    if (metricSections.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('no metrics to watch', metricsInput !== undefined ? { input: 'metrics' } : { input: 'metrics', ...section.locate() }, 'give the input metrics (a YAML list) or canary-watch.metrics in the config');
    }
    const notices = [];
    const metrics = metricSections.map((metric) => parseMetric(metric, provider, intervalMs, notices));
    const twin = metrics.find((metric, index) => metrics.findIndex((other) => other.name === metric.name) !== index);
    if (twin)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`two metrics are named '${twin.name}'`, twin.where);
    const headers = parseHeaders(text('http-headers'), from('http-headers'));
    const token = given('token');
    if (token !== undefined)
        checkHeaderValue(token, 'token');
    const rate = text('false-rollback-rate');
    const falseRollbackRate = rate === undefined ? 0.005 : parseFraction(rate, from('false-rollback-rate'));
    if (falseRollbackRate <= 0 || falseRollbackRate >= 0.5)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('must be above 0% and below 50%', from('false-rollback-rate'), 'e.g. 0.5%');
    const onProviderError = choice('on-provider-error', CANARY_WATCH_OPTIONS['on-provider-error'].enum);
    const failOn = choice('fail-on', CANARY_WATCH_OPTIONS['fail-on'].enum, undefined, 'rollback (default) fails the step on a rollback; inconclusive fails it on anything but promote');
    const baselineLabel = text('baseline-label');
    const baselineWindow = text('baseline-window');
    const baselineWindowMs = baselineWindow === undefined ? undefined : boundedDuration(baselineWindow, from('baseline-window'));
    if (baselineWindowMs !== undefined && baselineLabel === undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('baseline-window needs baseline-label', from('baseline-window'), "baseline-label names the stable version whose series are read over the window before the watch");
    }
    const options = {
        workspace,
        failOn: 'fail',
        baseline: { kind: 'none' },
        provider,
        headers,
        intervalMs,
        durationMs,
        canaryLabel: text('canary-label'),
        metrics,
        failureLimit: count(text('failure-limit'), from('failure-limit'), 1, 1),
        consecutiveSuccesses: count(text('consecutive-successes'), from('consecutive-successes'), 0, 0),
        maxConsecutiveErrors: count(text('max-consecutive-errors'), from('max-consecutive-errors'), 3, 1),
        onProviderError,
        falseRollbackRate,
        decisionFailOn: failOn,
    };
    if (prometheus !== undefined)
        options.prometheusUrl = prometheus.url.replace(/\/+$/, '');
    if (prometheus?.credentials !== undefined)
        options.basicAuth = prometheus.credentials;
    if (token !== undefined)
        options.token = token;
    if (datadog)
        options.datadog = datadog;
    if (sentry)
        options.sentry = sentry;
    if (baselineLabel !== undefined)
        options.baselineLabel = baselineLabel;
    if (baselineWindowMs !== undefined)
        options.baselineWindowMs = baselineWindowMs;
    if (notices.length > 0)
        options.notices = notices;
    return options;
}
/** The default metric as the metrics input would write it, so it is parsed (and its minimum samples derived) like any other. */
function sentryDefaultMetric(source) {
    const metric = SENTRY_DEFAULT_METRICS[source];
    return `- name: ${metric.name}\n  type: error-rate\n  errors: '${metric.errors}'\n  requests: '${metric.requests}'\n  alert: 0.01\n  rollback: 0.05\n  max-increase: 0.01\n`;
}
/** The `metrics` input: a YAML list, its errors located by line in the input. */
function inputMetricSections(text) {
    return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSectionList */ .HK)(text, { key: 'metrics', file: "input 'metrics'", where: { input: 'metrics' }, expected: 'must be a YAML list of metrics (- name: ...)' });
}
function parseMetric(metric, provider, intervalMs, notices) {
    metric.rejectUnknown(Object.keys(METRIC_OPTIONS));
    const name = metric.string('name');
    if (name === undefined || name.trim() === '')
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('a metric needs a name', metric.locate());
    const type = metric.oneOf('type', METRIC_TYPES);
    if (type === undefined)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' needs a type`, metric.locate('name'), `type: ${METRIC_TYPES.join(' | ')}`);
    const where = metric.locate('name');
    const spec = {
        name,
        type,
        path: metric.string('path') ?? '$',
        maxIncrease: 0,
        direction: metric.oneOf('direction', ['higher-is-worse', 'lower-is-worse']) ?? 'higher-is-worse',
        minSamples: 0,
        critical: metric.boolean('critical') ?? true,
        unit: metric.oneOf('unit', ['seconds', 'milliseconds']) ?? (type === 'latency' ? 'seconds' : 'milliseconds'),
        where,
    };
    const counted = type === 'latency' && metric.has('slower');
    const counts = type === 'error-rate' || counted;
    if (counts) {
        for (const key of [counted ? 'slower' : 'errors', 'requests']) {
            const query = metric.string(key);
            if (query === undefined) {
                const hint = counted
                    ? 'slower: the count of requests slower than the threshold (count minus the bucket le=threshold); requests: the count of all'
                    : 'an error rate is judged from two counts, errors and requests, never from a ratio alone';
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' of type ${counted ? 'latency read from buckets' : type} needs '${key}'`, metric.locate(), hint);
            }
            spec[key] = query;
        }
    }
    if (counted) {
        const threshold = metric.stringOrNumber('threshold');
        if (threshold === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': slower needs the threshold it counts past`, metric.locate('slower'), 'threshold: 300ms (the le of the bucket the query subtracts)');
        spec.threshold = parseDuration(String(threshold), metric.locate('threshold'), true) / (spec.unit === 'seconds' ? 1000 : 1);
    }
    if (counts && metric.has('query')) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' ${counted ? 'read from buckets' : 'of type error-rate'} takes ${counted ? 'slower' : 'errors'} and requests, not query`, metric.locate('query'));
    }
    else if (!counts) {
        if (metric.has('threshold'))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': threshold goes with slower (latency from histogram buckets)`, metric.locate('threshold'));
        const query = metric.string('query');
        if (query === undefined)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' of type ${type} needs 'query'`, metric.locate());
        spec.query = query;
        if (type === 'value' && !metric.has('direction'))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}' of type value needs a direction`, metric.locate(), 'direction: higher-is-worse | lower-is-worse');
    }
    const threshold = (key) => {
        const value = metric.stringOrNumber(key);
        if (value === undefined)
            return undefined;
        if (counts)
            return parseFraction(String(value), metric.locate(key));
        if (type === 'latency')
            return parseDuration(String(value), metric.locate(key), true);
        return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, metric.locate(key), {});
    };
    const alert = threshold('alert');
    const rollback = threshold('rollback');
    if (alert !== undefined && rollback !== undefined) {
        const wrong = spec.direction === 'higher-is-worse' ? alert > rollback : alert < rollback;
        if (wrong) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': alert ${metric.stringOrNumber('alert')} is ${spec.direction === 'higher-is-worse' ? 'above' : 'below'} rollback ${metric.stringOrNumber('rollback')}`, metric.locate('alert'), 'the alert level comes before the rollback level');
        }
    }
    if (alert !== undefined)
        spec.alert = alert;
    if (rollback !== undefined)
        spec.rollback = rollback;
    const increase = metric.stringOrNumber('max-increase');
    const ratio = increase === undefined ? undefined : /^\s*(\d+(?:\.\d+)?)\s*x\s*$/.exec(String(increase));
    if (ratio && counts) {
        const factor = Number(ratio[1]);
        if (!(factor >= 1))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${increase}' is below 1x`, metric.locate('max-increase'), 'a ratio form allows the canary up to that many times the baseline\'s rate, e.g. 1.5x');
        spec.maxIncrease = factor - 1;
        spec.relativeIncrease = true;
    }
    else {
        spec.maxIncrease = increase === undefined ? (type === 'error-rate' ? 0.01 : counted ? 0.02 : 0.2) : parseFraction(String(increase), metric.locate('max-increase'));
    }
    const overlap = provider === 'prometheus' ? overlapOf(counts ? [spec.errors ?? spec.slower, spec.requests] : [spec.query], intervalMs) : 1;
    if (overlap > 1) {
        const allowed = metric.boolean('allow-overlap') === true;
        const said = `metric '${name}': its range selector spans ${overlap.toFixed(overlap % 1 === 0 ? 0 : 1)} intervals, so each look counts each request ${overlap.toFixed(overlap % 1 === 0 ? 0 : 1)} times`;
        if (counts && !allowed) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${said}, and the counts would claim that much more evidence than there is`, metric.locate(spec.errors !== undefined ? 'errors' : 'slower'), 'write the range as [{{interval}}], or set allow-overlap: true to have the counts divided by the factor');
        }
        if (counts)
            spec.overlapFactor = overlap;
        notices.push(counts ? `${said}: the counts are divided by ${overlap.toFixed(1)} (allow-overlap)` : `${said}: its intervals are not independent (the judge corrects for autocorrelation)`);
    }
    const aggregate = metric.oneOf('aggregate', AGGREGATES);
    if (aggregate !== undefined)
        spec.aggregate = aggregate;
    const minSamples = metric.number('min-samples', (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(METRIC_OPTIONS['min-samples']));
    spec.minSamples = minSamples ?? defaultMinSamples(spec);
    if (provider === 'http' && !spec.path.startsWith('$'))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${spec.path}' is not a JSONPath`, metric.locate('path'), 'start it with $, e.g. $.data.value');
    if (provider === 'http' && hasScript(spec.path)) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metric '${name}': the JSONPath ${spec.path} holds a script (?(...) or (...)), which canary-watch does not run`, metric.locate('path'), 'select by names, indexes and wildcards only, e.g. $.data.canary.errors');
    }
    return spec;
}
/**
 * Count metrics need no minimum: their confidence sequences are valid from the
 * first request, and with few requests they are simply wide (zero errors in 50
 * requests confirms nothing). Sample-valued metrics need 3 intervals with a
 * value, the least a paired test with an autocorrelation estimate can use.
 */
function defaultMinSamples(spec) {
    if (spec.type === 'error-rate' || spec.slower !== undefined)
        return 1;
    return 3;
}
/**
 * How many intervals the longest range selector of a PromQL query spans (`increase(x[5m])` looked at every 60 s:
 * 5): above 1, consecutive looks count the same requests again. `{{interval}}` is one interval; subqueries
 * (`[5m:1m]`) count by their range.
 */
function overlapOf(queries, intervalMs) {
    let longest = 0;
    for (const query of queries) {
        for (const match of query.replaceAll('{{interval}}', `${Math.round(intervalMs / 1000)}s`).matchAll(/\[\s*((?:\d+(?:ms|s|m|h|d|w|y))+)\s*(?::[^\]]*)?\]/g)) {
            let ms = 0;
            for (const part of match[1].matchAll(/(\d+)(ms|s|m|h|d|w|y)/g))
                ms += Number(part[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 }[part[2]];
            longest = Math.max(longest, ms);
        }
    }
    return longest > intervalMs ? longest / intervalMs : 1;
}
/** `60s`, `15m`, `1h`, `500ms`; a bare number is seconds (milliseconds for latency thresholds). */
function parseDuration(text, where, bareIsMs = false) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
    if (!match)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is not a duration`, where, 'write e.g. 500ms, 60s, 15m or 1h');
    const value = Number(match[1]);
    const unit = match[2] ?? (bareIsMs ? 'ms' : 's');
    const ms = value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit];
    if (ms <= 0)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' must be above zero`, where);
    return ms;
}
/** `5%` or a fraction such as 0.05. */
function parseFraction(text, where) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(text);
    if (!match)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is not a percentage`, where, 'write e.g. 5% or 0.05');
    const value = match[2] ? Number(match[1]) / 100 : Number(match[1]);
    if (value > 1)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is above 100%`, where, 'write a percentage such as 5%');
    return value;
}
/** A duration between MIN_INTERVAL_MS and MAX_DURATION_MS. */
function boundedDuration(text, where) {
    const ms = parseDuration(text, where);
    if (ms < MIN_INTERVAL_MS)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is shorter than 1s`, where, 'metrics backends resolve seconds at best: use 1s or more');
    if (ms > MAX_DURATION_MS)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is longer than 6h`, where, 'GitHub ends a job after 6 hours: watch for 6h at most');
    return ms;
}
/** JSONPath filter and script expressions, `[?(...)]` and `[(...)]`: code the answer's author would choose to run. */
function hasScript(path) {
    try {
        return (0,_jsonpath_package_cjs__WEBPACK_IMPORTED_MODULE_1__/* .jsonPathPackage */ .K)().JSONPath.toPathArray(path).some((segment) => /^\??\(/.test(segment));
    }
    catch {
        return true;
    }
}
function count(text, where, fallback, min) {
    if (text === undefined)
        return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' must be a whole number of at least ${min}`, where);
    return value;
}
function checkUrl(url, where) {
    (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rejectUnsafeUrlText */ .G1)(url, where);
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${url}' is not a URL`, where);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${url}' is not an http or https URL`, where);
    return parsed;
}
/** An HTTP field name (RFC 9110 section 5.1: a token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An HTTP field value as fetch sends it: visible Latin-1, spaces and tabs; no CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
function checkHeaderValue(value, input) {
    if (!HEADER_VALUE.test(value))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('holds a line break or a control character', { input }, 'paste the secret alone, without a newline');
}
/** `Name: value` per line, each name an HTTP token and each value sendable. The values are never quoted in an error. */
function parseHeaders(text, where) {
    const headers = {};
    if (text === undefined)
        return headers;
    for (const [index, line] of text.split(/\r?\n/).entries()) {
        if (line.trim() === '')
            continue;
        const colon = line.indexOf(':');
        if (colon <= 0)
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`line ${index + 1} is not 'Name: value'`, where);
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (!HEADER_NAME.test(name))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`line ${index + 1}: '${name.replace(/[^\x20-\x7e]/g, '?')}' is not a header name`, where, 'a name is letters, digits and !#$%&\'*+-.^_`|~');
        if (!HEADER_VALUE.test(value))
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`line ${index + 1}: the value of ${name} holds a control character`, where);
        headers[name] = value;
    }
    return headers;
}
/** The values of `Name: value` lines, leniently (the edge masks them before parseHeaders judges them). */
function headerValues(text) {
    return text
        .split(/\r?\n/)
        .filter((line) => line.indexOf(':') > 0)
        .map((line) => line.slice(line.indexOf(':') + 1).trim());
}
/** The user name and password of a URL, as written and decoded; none when the URL does not parse. */
function urlCredentials(text) {
    try {
        const { username, password } = new URL(text.trim());
        return [username, password, safeDecode(username), safeDecode(password)].filter((part) => part !== '');
    }
    catch {
        return [];
    }
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** fetch refuses a URL with credentials: they travel as Authorization: Basic instead. */
function withoutCredentials(text) {
    const url = new URL(text);
    if (url.username === '' && url.password === '')
        return { url: text };
    const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
    url.username = '';
    url.password = '';
    return { url: url.toString(), credentials };
}


/***/ }),

/***/ 95758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L8: () => (/* reexport */ COMMON_GATE_OPTIONS),
  j1: () => (/* reexport */ errors_ConfigurationError),
  eG: () => (/* reexport */ EnvironmentError),
  d$: () => (/* reexport */ FAIL_ON),
  Gv: () => (/* reexport */ NOT_JUDGED),
  jw: () => (/* reexport */ RedirectRefusedError),
  nN: () => (/* reexport */ YamlSyntaxError),
  m3: () => (/* reexport */ applyFailOn),
  Gu: () => (/* reexport */ checkGlobSize),
  n6: () => (/* reexport */ checkNesting),
  cd: () => (/* reexport */ checkRange),
  kp: () => (/* reexport */ closest),
  OR: () => (/* reexport */ confinedPath),
  OI: () => (/* reexport */ createEdgeFetch),
  kF: () => (/* reexport */ createResult),
  Ic: () => (/* reexport */ describeFailure),
  j5: () => (/* reexport */ describeSkippedLinks),
  aI: () => (/* reexport */ edgeFetch),
  F7: () => (/* reexport */ escapeControlCharacters),
  z3: () => (/* reexport */ formatBytes),
  CW: () => (/* reexport */ formatDelta),
  Gb: () => (/* reexport */ formatIncrease),
  CB: () => (/* reexport */ givenInput),
  CT: () => (/* reexport */ insideWorkspace),
  Us: () => (/* reexport */ isBlocking),
  p0: () => (/* reexport */ isConfigurationError),
  oz: () => (/* reexport */ isEnvironmentError),
  u4: () => (/* reexport */ isRecord),
  UO: () => (/* reexport */ isWithin),
  CZ: () => (/* reexport */ notJudgedWithoutBaseline),
  yL: () => (/* reexport */ input_values_oneOf),
  ZU: () => (/* reexport */ openRegularFile),
  gz: () => (/* reexport */ parseBaselineSpec),
  yG: () => (/* reexport */ parseBoolean),
  XV: () => (/* reexport */ parseFailOn),
  xh: () => (/* reexport */ parseHttpUrlInput),
  KW: () => (/* reexport */ parseIncrease),
  $J: () => (/* reexport */ parseNumber),
  HK: () => (/* reexport */ parseSectionList),
  DB: () => (/* reexport */ parseSize),
  be: () => (/* reexport */ parseYamlData),
  tk: () => (/* reexport */ prepareReportPath),
  uB: () => (/* reexport */ rangeOf),
  s$: () => (/* reexport */ readBaselineFile),
  XF: () => (/* reexport */ readRegularFile),
  Uv: () => (/* reexport */ readResult),
  fE: () => (/* reexport */ readResultFiles),
  gi: () => (/* reexport */ readRunnerContext),
  fp: () => (/* reexport */ redactSecrets),
  Rd: () => (/* reexport */ redactText),
  dE: () => (/* reexport */ redactUrlCredentials),
  G1: () => (/* reexport */ rejectUnsafeUrlText),
  C3: () => (/* reexport */ retryAfterSeconds),
  Qm: () => (/* reexport */ runUrlOf),
  AL: () => (/* reexport */ selectFiles),
  ry: () => (/* reexport */ splitList),
  O4: () => (/* reexport */ urlCredentials),
  pO: () => (/* reexport */ waitOutRateLimit),
  A4: () => (/* reexport */ worstStatus),
  Zk: () => (/* reexport */ writeResult)
});

// UNUSED EXPORTS: ALLOW_SKIP, CONFIG_VERSION, ConfigSection, DEFAULT_CONFIG_PATH, GATE_NAME, MAX_GLOB_EXPANSIONS, MAX_NESTING, MAX_PLAUSIBLE_BYTES, MAX_RESULT_BYTES, MAX_YAML_ALIASES, MAX_YAML_CHARACTERS, RESULT_SCHEMA_ID, RESULT_SCHEMA_VERSION, STEP_INPUTS, UPLOAD_MODES, checkSection, configJsonSchema, confinedPathSync, countBraceExpansions, findImplausibleResult, isLiteralPath, loadConfig, parseConfig, parseResult, parseYamlTree, readRegularFileSync, readStepInputs, realLocation, refuseLinkedBase, secretInputValues, serializeResult, specialFileKind

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./packages/core/src/errors.ts
class errors_ConfigurationError extends Error {
    name = 'ConfigurationError';
    location;
    hint;
    constructor(message, location = {}, hint) {
        super(message);
        this.location = location;
        this.hint = hint;
    }
    /** One line a user can act on: where, what, how to fix it. */
    describe() {
        const where = [];
        const { input, file, key, line, column } = this.location;
        if (file)
            where.push(line ? `${file}:${line}${column ? `:${column}` : ''}` : file);
        if (key)
            where.push(`key '${key}'`);
        if (input)
            where.push(`input '${input}'`);
        const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
        return `${prefix}${this.message}${this.hint ? ` (${this.hint})` : ''}`;
    }
}
function isConfigurationError(error) {
    return error instanceof errors_ConfigurationError;
}
/**
 * The runner's or the machine's problem, not the user's config and not a bug:
 * a file the step must write or read that the environment refuses
 * (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, a report without read permission).
 */
class EnvironmentError extends Error {
    name = 'EnvironmentError';
}
const ENVIRONMENT_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EISDIR', 'ENOTDIR', 'EMFILE', 'ENFILE', 'EIO']);
/** An error from the file system or the runner that a person fixes on the machine, not in roadstop. */
function isEnvironmentError(error) {
    if (error instanceof EnvironmentError)
        return true;
    const code = error?.code;
    return typeof code === 'string' && ENVIRONMENT_CODES.has(code) && typeof error.syscall === 'string';
}
/** One line for any error: the user's mistake as located, the environment's as such, anything else as a bug. */
function describeFailure(error) {
    if (isConfigurationError(error))
        return error.describe();
    if (error instanceof EnvironmentError)
        return error.message;
    if (isEnvironmentError(error)) {
        const { code, syscall, path } = error;
        return `the machine refused to ${syscall ?? 'access'} ${path ?? 'a file'} (${code}): check that the path exists and the step may use it`;
    }
    // Not the user's fault: say it is a bug, keep the cause.
    return `internal error (a bug in roadstop, please report it): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

;// CONCATENATED MODULE: ./packages/core/src/confine.ts



/** Whether `target` is `root` or below it; both absolute and normalized. */
function isWithin(root, target) {
    const inside = (0,external_node_path_.relative)(root, target);
    return inside === '' || (inside !== '..' && !inside.startsWith(`..${external_node_path_.sep}`) && !(0,external_node_path_.isAbsolute)(inside));
}
/**
 * Where `path` really is once every symlink is resolved: its realpath, or, for
 * a file not written yet, the realpath of its nearest existing folder with the
 * rest appended. The text of a path says nothing about where it leads.
 */
function realLocation(path) {
    let current = (0,external_node_path_.resolve)(path);
    const rest = [];
    for (;;) {
        try {
            return (0,external_node_path_.join)((0,external_node_fs_.realpathSync)(current), ...rest.reverse());
        }
        catch (error) {
            const code = error.code;
            if (code !== 'ENOENT' && code !== 'ENOTDIR')
                throw error;
            const parent = (0,external_node_path_.dirname)(current);
            if (parent === current)
                return (0,external_node_path_.resolve)(path);
            rest.push((0,external_node_path_.basename)(current));
            current = parent;
        }
    }
}
/**
 * A path the user named (a config, a baseline, a report), resolved against the
 * workspace and refused unless it stays inside it (or inside `also`) after
 * symlinks are resolved. Returns the real absolute path, the one to open.
 */
function confinedPath(workspace, path, where, options = {}) {
    // A refusal is a rejection, as from any promise, not a throw at the call.
    return new Promise((done) => done(confine_confinedPathSync(workspace, path, where, options)));
}
/** confinedPath, synchronously, for the start of a step (the config file). */
function confine_confinedPathSync(workspace, path, where, options = {}) {
    const lexical = (0,external_node_path_.resolve)(workspace, path);
    const real = realLocation(lexical);
    const roots = [workspace, ...(options.also ?? []).filter((root) => root !== '')];
    for (const root of roots) {
        if (isWithin(realLocation(root), real))
            return real;
    }
    const through = real === lexical ? '' : ` (through a symlink, it leads to ${real})`;
    const allowed = roots.length > 1 ? 'the workspace or the runner temp folder' : `the workspace ${(0,external_node_path_.resolve)(workspace)}`;
    throw new errors_ConfigurationError(`${options.what ?? 'the path'} is outside ${allowed}${through}; roadstop reads and writes only inside it`, where, 'use a path inside the repository');
}
/** What a file that is not a regular file or a folder is, for the message: undefined for those two. */
function specialFileKind(stats) {
    if (stats.isFile() || stats.isDirectory())
        return undefined;
    if (stats.isFIFO())
        return 'a FIFO (named pipe)';
    if (stats.isCharacterDevice())
        return 'a character device';
    if (stats.isBlockDevice())
        return 'a block device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a regular file';
}
/** Refuse an opened file that is not a regular one: a folder is the EISDIR the callers already tell apart. */
function checkRegular(stats, path, where, what) {
    if (stats.isDirectory()) {
        throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR', syscall: 'read', path });
    }
    const kind = specialFileKind(stats);
    if (kind)
        throw new errors_ConfigurationError(`${what} is ${kind}, not a regular file; roadstop reads only regular files, so a pipe or device never hangs the step`, where, 'point it at a file');
}
/**
 * Open a file the user named for reading, refusing FIFOs, devices and sockets
 * before a byte is read: opened non-blocking (a FIFO without a writer would
 * block the open itself), then its type is checked on the open descriptor, so
 * nothing can be swapped in between. A folder is an EISDIR error and other
 * errors (ENOENT, EACCES) are thrown as they are, for the caller to word.
 */
async function openRegularFile(path, where, what = 'the file') {
    const { open } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 51455, 23));
    const handle = await open(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        checkRegular(await handle.stat(), path, where, what);
        return handle;
    }
    catch (error) {
        await handle.close();
        throw error;
    }
}
/** A user-named regular file's text, with openRegularFile's checks. */
async function readRegularFile(path, where, what = 'the file') {
    const handle = await openRegularFile(path, where, what);
    try {
        return await handle.readFile('utf8');
    }
    finally {
        await handle.close();
    }
}
/** readRegularFile, synchronously: for the start of a step (the config file, the event payload). */
function confine_readRegularFileSync(path, where, what = 'the file') {
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        checkRegular((0,external_node_fs_.fstatSync)(fd), path, where, what);
        return (0,external_node_fs_.readFileSync)(fd, 'utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * Resolve a user path or glob against the workspace and refuse one that leaves
 * it, by its text (confinedPath also follows symlinks): gates read only what
 * the checkout holds.
 */
function insideWorkspace(workspace, path, where) {
    const base = (0,external_node_path_.resolve)(workspace);
    const target = (0,external_node_path_.resolve)(base, path.replace(/^!/, ''));
    if (!isWithin(base, target))
        throw new errors_ConfigurationError(`'${path}' is outside the workspace ${base}`, where, 'use a path inside the repository');
    return (0,external_node_path_.relative)(base, target).split(external_node_path_.sep).join('/');
}

;// CONCATENATED MODULE: ./packages/core/src/config-options.ts

/** The range a number option's definition allows, as ConfigSection.number and checkRange take it. */
function rangeOf(definition) {
    return { integer: definition.integer ?? false, ...(definition.minimum !== undefined ? { min: definition.minimum } : {}), ...(definition.maximum !== undefined ? { max: definition.maximum } : {}) };
}
/**
 * Check `section` against `options`: older key names renamed (each a warning),
 * then unknown keys, types, ranges and enums refused, every mistake located.
 */
function config_options_checkSection(section, options, warnings) {
    for (const [key, definition] of Object.entries(options)) {
        for (const old of definition.renamedFrom ?? []) {
            const where = section.renameKey(old, key);
            if (!where)
                continue;
            warnings.push({ key: where.key ?? old, text: `'${where.key}' is deprecated: it is now '${section.locate(key).key}' (the input's name); the old name still works for now`, ...(where.file ? { file: where.file } : {}), ...(where.line ? { line: where.line } : {}) });
        }
    }
    section.rejectUnknown(Object.keys(options));
    for (const key of section.keys())
        checkValue(section, key, options[key], warnings);
}
function checkValue(parent, key, definition, warnings) {
    if (!parent.has(key))
        return;
    switch (definition.type) {
        case 'string':
            if (definition.enum)
                parent.oneOf(key, definition.enum);
            else
                parent.string(key);
            return;
        case 'number':
            if (typeof parent.value(key) !== 'number')
                throw new ConfigurationError('must be a number', parent.locate(key));
            parent.number(key, rangeOf(definition));
            return;
        case 'boolean':
            parent.boolean(key);
            return;
        case 'string-or-number':
            parent.stringOrNumber(key);
            return;
        case 'string-list':
            parent.stringList(key);
            return;
        case 'map':
            config_options_checkSection(parent.section(key), definition.keys, warnings);
            return;
        case 'map-of': {
            const map = parent.section(key);
            for (const name of map.keys())
                checkValue(map, name, definition.values, warnings);
            return;
        }
        case 'list':
            for (const item of parent.sections(key))
                config_options_checkSection(item, definition.keys, warnings);
            return;
        case 'scalar-or-map':
            checkValue(parent, key, parent.kind(key) === 'map' ? definition.map : definition.scalar, warnings);
            return;
    }
}
/**
 * The JSON Schema (draft-07) of a config made of `sections`: what checkSection
 * accepts, said for editors. An empty key reads as absent in roadstop, so
 * every value may also be null. `describe` supplies the description of a key
 * its definition leaves to the action input of the same name.
 */
function configJsonSchema(sections, options) {
    const properties = {
        version: { description: 'The config format version; this roadstop reads 1.', enum: [1, null] },
    };
    for (const [name, section] of Object.entries(sections)) {
        properties[name] = section.options
            ? { description: section.description, ...mapSchema(section.options, (key) => options.describe(name, key)) }
            : { description: section.description, type: ['object', 'null'] };
    }
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: options.id,
        title: 'roadstop config (.github/roadstop.yml)',
        type: ['object', 'null'],
        properties,
        additionalProperties: false,
    };
}
function mapSchema(options, describe) {
    const properties = {};
    for (const [key, definition] of Object.entries(options)) {
        const description = definition.description ?? describe(key);
        const schema = { ...(description ? { description } : {}), ...valueSchema(definition) };
        properties[key] = definition.deprecated ? { ...schema, deprecated: true } : schema;
        // An old name is still read: the schema takes it too, marked deprecated, so an editor flags it rather than refusing it.
        for (const old of definition.renamedFrom ?? [])
            if (!old.includes('.'))
                properties[old] = { ...schema, deprecated: true, description: `Deprecated: use '${key}'.` };
    }
    return { type: ['object', 'null'], properties, additionalProperties: false };
}
function valueSchema(definition) {
    switch (definition.type) {
        case 'string':
            // A plain scalar such as `base: 1234567` reads as a number and is taken as its text.
            return definition.enum
                ? { enum: [...definition.enum, null], ...defaultOf(definition.default) }
                : { type: ['string', 'number', 'boolean', 'null'], ...defaultOf(definition.default) };
        case 'number':
            return {
                type: [definition.integer ? 'integer' : 'number', 'null'],
                ...(definition.minimum !== undefined ? { minimum: definition.minimum } : {}),
                ...(definition.maximum !== undefined ? { maximum: definition.maximum } : {}),
                ...defaultOf(definition.default),
            };
        case 'boolean':
            return { type: ['boolean', 'null'], ...defaultOf(definition.default) };
        case 'string-or-number':
            return { type: ['string', 'number', 'null'], ...defaultOf(definition.default) };
        case 'string-list':
            return { anyOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array', items: { type: ['string', 'number'] } }] };
        case 'map':
            return mapSchema(definition.keys, () => undefined);
        case 'map-of':
            return { type: ['object', 'null'], additionalProperties: valueSchema(definition.values) };
        case 'list':
            return { type: ['array', 'null'], items: { ...mapSchema(definition.keys, () => undefined), type: 'object' } };
        case 'scalar-or-map': {
            const map = valueSchema(definition.map);
            return { anyOf: [{ ...map, type: 'object' }, valueSchema(definition.scalar)] };
        }
    }
}
function defaultOf(value) {
    return value === undefined ? {} : { default: value };
}

;// CONCATENATED MODULE: ./packages/core/src/input-values.ts
// Values of inputs and config keys as text: lists, booleans, choices.

/**
 * Split a multi-line input into items: one per line, and commas separate too,
 * except inside `{a,b}` brace sets where a comma belongs to the glob.
 */
function splitList(text) {
    if (!text)
        return [];
    const items = [];
    for (const line of text.split(/\r?\n/)) {
        let depth = 0;
        let current = '';
        for (const char of line) {
            if (char === '{')
                depth++;
            else if (char === '}')
                depth = Math.max(0, depth - 1);
            if (char === ',' && depth === 0) {
                items.push(current);
                current = '';
            }
            else {
                current += char;
            }
        }
        items.push(current);
    }
    return items.map((item) => item.trim()).filter((item) => item !== '' && !item.startsWith('#'));
}
/**
 * A boolean input, read as GitHub Actions' getBooleanInput and YAML 1.2 (the
 * config file) read one: true, True, TRUE, false, False, FALSE. `yes`, `on`
 * or `1` would mean true here and a string in the config file, so neither
 * place takes them.
 */
function parseBoolean(value, where) {
    const text = value.trim();
    if (['true', 'True', 'TRUE'].includes(text))
        return true;
    if (['false', 'False', 'FALSE'].includes(text))
        return false;
    throw new errors_ConfigurationError(`'${value}' is not true or false`, where, 'write true or false, as every GitHub Actions boolean input');
}
/** `value` when it is one of `allowed`, else the mistake, located and listing what is allowed. */
function input_values_oneOf(value, allowed, where) {
    if (allowed.includes(value))
        return value;
    throw new errors_ConfigurationError(`'${value}' is not one of ${allowed.join(', ')}`, where);
}
function checkRange(value, range, where) {
    if (range.integer && !Number.isInteger(value))
        throw new errors_ConfigurationError(`${value} must be a whole number`, where);
    if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
        const bounds = range.max === undefined ? `at least ${range.min}` : range.min === undefined ? `at most ${range.max}` : `from ${range.min} to ${range.max}`;
        throw new errors_ConfigurationError(`${value} is out of range: must be ${bounds}`, where);
    }
}
/** A finite number within `range`, or the mistake: `'x' is not <what>` and how to write one. */
function parseNumber(value, where, range, what = 'a number', hint) {
    const text = String(value).trim();
    const number = Number(text);
    if (text === '' || !Number.isFinite(number))
        throw new errors_ConfigurationError(`'${value}' is not ${what}`, where, hint);
    checkRange(number, range, where);
    return number;
}

;// CONCATENATED MODULE: ./packages/core/src/nesting.ts

/**
 * How deep roadstop reads the YAML and JSON a user gives it (a config, a metric
 * list, a Slack message, a result file): a few levels each, and far from the
 * depth at which a recursive reader (yaml's composer, a result check, a
 * message walk) runs out of stack.
 */
const MAX_NESTING = 100;
/** A parsed JSON object (not null, not an array): the one value whose fields a reader may look up. */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * Refuse a parsed JSON value nested more than MAX_NESTING deep. JSON.parse
 * itself reads any depth; whatever walks the value afterwards recurses, so
 * the check walks with a stack of its own.
 */
function checkNesting(value, where, hint) {
    const stack = [[value, 0]];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        const [node, depth] = top;
        if (typeof node !== 'object' || node === null)
            continue;
        if (depth >= MAX_NESTING)
            throw new errors_ConfigurationError(`JSON nested more than ${MAX_NESTING} levels deep`, where, hint);
        for (const child of Array.isArray(node) ? node : Object.values(node))
            stack.push([child, depth + 1]);
    }
}

// EXTERNAL MODULE: ./packages/core/src/yaml-package.cjs
var yaml_package = __webpack_require__(38180);
;// CONCATENATED MODULE: ./packages/core/src/yaml.ts



/** More YAML than this is not a config, a metric list or a message (a few kB each): it is refused before parsing. */
const MAX_YAML_CHARACTERS = 1024 * 1024;
/** How many aliases a document that may hold them (a Slack message) may resolve: yaml's own guard against alias bombs. */
const MAX_YAML_ALIASES = 100;
/** Text that is not YAML, as yaml's first error says (`detail`), at its line. */
class YamlSyntaxError extends errors_ConfigurationError {
    detail;
    constructor(detail, where) {
        super(`invalid YAML: ${detail}`, where);
        this.detail = detail;
    }
}
/**
 * Parse one YAML document with its limits checked: its size, its nesting
 * (before yaml composes it: yaml recurses per level and, at a few thousand,
 * reports a stack overflow as a YAML error at some column), and yaml's own
 * errors, each a ConfigurationError at its line of `where`.
 */
function parseBounded(text, where) {
    if (text.length > MAX_YAML_CHARACTERS) {
        throw new errors_ConfigurationError(`is ${text.length.toLocaleString('en-US')} characters of YAML, more than the ${MAX_YAML_CHARACTERS.toLocaleString('en-US')} roadstop reads`, where, 'a config, a metric list or a message is a few kB');
    }
    const yaml = (0,yaml_package/* yamlPackage */.A)();
    // Lines from the first pass's line starts: the text is the same for parseDocument.
    const lineCounter = new yaml.LineCounter();
    const tooDeep = deepestOffset(Array.from(new yaml.Parser(lineCounter.addNewLine).parse(text)), MAX_NESTING);
    if (tooDeep !== undefined) {
        throw new errors_ConfigurationError(`YAML nested more than ${MAX_NESTING} levels deep`, { ...where, line: lineCounter.linePos(tooDeep).line }, 'a config, a metric list or a message is a few levels deep');
    }
    const doc = yaml.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0];
    if (problem)
        throw new YamlSyntaxError(problem.message.split('\n')[0], { ...where, line: lineCounter.linePos(problem.pos[0]).line });
    const lineOf = (node) => {
        const offset = node?.range?.[0];
        return offset === undefined ? 1 : lineCounter.linePos(offset).line;
    };
    return { yaml, doc, lineOf };
}
/**
 * The offset of the first collection nested deeper than `max` in yaml's
 * concrete syntax tree, walked with a stack of its own (the tree may be
 * thousands deep), or undefined.
 */
function deepestOffset(tokens, max) {
    const stack = tokens.map((token) => [token, 0]);
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        const [token, depth] = top;
        if (!token)
            continue;
        if (token.type === 'document') {
            stack.push([token.value, depth]);
        }
        else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
            if (depth >= max)
                return token.offset;
            for (const item of token.items) {
                stack.push([item.key, depth + 1], [item.value, depth + 1]);
            }
        }
    }
    return undefined;
}
/**
 * YAML (a config file, canary-watch's `metrics` input) as a tree. Its first
 * error, its first alias, a nesting too deep or a text too long is a
 * ConfigurationError at its line; `where` locates the text (a file, an input).
 */
function yaml_parseYamlTree(text, where) {
    const { yaml, doc, lineOf } = parseBounded(text, where);
    refuseAliases(yaml, doc, where, lineOf);
    const convert = (node, fallbackLine) => {
        if (yaml.isMap(node)) {
            const entries = node.items.map((pair) => {
                const key = yaml.isScalar(pair.key) ? pair.key.value : pair.key;
                const keyLine = pair.key ? lineOf(pair.key) : lineOf(node);
                return { key, name: String(key), line: keyLine, value: convert(pair.value, keyLine) };
            });
            return { kind: 'map', line: lineOf(node), entries };
        }
        if (yaml.isSeq(node)) {
            return { kind: 'list', line: lineOf(node), items: node.items.map((item) => convert(item, lineOf(node))) };
        }
        if (yaml.isScalar(node)) {
            return { kind: 'scalar', value: node.value, line: lineOf(node) };
        }
        // No node at all: a value `yaml` leaves out (`? key` with no `:`).
        return { kind: 'scalar', value: null, line: fallbackLine };
    };
    return doc.contents === null ? null : convert(doc.contents, 1);
}
/**
 * YAML data (a Slack message) as plain JavaScript, its limits checked as
 * parseYamlTree checks them. Aliases are read here, as a message may repeat a
 * block, but at most MAX_YAML_ALIASES of them: an alias bomb (each anchor a
 * list of aliases of the one before) is refused, not expanded.
 */
function parseYamlData(text, where) {
    const { doc } = parseBounded(text, where);
    try {
        return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    }
    catch (error) {
        // yaml's guard throws a ReferenceError ("Excessive alias count ..."); anything else is a bug, not the user's.
        if (!(error instanceof ReferenceError))
            throw error;
        throw new errors_ConfigurationError(`YAML aliases expand to more than ${MAX_YAML_ALIASES} values`, where, 'write the message out without anchors and aliases');
    }
}
/**
 * Anchors and aliases (`&defaults`, `*defaults`, `<<: *defaults`) are refused
 * as such, wherever they stand (a key too), not read as a wrong type: an error
 * must point at the one line the user edits, and an alias makes one value live
 * on two; merge keys are YAML 1.1 only. A config of a few gates is short enough
 * to write out. This also keeps a config free of alias bombs.
 */
function refuseAliases(yaml, doc, where, lineOf) {
    let alias;
    yaml.visit(doc, {
        Alias(_, node) {
            alias = node;
            return yaml.visit.BREAK;
        },
    });
    if (alias) {
        throw new errors_ConfigurationError(`YAML aliases are not supported: *${alias.source} refers to an anchor (&${alias.source}) elsewhere`, { ...where, line: lineOf(alias) }, 'write the value out where it is used');
    }
}

;// CONCATENATED MODULE: ./packages/core/src/config.ts






const DEFAULT_CONFIG_PATH = '.github/roadstop.yml';
const CONFIG_VERSION = 1;
/** The key of every gate's section that lets the gate be skipped without failing gates.yml's summary. */
const ALLOW_SKIP = 'allow-skip';
/**
 * A map in the config file, read with types checked and every mistake located
 * by file, dotted key and line. An absent section reads as empty.
 */
class ConfigSection {
    path;
    node;
    source;
    constructor(node, path, source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }
    get file() {
        return this.source?.file;
    }
    keys() {
        return this.node ? this.node.entries.map((entry) => entry.name) : [];
    }
    has(key) {
        return this.raw(key) !== undefined;
    }
    /** What kind of value `key` holds, for keys that take either a scalar or a map. */
    kind(key) {
        return this.raw(key)?.kind;
    }
    /** Where `key` (or the section itself) is, for an error. */
    locate(key) {
        const line = key === undefined ? this.node?.line : (this.entry(key)?.line ?? this.node?.line);
        const location = { key: key === undefined ? this.path : this.join(key) };
        if (this.source) {
            location.file = this.source.file;
            if (line !== undefined)
                location.line = line;
        }
        return location;
    }
    /**
     * Reject keys this version does not know, naming the closest known one. Every gate's own section also takes
     * `allow-skip: true` (checked here, read by gates.yml's summary): a configured gate that did not run passes only then.
     */
    rejectUnknown(given) {
        // A section at the top (a gate's own; the top itself and `version` are not sections of a gate).
        const gateSection = this.path !== '' && this.path !== 'version' && !/[.[]/.test(this.path);
        const allowed = gateSection ? [...given, ALLOW_SKIP] : given;
        if (gateSection)
            this.boolean(ALLOW_SKIP);
        for (const key of this.keys()) {
            if (!allowed.includes(key)) {
                const close = closest(key, allowed);
                throw new errors_ConfigurationError(`unknown key '${key}'`, this.locate(key), close ? `did you mean '${close}'?` : `known keys: ${allowed.join(', ')}`);
            }
        }
    }
    /** The scalar under `key` as YAML read it (a map or list reads as an object). */
    value(key) {
        const node = this.raw(key);
        if (node === undefined)
            return undefined;
        if (node.kind !== 'scalar')
            return {};
        return node.value;
    }
    /**
     * Read an older spelling of a setting under its current name, in place:
     * `from` is a key of this map, or `parent.key` of a map inside it (the
     * entry moves up, and the map goes once it is empty). Returns where `from`
     * was, or undefined when it is not there; both set is a mistake.
     */
    renameKey(from, to) {
        const dot = from.indexOf('.');
        const parent = dot === -1 ? undefined : from.slice(0, dot);
        const child = from.slice(dot + 1);
        const holder = parent === undefined ? this : this.kind(parent) === 'map' ? this.section(parent) : undefined;
        const index = holder?.node?.entries.findIndex((entry) => entry.key === child) ?? -1;
        if (!this.node || !holder?.node || index === -1)
            return undefined;
        const where = holder.locate(child);
        if (this.keys().includes(to))
            throw new errors_ConfigurationError(`'${from}' is the old name of '${to}', and both are set`, where, `keep only '${to}'`);
        const [entry] = holder.node.entries.splice(index, 1);
        this.node.entries.push({ ...entry, key: to, name: to });
        if (parent !== undefined && holder.node.entries.length === 0)
            this.node.entries = this.node.entries.filter((each) => each.key !== parent);
        return where;
    }
    string(key) {
        const value = this.value(key);
        if (value === undefined)
            return undefined;
        if (typeof value === 'object')
            throw this.typeError(key, 'a string');
        return String(value);
    }
    /** A size or percentage that YAML may have read as a number (`max: 400000`). */
    stringOrNumber(key) {
        const value = this.value(key);
        if (value === undefined || typeof value === 'number')
            return value;
        if (typeof value === 'object' || typeof value === 'boolean')
            throw this.typeError(key, 'a string or a number');
        return String(value);
    }
    number(key, range = {}) {
        const value = this.value(key);
        if (value === undefined)
            return undefined;
        const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (!Number.isFinite(number))
            throw this.typeError(key, 'a number');
        checkRange(number, range, this.locate(key));
        return number;
    }
    boolean(key) {
        const value = this.value(key);
        if (value === undefined)
            return undefined;
        if (typeof value !== 'boolean')
            throw this.typeError(key, 'true or false');
        return value;
    }
    oneOf(key, values) {
        const value = this.string(key);
        return value === undefined ? undefined : input_values_oneOf(value, values, this.locate(key));
    }
    /** A string or a list of strings. */
    stringList(key) {
        const node = this.raw(key);
        if (node === undefined)
            return undefined;
        if (node.kind === 'list') {
            return node.items.map((item, index) => {
                const value = item.kind === 'scalar' ? item.value : undefined;
                if (typeof value !== 'string' && typeof value !== 'number') {
                    throw new errors_ConfigurationError(`item ${index + 1} must be a string`, this.locate(key));
                }
                return String(value);
            });
        }
        const single = this.string(key);
        return single === undefined ? undefined : [single];
    }
    section(key) {
        const node = this.raw(key);
        if (node !== undefined && node.kind !== 'map')
            throw this.typeError(key, 'a map of keys');
        return new ConfigSection(node, this.join(key), this.source);
    }
    /** A list of maps, such as `budgets:`. */
    sections(key) {
        const node = this.raw(key);
        if (node === undefined)
            return [];
        if (node.kind !== 'list')
            throw this.typeError(key, 'a list');
        return listSections(node, this.join(key), this.source);
    }
    join(key) {
        return this.path ? `${this.path}.${key}` : key;
    }
    entry(key) {
        return this.node?.entries.find((entry) => entry.key === key);
    }
    raw(key) {
        const value = this.entry(key)?.value;
        if (value === undefined)
            return undefined;
        if (value.kind === 'scalar' && value.value === null)
            return undefined;
        return value;
    }
    typeError(key, expected) {
        return new errors_ConfigurationError(`must be ${expected}`, this.locate(key));
    }
}
/** The maps of a list, as sections named `path[index]`; an item that is not a map is an error at its line. */
function listSections(list, path, source) {
    return list.items.map((item, index) => {
        const itemPath = `${path}[${index}]`;
        if (item.kind !== 'map') {
            throw new errors_ConfigurationError('must be a map of keys', { key: itemPath, ...(source ? { file: source.file, line: item.line } : {}) });
        }
        return new ConfigSection(item, itemPath, source);
    });
}
/**
 * A YAML list of maps that is not part of the config file (an action input
 * such as canary-watch's `metrics`), read as the sections `key[0]`, `key[1]`\u2026
 * whose errors name `file` (e.g. "input 'metrics'") and lines counted from the
 * text's first; YAML mistakes are located at `where`, and anything but a list
 * is refused with `expected`.
 */
function parseSectionList(text, options) {
    const tree = yaml_parseYamlTree(text, options.where);
    if (tree === null || tree.kind !== 'list')
        throw new errors_ConfigurationError(options.expected, options.where);
    return listSections(tree, options.key, { file: options.file });
}
/**
 * Read the roadstop config. A missing file is fine at the default path and an
 * error at a path the user named; a mistake is thrown. Synchronous: every step
 * starts with a file of a few kB, and the promise API of node:fs (with the
 * streams it loads) cost more than the read.
 */
function loadConfig(path, options) {
    // The default path is optional even when spelled out (action.yml's default): every gate also works from inputs alone.
    const file = path !== undefined && path.trim() !== '' ? path.trim() : DEFAULT_CONFIG_PATH;
    const explicit = file !== DEFAULT_CONFIG_PATH;
    const absolute = resolve(options.workspace, file);
    const shown = displayPath(absolute, options.workspace);
    const where = { file: shown, ...(options.input ? { input: options.input } : {}) };
    // Inside the workspace after symlinks (or in `also`, e.g. the CLI's shell folder for --config).
    const real = confinedPathSync(options.workspace, absolute, where, { what: 'the config file', ...(options.also ? { also: options.also } : {}) });
    let text;
    try {
        text = readRegularFileSync(real, where, 'the config file');
    }
    catch (error) {
        if (error instanceof ConfigurationError)
            throw error;
        const code = error.code;
        if (code === 'ENOENT' && !explicit)
            return loadedConfig(undefined, new ConfigSection(undefined, '', undefined), []);
        throw new ConfigurationError(code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(error)})`, where);
    }
    return parseConfig(text, shown, options.sections);
}
/**
 * Parse a config: sections not in `sections` are refused, and each section
 * present is checked against its option definitions. Without `sections` (a
 * gate's own unit tests), only the YAML and the version are checked.
 */
function parseConfig(text, file, sections) {
    const contents = parseYamlTree(text, { file });
    if (contents !== null && contents.kind !== 'map') {
        throw new ConfigurationError('the config must be a map of sections such as bundle-budget:', { file, line: 1 });
    }
    const root = new ConfigSection(contents ?? undefined, '', { file });
    const version = root.number('version', { integer: true });
    if (version !== undefined && version !== CONFIG_VERSION) {
        throw new ConfigurationError(`config version ${version} is not supported (this roadstop reads version ${CONFIG_VERSION})`, root.locate('version'));
    }
    const warnings = [];
    if (sections) {
        root.rejectUnknown(['version', ...Object.keys(sections)]);
        for (const [name, definition] of Object.entries(sections)) {
            if (definition.options)
                checkSection(root.section(name), definition.options, warnings);
            else
                root.section(name);
        }
    }
    return loadedConfig(file, root, warnings);
}
function loadedConfig(file, root, warnings) {
    return { file, root, section: (gate) => root.section(gate), warnings };
}
function displayPath(absolute, workspace) {
    const inside = relative(workspace, absolute);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : absolute;
}
/** The candidate a mistyped name most likely meant, or none close enough. */
function closest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (word.startsWith(candidate) || candidate.startsWith(word))
            return candidate;
        const distance = editDistance(word, candidate);
        if (distance < bestDistance)
            [best, bestDistance] = [candidate, distance];
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

;// CONCATENATED MODULE: ./packages/core/src/control-chars.ts
/**
 * `text` with its control characters written as `\xNN` escapes: a newline in a
 * file name (git allows one) would otherwise split a table row, a log line or
 * an annotation in two.
 */
function escapeControlCharacters(text) {
    return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

;// CONCATENATED MODULE: ./packages/core/src/gate-common.ts

/** What every gate does with its own failure: exit 1 (fail), report it as warnings (warn), or only report (never). */
const FAIL_ON = ['fail', 'warn', 'never'];
/** The keys every gate's config section takes (canary-watch reads its baseline live and says its own fail-on). */
const COMMON_GATE_OPTIONS = {
    baseline: { type: 'string' },
    'fail-on': { type: 'string', enum: FAIL_ON, default: 'fail' },
    'artifact-name': { type: 'string' },
    'allow-skip': { type: 'boolean', default: false, description: "A configured gate that did not run (e.g. no Chrome for lighthouse-gate) passes gates.yml's summary only with allow-skip: true." },
};
function parseFailOn(value, where) {
    return input_values_oneOf(value, FAIL_ON, where);
}
/** Nothing (the default), `none`, `auto`, or a path. */
function parseBaselineSpec(value, origin) {
    if (value === undefined || value === '')
        return { kind: 'default' };
    if (value === 'none' || value === 'auto')
        return { kind: value };
    return { kind: 'file', path: value, origin };
}
/**
 * `fail-on: warn` reports failures as warnings: the gate's status becomes
 * warn, so the exit code, the comment and Slack agree. The checks keep their
 * own status, so a reader still sees which one failed.
 */
function applyFailOn(result, failOn) {
    if (failOn !== 'warn' || result.status !== 'fail')
        return;
    result.status = 'warn';
    for (const message of result.messages)
        if (message.level === 'error')
            message.level = 'warning';
    result.messages.push({ level: 'notice', text: 'fail-on: warn \u2014 failures are reported as warnings' });
}
/** Whether the step should fail: the gate failed and fail-on says so. */
function isBlocking(result, failOn) {
    return result.status === 'fail' && failOn === 'fail';
}
/**
 * The notice for a growth or drop limit that had no baseline to hold against: the summary, the
 * annotations and the CLI say it, so that "+2% vs base" is never read as judged when nothing was.
 */
function notJudgedWithoutBaseline(text) {
    return { level: 'notice', title: NOT_JUDGED, text };
}
/** The title of those notices: renderers pick them out by it. */
const NOT_JUDGED = 'Not judged';

;// CONCATENATED MODULE: ./packages/core/src/globs.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.




/**
 * Brace sets a single glob may expand to. fast-glob (micromatch) expands
 * `{a,b}` into one pattern per combination before matching: twenty groups are a
 * million patterns, 40 s and 3 GB. No real build or report path needs 1,000.
 */
const MAX_GLOB_EXPANSIONS = 1000;
/**
 * Expand a budget's globs inside the workspace. `!pattern` excludes. A pattern
 * that leaves the workspace, by its text or through a symlinked folder, is
 * refused; symlinks a pattern matches are skipped and listed.
 */
async function selectFiles(workspace, patterns, origin) {
    const include = [];
    const exclude = [];
    for (const pattern of patterns) {
        checkGlobSize(pattern, origin);
        const relative = insideWorkspace(workspace, pattern, origin);
        (pattern.startsWith('!') ? exclude : include).push(relative);
    }
    if (include.length === 0)
        throw new errors_ConfigurationError('only exclusions (!) were given', origin, 'add a glob that selects files');
    for (const pattern of include)
        refuseLinkedBase(workspace, pattern, origin);
    const files = [];
    const skippedLinks = [];
    const skippedSpecial = [];
    for (const entry of await matchEntries(workspace, include, exclude)) {
        const special = specialFileKind(entry.kind);
        if (entry.kind.isSymbolicLink())
            skippedLinks.push(entry.path);
        else if (entry.kind.isFile())
            files.push(entry.path);
        else if (special)
            skippedSpecial.push({ path: entry.path, kind: special });
    }
    files.sort();
    await refuseEscapes(workspace, files, patterns, origin);
    return { files, skippedLinks: skippedLinks.sort(), skippedSpecial: skippedSpecial.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
/**
 * Every entry the globs match, each once, files or not. Literal paths
 * (`coverage/lcov.info`) are an lstat each, selected as fast-glob selects
 * them (a missing path matching nothing) without loading it: fast-glob and its
 * helpers cost a step ~8 ms to load (bench/README.md), for a report path that
 * names one file.
 */
async function matchEntries(workspace, include, exclude) {
    if (exclude.length === 0 && include.every(isLiteralPath)) {
        return [...new Set(include)].flatMap((path) => {
            const kind = (0,external_node_fs_.lstatSync)((0,external_node_path_.join)(workspace, path), { throwIfNoEntry: false });
            return kind ? [{ path, kind }] : [];
        });
    }
    // Not onlyFiles: it would drop matched symlinks without a word. Entries are sorted out by their dirent instead.
    // Loaded when a glob is expanded, not with every step: a step that stops at its config never pays for it.
    const { default: fg } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.t.bind(__webpack_require__, 25648, 23));
    const entries = await fg(include, { cwd: workspace, ignore: exclude, onlyFiles: false, dot: true, unique: true, followSymbolicLinks: false, objectMode: true });
    return entries.map((entry) => ({ path: entry.path, kind: entry.dirent }));
}
/**
 * A pattern with nothing a glob would expand (no wildcard, class, brace,
 * extglob or escape): a path, such as `coverage/lcov.info`. Conservative: any
 * of those characters, even where a glob would read it literally, goes to
 * fast-glob.
 */
function isLiteralPath(pattern) {
    return !/[*?[\]{}()!+@\\]/.test(pattern);
}
/** The warning for symlinks a selection skipped, or nothing. */
function describeSkippedLinks(selection, examples = 3) {
    const links = selection.skippedLinks;
    const special = selection.skippedSpecial ?? [];
    const parts = [];
    if (links.length > 0) {
        const shown = links.slice(0, examples).join(', ') + (links.length > examples ? ', \u2026' : '');
        parts.push(`skipped ${links.length} symlink${links.length === 1 ? '' : 's'} the globs match (${shown}): symlinks are not followed, so nothing outside the workspace is read`);
    }
    if (special.length > 0) {
        const shown = special.slice(0, examples).map((entry) => `${entry.path} is ${entry.kind}`).join(', ') + (special.length > examples ? ', \u2026' : '');
        parts.push(`skipped ${special.length} match${special.length === 1 ? '' : 'es'} that ${special.length === 1 ? 'is' : 'are'} not a regular file (${shown}): roadstop reads only regular files, so a pipe or device never hangs the step`);
    }
    return parts.length > 0 ? parts.join('; ') : undefined;
}
/**
 * fast-glob does not follow symlinks while walking, but a symlinked folder in
 * a pattern's fixed part (`dist/link/*.js`) is read through. Resolve each
 * distinct folder once and refuse any that leads out.
 */
async function refuseEscapes(workspace, files, patterns, origin) {
    const root = await external_node_fs_.promises.realpath(workspace);
    const folders = new Map();
    for (const file of files) {
        const folder = external_node_path_.posix.dirname(file);
        if (!folders.has(folder))
            folders.set(folder, file);
    }
    await Promise.all([...folders].map(async ([folder, file]) => {
        const real = await external_node_fs_.promises.realpath((0,external_node_path_.join)(workspace, folder));
        if (!isWithin(root, real)) {
            throw new errors_ConfigurationError(`'${file}' (matched by ${patterns.map((pattern) => `'${pattern}'`).join(', ')}) is outside the workspace: the folder ${folder} leads to ${real} through a symlink`, origin, 'point the glob at the build output itself, not at a symlink to it');
        }
    }));
}
/**
 * The folders of a pattern's fixed part (`dist/link` of `dist/link/**\/*.js`)
 * are read by fast-glob through any symlink, so a `dist \u2192 /usr` would be
 * walked whole (142,000 entries) before refuseEscapes sees a file. Each one is
 * lstat'ed first: the walk stops at a symlink that leads out of the workspace,
 * and says so.
 */
function refuseLinkedBase(workspace, pattern, origin) {
    const parts = pattern.split('/');
    let root;
    let folder = '';
    // Every component of the fixed part; the last one too when the pattern is literal (a file, or a folder to walk).
    for (const part of parts) {
        if (part === '' || part === '.' || !isLiteralPath(part))
            break;
        folder = folder === '' ? part : `${folder}/${part}`;
        const kind = (0,external_node_fs_.lstatSync)((0,external_node_path_.join)(workspace, folder), { throwIfNoEntry: false });
        if (!kind)
            return;
        if (!kind.isSymbolicLink())
            continue;
        root ??= (0,external_node_fs_.realpathSync)(workspace);
        let real;
        try {
            real = (0,external_node_fs_.realpathSync)((0,external_node_path_.join)(workspace, folder));
        }
        catch {
            return; // a dangling link matches nothing
        }
        if (!isWithin(root, real)) {
            throw new errors_ConfigurationError(`the glob '${pattern}' goes through ${folder}, a symlink to ${real} outside the workspace; globs do not follow it`, origin, 'point the glob at the build output itself, not at a symlink to it');
        }
    }
}
/** Refuse a glob whose brace sets expand to more than MAX_GLOB_EXPANSIONS patterns, before anything expands it. */
function checkGlobSize(pattern, origin) {
    const count = countBraceExpansions(pattern);
    if (count > MAX_GLOB_EXPANSIONS) {
        throw new errors_ConfigurationError(`the glob '${pattern.length > 80 ? `${pattern.slice(0, 80)}\u2026` : pattern}' expands to more than ${MAX_GLOB_EXPANSIONS} patterns through its {\u2026} brace sets`, origin, 'use fewer {a,b} groups, or ** and a wildcard');
    }
}
/**
 * How many patterns brace expansion makes of `pattern` (an upper bound: a
 * set braces would leave literal may be counted). Hand-written because the
 * library's only way to count is to expand, which is the cost being avoided.
 */
function countBraceExpansions(pattern) {
    const cap = MAX_GLOB_EXPANSIONS + 1;
    let index = 0;
    // A sequence multiplies its brace sets; stops at a ',' or '}' of the enclosing set.
    const sequence = (nested) => {
        let product = 1;
        while (index < pattern.length) {
            const char = pattern[index];
            if (char === '\\')
                index += 2;
            else if (nested && (char === ',' || char === '}'))
                return product;
            else if (char === '{')
                product = Math.min(cap, product * set());
            else
                index++;
        }
        return product;
    };
    // A set sums its alternatives; `{1..100}` counts its range.
    const set = () => {
        const open = index++;
        const range = /^\{(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?\}/.exec(pattern.slice(open));
        if (range) {
            index = open + range[0].length;
            const value = (text) => (/^-?\d+$/.test(text) ? Number(text) : text.charCodeAt(0));
            const step = Math.abs(Number(range[3] ?? 1)) || 1;
            return Math.min(cap, Math.floor(Math.abs(value(range[2]) - value(range[1])) / step) + 1);
        }
        let sum = 0;
        for (;;) {
            sum = Math.min(cap, sum + sequence(true));
            if (index >= pattern.length)
                return 1; // never closed: literal
            if (pattern[index++] === '}')
                return Math.max(sum, 1);
        }
    };
    return sequence(false);
}

;// CONCATENATED MODULE: ./packages/core/src/result-check.ts
/**
 * A result read back (a baseline file, a downloaded artifact) is untrusted
 * input: a negative gzip size would make an over-budget file pass, a coverage
 * of 140% a drop vanish. This checks what result-v1.json says, by hand, plus
 * the ranges of the numbers each gate reads back from a baseline (from the
 * gate's descriptor), which the schema cannot say per gate.
 *
 * By hand rather than with ajv at run time: ajv would add its compiler to every
 * action bundle and its compile time to every step, for a schema of a dozen
 * fields; the tests hold this check and the schema (with ajv) to the same cases.
 */
const STATUSES = ['pass', 'warn', 'fail', 'skipped'];
const UNITS = ['bytes', 'percent', 'score', 'ratio', 'count', 'ms'];
const LEVELS = ['error', 'warning', 'notice'];
/** The first thing wrong with `data` as a result of its gate (whose `ranges` the caller gives), or undefined when it is sound. */
function findResultProblem(data, ranges = {}) {
    const problems = [];
    const fail = (text) => problems.push(text);
    const number = (value, at, range = {}) => {
        if (typeof value !== 'number' || !Number.isFinite(value))
            return void fail(`${at} is not a number`);
        if (range.integer && !Number.isInteger(value))
            fail(`${at} is ${value}, not a whole number`);
        else if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
            fail(`${at} is ${value}, outside ${range.min ?? '\u2026'} to ${range.max ?? '\u2026'}`);
        }
    };
    const string = (value, at, optional = false) => {
        if (value === undefined && optional)
            return;
        if (typeof value !== 'string')
            fail(`${at} is not a string`);
    };
    const oneOf = (value, allowed, at) => {
        if (typeof value !== 'string' || !allowed.includes(value))
            fail(`${at} is not one of ${allowed.join(', ')}`);
    };
    const flat = (value, at, allowNull = false) => {
        const ok = ['string', 'number', 'boolean'].includes(typeof value) || (allowNull && value === null);
        if (!ok)
            fail(`${at} is not a string, number or boolean`);
        else if (typeof value === 'number')
            number(value, at);
    };
    const record = (value, at) => {
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
            return true;
        fail(`${at} is not an object`);
        return false;
    };
    oneOf(data.status, STATUSES, 'status');
    string(data.headline, 'headline');
    string(data.createdAt, 'createdAt');
    string(data.commit, 'commit', true);
    string(data.ref, 'ref', true);
    if (record(data.metrics, 'metrics')) {
        for (const [name, value] of Object.entries(data.metrics))
            number(value, `metrics.${name}`, ranges.metric?.(name));
    }
    if (record(data.settings, 'settings')) {
        for (const [name, value] of Object.entries(data.settings))
            flat(value, `settings.${name}`);
    }
    data.checks.forEach((check, index) => {
        const at = `checks[${index}]`;
        if (!record(check, at))
            return;
        string(check.name, `${at}.name`);
        oneOf(check.status, STATUSES, `${at}.status`);
        oneOf(check.unit, UNITS, `${at}.unit`);
        const range = ranges.check?.(String(check.unit));
        number(check.value, `${at}.value`, range);
        if (check.baseline !== undefined)
            number(check.baseline, `${at}.baseline`, range);
        for (const field of ['limit', 'maxIncrease'])
            if (check[field] !== undefined)
                number(check[field], `${at}.${field}`);
        if (check.details !== undefined && record(check.details, `${at}.details`)) {
            for (const [name, value] of Object.entries(check.details))
                flat(value, `${at}.details.${name}`);
        }
    });
    data.items.forEach((item, index) => {
        const at = `items[${index}]`;
        if (!record(item, at))
            return;
        if (typeof item.id !== 'string' || item.id === '')
            return void fail(`${at}.id is not a path or name`);
        for (const [field, value] of Object.entries(item)) {
            const range = ranges.item?.(field);
            if (range && value !== null && value !== undefined)
                number(value, `items[${index}] (${item.id}).${field}`, range);
            else
                flat(value, `${at}.${field}`, true);
        }
    });
    data.messages.forEach((message, index) => {
        const at = `messages[${index}]`;
        if (!record(message, at))
            return;
        oneOf(message.level, LEVELS, `${at}.level`);
        string(message.text, `${at}.text`);
    });
    if (data.baseline !== undefined && record(data.baseline, 'baseline'))
        string(data.baseline.source, 'baseline.source');
    return problems[0];
}

;// CONCATENATED MODULE: ./packages/core/src/result-plausible.ts
/**
 * A result read back is checked against itself, beyond its shape
 * (findResultProblem): its status may not be better than its own checks say,
 * and no number may be out of any plausible range. A hand-edited or forged
 * file (`status: pass` over a failing check, a size of 1e308 bytes, which
 * Number.isInteger calls whole) is refused, never shown as "all good" or
 * compared with. Kept apart from the per-gate ranges of result-check.ts: these
 * hold for every gate.
 */
/** No file roadstop measures is a terabyte: a size beyond this is not a measurement. */
const MAX_PLAUSIBLE_BYTES = 2 ** 40;
/** Nor does a step run for a day. */
const MAX_PLAUSIBLE_MS = 24 * 60 * 60 * 1000;
/** What every number of a unit must be, whichever gate wrote it. */
const UNIT_BOUNDS = {
    bytes: { min: 0, max: MAX_PLAUSIBLE_BYTES, integer: true },
    percent: { min: 0, max: 100, integer: false },
    score: { min: 0, max: 100, integer: false },
    // Neither whole nor positive: canary-watch writes its `value` metrics (any Prometheus series) as counts.
    count: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: false },
    ms: { min: 0, max: MAX_PLAUSIBLE_MS, integer: false },
    ratio: { min: 0, max: 1e9, integer: false },
};
/** Item fields and metrics that are sizes in bytes under any gate (bundle-budget's names). */
const BYTE_ITEM_FIELD = /^(?:base-)?(?:raw|gzip|brotli)$/;
const BYTE_METRIC = /^total-(?:raw|gzip|brotli)$/;
/** Any other number: finite and within what a double holds exactly, so no comparison is decided by rounding. */
const ANY = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: false };
const BYTES = UNIT_BOUNDS.bytes;
const RANK = { skipped: 0, pass: 1, warn: 2, fail: 3 };
/** The first way `data` contradicts itself or is implausible, or undefined. Assumes findResultProblem found nothing. */
function findImplausibleResult(data) {
    const checks = Array.isArray(data.checks) ? data.checks : [];
    const status = String(data.status);
    const worst = checks.reduce((rank, check) => Math.max(rank, RANK[String(check.status)] ?? 0), 0);
    // fail-on: warn reports a failing check as a warning, so warn over a failing check is what roadstop writes.
    const allowed = worst === RANK.fail ? ['fail', 'warn'] : worst === RANK.warn ? ['warn', 'fail'] : undefined;
    if (allowed && !allowed.includes(status)) {
        const named = checks.find((check) => RANK[String(check.status)] === worst);
        return `its status is ${status}, but its check '${String(named?.name)}' is ${String(named?.status)}`;
    }
    const outside = (value, bound, at) => {
        if (typeof value !== 'number')
            return undefined;
        if (!Number.isFinite(value) || value < bound.min || value > bound.max)
            return `${at} is ${value}, beyond any plausible value (${bound.min} to ${bound.max})`;
        if (bound.integer && !Number.isInteger(value))
            return `${at} is ${value}, not a whole number`;
        return undefined;
    };
    for (const [index, check] of checks.entries()) {
        const bound = UNIT_BOUNDS[String(check.unit)] ?? ANY;
        for (const field of ['value', 'baseline']) {
            const problem = outside(check[field], bound, `checks[${index}].${field}`);
            if (problem)
                return problem;
        }
        // A limit drawn from a baseline (`drop \u2264 3` under a score of 2) and an allowed increase may be negative.
        for (const field of ['limit', 'maxIncrease']) {
            const problem = outside(check[field], { ...bound, min: -bound.max }, `checks[${index}].${field}`);
            if (problem)
                return problem;
        }
    }
    for (const [name, value] of Object.entries(data.metrics ?? {})) {
        const problem = outside(value, BYTE_METRIC.test(name) ? BYTES : ANY, `metrics.${name}`);
        if (problem)
            return problem;
    }
    const items = Array.isArray(data.items) ? data.items : [];
    for (const [index, item] of items.entries()) {
        for (const [field, value] of Object.entries(item)) {
            const problem = outside(value, BYTE_ITEM_FIELD.test(field) ? BYTES : ANY, `items[${index}] (${String(item.id)}).${field}`);
            if (problem)
                return problem;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/result.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.







/**
 * The result contract every gate writes and every renderer (job summary, PR
 * comment, Slack, CLI) reads. Bump RESULT_SCHEMA_VERSION on any change that an
 * older reader would misread; readers refuse other versions by name.
 */
const RESULT_SCHEMA_VERSION = 1;
const RESULT_SCHEMA_ID = 'https://roadstop.dev/schemas/result-v1.json';
const ORDER = ['skipped', 'pass', 'warn', 'fail'];
/** The worse of the statuses: fail > warn > pass > skipped. */
function worstStatus(statuses, empty = 'pass') {
    let worst;
    for (const status of statuses) {
        if (worst === undefined || ORDER.indexOf(status) > ORDER.indexOf(worst))
            worst = status;
    }
    return worst ?? empty;
}
function createResult(fields) {
    return {
        $schema: RESULT_SCHEMA_ID,
        schemaVersion: RESULT_SCHEMA_VERSION,
        createdAt: fields.createdAt ?? new Date().toISOString(),
        ...fields,
    };
}
/** Write atomically, so a reader never sees half a result and a failed write keeps the old one. */
async function writeResult(path, result, text = serializeResult(result)) {
    await external_node_fs_.promises.mkdir((0,external_node_path_.dirname)(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await external_node_fs_.promises.writeFile(temporary, text);
    await external_node_fs_.promises.rename(temporary, path);
}
/** The file's text: indented JSON and a final newline, as every reader and diff expects. */
function serializeResult(result) {
    return `${JSON.stringify(result, null, 2)}\n`;
}
const NOT_A_RESULT = 'point it at a file a roadstop gate wrote';
const NOT_WRITTEN_BY_ROADSTOP = 'a result roadstop wrote holds none of this; regenerate it, or compare with another run';
/** A result file larger than this is no result (the largest, coverage's, holds a line per file: a few MB). */
const MAX_RESULT_BYTES = 64 * 1024 * 1024;
/**
 * Read a result written by any gate, refusing files that are not roadstop
 * results or that another schema version wrote. `input` names the action
 * input or option the path came from, for the error.
 */
async function readResult(path, options = {}) {
    const where = { file: path, ...(options.input ? { input: options.input } : {}) };
    let text;
    try {
        const { size } = await external_node_fs_.promises.stat(path);
        if (size > MAX_RESULT_BYTES) {
            throw new errors_ConfigurationError(`not a roadstop result: ${size.toLocaleString('en-US')} bytes, more than the ${MAX_RESULT_BYTES.toLocaleString('en-US')} a result may be`, where, NOT_A_RESULT);
        }
        text = await readRegularFile(path, where, 'the result file');
    }
    catch (error) {
        if (error instanceof errors_ConfigurationError)
            throw error;
        throw new errors_ConfigurationError(`cannot read the result file: ${error.code ?? String(error)}`, where);
    }
    return parseResult(text, { ...options, file: path });
}
function parseResult(text, options = {}) {
    const where = { ...(options.file ? { file: options.file } : {}), ...(options.input ? { input: options.input } : {}) };
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        // Never the parser's message: it quotes the file's start, and the file may be anything (a key, /etc/passwd).
        const at = /line (\d+) column (\d+)/.exec(error.message);
        throw new errors_ConfigurationError(`not a roadstop result: invalid JSON${at ? ` at line ${at[1]}, column ${at[2]}` : ''}`, where, NOT_A_RESULT);
    }
    checkNesting(data, where, NOT_A_RESULT);
    if (typeof data !== 'object' || data === null || !('schemaVersion' in data) || !('gate' in data)) {
        throw new errors_ConfigurationError('not a roadstop result: it has no schemaVersion and gate', where, NOT_A_RESULT);
    }
    const record = data;
    if (record.schemaVersion !== RESULT_SCHEMA_VERSION) {
        throw new errors_ConfigurationError(`result schema version ${JSON.stringify(record.schemaVersion)} is not supported (this roadstop reads version ${RESULT_SCHEMA_VERSION})`, where, 'produce the baseline with the same major version of roadstop');
    }
    if (options.gate && record.gate !== options.gate) {
        throw new errors_ConfigurationError(`this is a ${String(record.gate)} result, not a ${options.gate} result`, where);
    }
    for (const key of ['status', 'headline', 'metrics', 'checks', 'items', 'messages', 'settings']) {
        if (!(key in record))
            throw new errors_ConfigurationError(`not a roadstop result: '${key}' is missing`, where);
    }
    if (!Array.isArray(record.items) || !Array.isArray(record.checks) || !Array.isArray(record.messages)) {
        throw new errors_ConfigurationError('not a roadstop result: items, checks and messages must be lists', where);
    }
    const problem = findResultProblem(record, options.ranges?.(String(record.gate)));
    if (problem)
        throw new errors_ConfigurationError(`not a valid ${String(record.gate)} result: ${problem}`, where, NOT_WRITTEN_BY_ROADSTOP);
    const implausible = findImplausibleResult(record);
    if (implausible)
        throw new errors_ConfigurationError(`not a result roadstop wrote: ${implausible}`, where, NOT_WRITTEN_BY_ROADSTOP);
    return data;
}
/**
 * Where a gate writes its result: the path the user gave (inside the
 * workspace, and never over a file that is not a result of this gate), or a
 * file in the runner's temp folder.
 */
async function prepareReportPath(given, options) {
    if (!given || given.trim() === '')
        return (0,external_node_path_.join)(options.temp, 'roadstop', `${options.gate}.json`);
    const where = { input: options.input ?? 'report', file: given };
    // Inside the workspace, or the runner's temp folder where the default lives; after symlinks, not by the text.
    const target = await confinedPath(options.workspace, given, where, { also: [options.temp], what: 'the report' });
    if (options.baseline !== undefined && realLocation(options.baseline) === target) {
        throw new errors_ConfigurationError('is the baseline file too: writing the result there would overwrite the baseline it is compared with', where, 'write the report to another path');
    }
    let existing;
    try {
        existing = await readRegularFile(target, where, 'the report');
    }
    catch (error) {
        if (error instanceof errors_ConfigurationError)
            throw error;
        const code = error.code;
        if (code === 'EISDIR')
            throw new errors_ConfigurationError('is a folder, not a file', where);
        if (code !== 'ENOENT')
            throw new errors_ConfigurationError(`cannot use it (${code ?? String(error)})`, where);
    }
    if (existing !== undefined) {
        try {
            parseResult(existing, { gate: options.gate });
        }
        catch {
            throw new errors_ConfigurationError('already exists and is not a result of this gate; refusing to overwrite it', where, 'choose another path');
        }
    }
    return target;
}
/**
 * A baseline result the user named (`baseline: path`): it must be a result of
 * this gate, and the error names the path as the user wrote it.
 */
async function readBaselineFile(path, options) {
    let result;
    try {
        const real = await confinedPath(options.workspace, path, { ...options.origin, file: path }, { what: 'the baseline' });
        result = await readResult(real, { gate: options.gate, ...(options.ranges ? { ranges: options.ranges } : {}) });
    }
    catch (error) {
        if (error instanceof errors_ConfigurationError)
            throw new errors_ConfigurationError(error.message, { ...options.origin, file: path }, error.hint);
        throw error;
    }
    return { result, info: { source: path, ...(result.commit ? { commit: result.commit } : {}), createdAt: result.createdAt } };
}

;// CONCATENATED MODULE: ./packages/core/src/result-files.ts




/** Gate names are identifiers, shown and keyed on: anything else is not a result of a roadstop gate. */
const GATE_NAME = /^[a-z][a-z0-9-]{0,63}$/;
/**
 * The roadstop results a `results` input names, for the steps that show
 * every gate (the PR comment, Slack). Globs under $RUNNER_TEMP are read from
 * there, everything else from the workspace; symlinks are never followed. A
 * file that is not a result is skipped with a warning, never the step's end:
 * it may come from another job, or a fork. `matched` counts the files the
 * globs found, results or not.
 */
async function readResultFiles(patterns, options) {
    if (patterns.length === 0)
        return { results: [], matched: 0 };
    const { workspace, input, warn } = options;
    const temp = options.runnerTemp ? `${options.runnerTemp.replace(/\/+$/, '')}/` : undefined;
    const inTemp = (pattern) => !!temp && pattern.replace(/^!/, '').startsWith(temp);
    const roots = [
        [workspace, patterns.filter((pattern) => !inTemp(pattern))],
        ...(temp ? [[temp, patterns.filter(inTemp).map((pattern) => pattern.replace(temp, ''))]] : []),
    ];
    const paths = [];
    for (const [root, selected] of roots) {
        if (!selected.some((pattern) => !pattern.startsWith('!')))
            continue;
        const selection = await selectFiles(root, selected, { input });
        const links = describeSkippedLinks(selection);
        if (links)
            warn(`input '${input}': ${links}`);
        paths.push(...selection.files.map((file) => (0,external_node_path_.join)(root, file)));
    }
    const results = [];
    for (const path of paths) {
        const file = path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path;
        try {
            const result = await readResult(path, { input, ...(options.ranges ? { ranges: options.ranges } : {}) });
            if (!GATE_NAME.test(result.gate))
                throw new errors_ConfigurationError('not a roadstop result: its gate is not a gate name');
            results.push({ file, result });
        }
        catch (error) {
            if (!(error instanceof errors_ConfigurationError))
                throw error;
            warn(`input '${input}': skipped ${file}: ${error.message}`);
        }
    }
    return { results, matched: paths.length };
}

;// CONCATENATED MODULE: ./packages/core/src/runner-context.ts


/** Events whose payload carries the pull request: without it, changed lines and baselines would be silently skipped. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
function readRunnerContext(env = process.env, cwd = process.cwd()) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const payload = readEvent(env.GITHUB_EVENT_PATH, PULL_REQUEST_EVENTS.has(eventName) ? eventName : undefined);
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const repository = payload.repository;
    const pr = (payload.pull_request ?? undefined);
    const defaultBranch = repository?.default_branch;
    const context = {
        workspace: env.GITHUB_WORKSPACE || cwd,
        eventName,
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
        isDefaultBranchPush: env.GITHUB_EVENT_NAME === 'push' && !!defaultBranch && env.GITHUB_REF === `refs/heads/${defaultBranch}`,
        payload,
    };
    if (env.GITHUB_SHA)
        context.sha = env.GITHUB_SHA;
    if (env.GITHUB_REF)
        context.ref = env.GITHUB_REF;
    if (owner && repo)
        [context.owner, context.repo] = [owner, repo];
    if (env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID))
        context.runId = Number(env.GITHUB_RUN_ID);
    if (env.GITHUB_WORKFLOW_REF)
        context.workflowRef = env.GITHUB_WORKFLOW_REF;
    if (defaultBranch)
        context.defaultBranch = defaultBranch;
    if (pr?.base?.ref && pr.head?.sha) {
        context.pullRequest = {
            number: pr.number,
            baseRef: pr.base.ref,
            headSha: pr.head.sha,
            fromFork: !!pr.head.repo?.full_name && pr.head.repo.full_name !== pr.base.repo?.full_name,
            ...(pr.base.sha ? { baseSha: pr.base.sha } : {}),
            ...(pr.head.ref ? { headRef: pr.head.ref } : {}),
        };
    }
    return context;
}
/** The run's page at this attempt: a link that outlives a re-run still shows the attempt that wrote it. */
function runUrlOf(context, env) {
    if (!context.owner || !context.repo || !context.runId)
        return undefined;
    // A number, as GITHUB_RUN_ID is read: anything else in the variable stays out of the link.
    const given = env.GITHUB_RUN_ATTEMPT ?? '';
    const attempt = /^\d+$/.test(given) && given !== '1' ? `/attempts/${given}` : '';
    return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}${attempt}`;
}
/**
 * The event payload. Outside a pull request a missing file is an empty
 * payload (a local run); on a pull request event it is the runner's failure,
 * said as such rather than read as "not a pull request".
 */
function readEvent(path, pullRequestEvent) {
    if (!path) {
        if (pullRequestEvent)
            throw new EnvironmentError(`this is a ${pullRequestEvent} run, but GITHUB_EVENT_PATH is not set: the pull request's payload cannot be read`);
        return {};
    }
    let text;
    try {
        text = confine_readRegularFileSync(path, { file: path }, 'the event file');
    }
    catch (error) {
        if (pullRequestEvent) {
            throw new EnvironmentError(`this is a ${pullRequestEvent} run, but its event file ${path} cannot be read (${error.code ?? error.message})`);
        }
        return {};
    }
    try {
        const data = JSON.parse(text);
        return typeof data === 'object' && data !== null ? data : {};
    }
    catch (error) {
        throw new errors_ConfigurationError(`the event file is not JSON (${error.message})`, { file: path });
    }
}

;// CONCATENATED MODULE: ./packages/core/src/sizes.ts

// Decimal units as size-limit, bundlewatch and browsers' devtools show them; binary units when asked for by name.
const sizes_UNITS = {
    b: 1,
    byte: 1,
    bytes: 1,
    kb: 1000,
    mb: 1000 ** 2,
    gb: 1000 ** 3,
    kib: 1024,
    mib: 1024 ** 2,
    gib: 1024 ** 3,
};
const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i;
/** `"400 kB"`, `"1.5 MB"`, `"512 KiB"`, `"2048"`, `2048` \u2192 bytes. */
function parseSize(value, where = {}) {
    if (typeof value === 'number') {
        if (Number.isFinite(value) && value >= 0)
            return Math.round(value);
        throw new errors_ConfigurationError(`'${value}' is not a size`, where, 'use bytes or a size such as "400 kB"');
    }
    const match = SIZE_PATTERN.exec(value);
    const unit = match ? sizes_UNITS[(match[2] ?? '').toLowerCase() || 'b'] : undefined;
    if (!match || unit === undefined) {
        throw new errors_ConfigurationError(`'${value}' is not a size`, where, 'write a number with B, kB, MB, GB (1000) or KiB, MiB, GiB (1024), e.g. "400 kB"');
    }
    return Math.round(Number(match[1]) * unit);
}
/** `"2%"` or `"5 kB"`: how much a measured size may grow against its baseline. */
function parseIncrease(value, where = {}) {
    if (typeof value === 'string' && value.trim().endsWith('%')) {
        const number = Number(value.trim().slice(0, -1));
        if (!Number.isFinite(number) || number < 0 || value.trim() === '%') {
            throw new errors_ConfigurationError(`'${value}' is not a percentage`, where, 'write e.g. "2%"');
        }
        return { kind: 'percent', value: number };
    }
    return { kind: 'bytes', value: parseSize(value, where) };
}
function formatIncrease(increase) {
    return increase.kind === 'percent' ? `${increase.value}%` : formatBytes(increase.value);
}
/** Bytes as a person reads them, in the same decimal units `parseSize` reads by default. */
function formatBytes(bytes) {
    const sign = bytes < 0 ? '-' : '';
    const abs = Math.abs(bytes);
    if (abs < 1000)
        return `${sign}${abs} B`;
    if (abs < 1000 ** 2)
        return `${sign}${trim(abs / 1000)} kB`;
    if (abs < 1000 ** 3)
        return `${sign}${trim(abs / 1000 ** 2)} MB`;
    return `${sign}${trim(abs / 1000 ** 3)} GB`;
}
// Three significant figures at most, without trailing zeros: 400 kB, 1.88 kB, 12.5 kB.
function trim(n) {
    return String(Number(n >= 100 ? n.toFixed(1) : n.toFixed(2)));
}
/** `+1.2 kB (+0.6%)`: a delta with its sign, for tables. */
function formatDelta(delta, base) {
    const bytes = `${delta > 0 ? '+' : ''}${formatBytes(delta)}`;
    if (base === undefined || base === 0)
        return bytes;
    const percent = (delta / base) * 100;
    return `${bytes} (${percent > 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) < 10 ? 2 : 1)}%)`;
}

;// CONCATENATED MODULE: ./packages/core/src/step-inputs.ts

/** Inputs every gate action has beside its own. */
const STEP_INPUTS = (/* unused pure expression or super */ null && (['report', 'artifact-name', 'upload', 'github-token']));
const UPLOAD_MODES = (/* unused pure expression or super */ null && (['auto', 'always', 'never']));
/** Read a gate action's inputs once; `read` is @actions/core's getInput, passed in by main.ts. */
function readStepInputs(gateInputs, read, defaultArtifact) {
    const gate = {};
    for (const name of gateInputs) {
        const value = read(name);
        if (value !== '')
            gate[name] = value;
    }
    return {
        config: read('config'),
        gate,
        report: read('report'),
        artifactName: read('artifact-name') || defaultArtifact,
        upload: oneOf(read('upload') || 'auto', UPLOAD_MODES, { input: 'upload' }),
        token: read('github-token'),
    };
}
/** An input's value, trimmed; absent or empty reads as not given, so the config file's value stands. */
function givenInput(inputs, name) {
    const value = inputs[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
}

;// CONCATENATED MODULE: ./packages/core/src/redact.ts
/** Secrets shorter than this are not searched for: replacing every "a" would wreck the file and hide nothing. */
const SHORTEST_SECRET = 4;
/** Known secrets, longest first (so a secret holding another is cut whole), without the ones too short to search for. */
function searchable(secrets) {
    return [...new Set(secrets.filter((secret) => secret.length >= SHORTEST_SECRET))].sort((a, b) => b.length - a.length);
}
/** Text with every known secret replaced by `***`: for what leaves unmasked (the job summary, a Slack message, a file). */
function redactText(text, secrets) {
    return replaceAll(text, searchable(secrets));
}
/** `text` with each of `known` (already searchable: deduplicated, long enough, longest first) replaced by `***`. */
function replaceAll(text, known) {
    return known.reduce((value, secret) => value.split(secret).join('***'), text);
}
/**
 * Replace every occurrence of every known secret, in every string of a
 * result (headline, messages, checks, items, details, baseline, settings),
 * with `***`. The result file is uploaded as an artifact, which the runner
 * does not mask. Mutates and returns `result`.
 */
function redactSecrets(result, secrets) {
    const known = searchable(secrets);
    if (known.length === 0)
        return result;
    const scrub = (value) => {
        if (typeof value === 'string')
            return replaceAll(value, known);
        // An array's entries are its items.
        if (value !== null && typeof value === 'object') {
            for (const [key, inner] of Object.entries(value))
                value[key] = scrub(inner);
            return value;
        }
        return value;
    };
    scrub(result);
    return result;
}
/**
 * The values to mask among a gate's inputs, as its descriptor defines them: a secret input whole, or its secret
 * parts; a value of several lines also line by line (the runner masks a log line by line).
 */
function secretInputValues(definitions, inputs) {
    const values = [];
    for (const [name, definition] of Object.entries(definitions ?? {})) {
        const value = inputs[name];
        if (!definition?.secret || value === undefined || value === '')
            continue;
        const parts = definition.secretParts ? definition.secretParts(value) : [value];
        for (const part of parts) {
            values.push(part);
            if (/[\r\n]/.test(part))
                values.push(...part.split(/\r?\n|\r/).map((line) => line.trim()));
        }
    }
    return [...new Set(values.filter((value) => value.length >= SHORTEST_SECRET))];
}
/**
 * `text` with the user and password of every URL in it replaced by `***`
 * (`https://x:token@host/` \u2192 `https://***@host/`): git's stderr and a page's
 * URL may carry credentials, and neither is masked by the runner.
 */
function redactUrlCredentials(text) {
    return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1***@');
}
/** The credentials written in a URL (`user:password`, the password, each as written and decoded), for masking and redactSecrets. */
function urlCredentials(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return [];
    }
    if (!parsed.username && !parsed.password)
        return [];
    const decode = (text) => {
        try {
            return decodeURIComponent(text);
        }
        catch {
            return text;
        }
    };
    const found = [`${parsed.username}:${parsed.password}`, parsed.password, parsed.username ? `${parsed.username}@` : ''];
    return [...new Set([...found, ...found.map(decode)])].filter((secret) => secret.length > 1 && secret !== ':');
}

;// CONCATENATED MODULE: ./packages/core/src/retry-after.ts
/**
 * The wait a `Retry-After` header asks for, in whole seconds (rounded up): delay-seconds (digits only) or an
 * HTTP-date (it begins with the day's name), the two forms RFC 9110 section 10.2.3 allows; a date past is no wait.
 * Undefined when the header is absent or neither: a fraction, a sign, hex or a bare number Date.parse would read
 * as a year is no hint.
 */
function retryAfterSeconds(value, nowMs) {
    if (value === undefined || value === null)
        return undefined;
    const text = value.trim();
    if (/^\d{1,9}$/.test(text))
        return Number(text);
    if (!/^[A-Za-z]{3,9},? /.test(text))
        return undefined;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./packages/core/src/rate-limit.ts

const sleep = (ms, signal) => (0,promises_.setTimeout)(ms, undefined, signal ? { signal } : {});
/**
 * Waits out one rate-limited answer within its caller's budget and retries, or throws the caller's error: the one
 * policy of the Vercel adapter, the Sentry provider and the GitHub client, so that none waits past its budget, none
 * retries forever, and a cancel ends every wait at once.
 */
async function waitOutRateLimit(wait) {
    if (wait.waitMs >= wait.leftMs)
        throw wait.giveUp('too-long');
    if (wait.attempt >= wait.maxRetries)
        throw wait.giveUp('retries-spent');
    wait.onWait?.();
    try {
        await (wait.sleep ?? sleep)(wait.waitMs, wait.signal);
    }
    catch (error) {
        if (wait.signal?.aborted && wait.cancelled)
            throw wait.cancelled();
        throw error;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/http-fetch.ts
/*
 * The one way roadstop speaks HTTP to the outside: GitHub (Octokit's fetch),
 * the artifact download, Slack (Web API and webhooks) and the canary
 * providers all send through edgeFetch.
 *
 * - Proxy: Node's fetch ignores HTTPS_PROXY. With HTTPS_PROXY, HTTP_PROXY or
 *   NO_PROXY set (either case, as curl reads them), requests go through one
 *   undici EnvHttpProxyAgent, built once, with undici's own fetch (the
 *   platform's fetch refuses a dispatcher of another undici). undici is
 *   loaded only then: a step without a proxy never parses it.
 * - Redirects are followed here, not by fetch: the fetch standard drops
 *   Authorization on a redirect to another origin, but forwards every other
 *   header (an API key, a custom `X-\u2026`). To another origin only the headers
 *   that describe the request (accept, content-type, user-agent) go along.
 * - `redirect: 'error'` is a RedirectRefusedError naming the status and the
 *   origin it pointed to, at once: not fetch's bare TypeError, which clients
 *   read as a network failure and retry.
 * - `redirect: 'same-origin'` is the policy of the clients that carry a
 *   credential (the canary providers, Vercel, Slack's Web API): a redirect on
 *   the same origin is followed with every header (a proxy path, a trailing
 *   slash), one to another origin is a RedirectRefusedError before anything
 *   is sent there, so neither the credentials nor the request cross over.
 */
/** A redirect where none may be followed, or one that cannot be (too many, not http, another origin under 'same-origin'). */
class RedirectRefusedError extends Error {
    name = 'RedirectRefusedError';
    status;
    /** The origin the redirect pointed to: never its path or query, which may carry a signature. */
    targetOrigin;
    refusal;
    constructor(status, targetOrigin, reason, refusal = 'refused') {
        super(`HTTP ${status}, a redirect to ${targetOrigin}: ${reason}`);
        this.status = status;
        this.targetOrigin = targetOrigin;
        this.refusal = refusal;
    }
}
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/** What may go to another origin: what the request is, never who sends it. */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'content-type', 'user-agent']);
/** One dispatcher per proxy setting: in a step, the one the environment names, built once. */
const proxied = new Map();
function baseFetch(env) {
    const pick = (upper) => env[upper] || env[upper.toLowerCase()] || undefined;
    const httpsProxy = pick('HTTPS_PROXY');
    const httpProxy = pick('HTTP_PROXY');
    if (!httpsProxy && !httpProxy)
        return Promise.resolve(globalThis.fetch);
    const noProxy = pick('NO_PROXY');
    const key = JSON.stringify([httpsProxy, httpProxy, noProxy]);
    let made = proxied.get(key);
    if (!made) {
        made = (async () => {
            const { EnvHttpProxyAgent, fetch } = await __webpack_require__.e(/* import() */ 134).then(__webpack_require__.t.bind(__webpack_require__, 65134, 19));
            const dispatcher = new EnvHttpProxyAgent({ ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}), ...(noProxy ? { noProxy } : {}) });
            return (url, init) => fetch(url, { ...init, dispatcher });
        })();
        proxied.set(key, made);
    }
    return made;
}
/** edgeFetch over an environment of its own (tests); edgeFetch reads process.env. */
function createEdgeFetch(env = process.env) {
    return async (input, init = {}) => {
        const send = await baseFetch(env);
        const mode = init.redirect ?? 'follow';
        let url = new URL(String(input));
        let method = (init.method ?? 'GET').toUpperCase();
        let body = init.body ?? null;
        const headers = new Headers(init.headers);
        for (let hops = 0;; hops++) {
            const response = await send(url.href, {
                method,
                headers,
                body,
                redirect: 'manual',
                ...(init.signal ? { signal: init.signal } : {}),
                ...(init.duplex ? { duplex: init.duplex } : {}),
            });
            const location = response.headers.get('location');
            if (mode === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null)
                return response;
            await response.body?.cancel().catch(() => { });
            let next;
            try {
                next = new URL(location, url);
            }
            catch {
                throw new RedirectRefusedError(response.status, '(an address that is not a URL)', 'not followed', 'not-http');
            }
            if (mode === 'error')
                throw new RedirectRefusedError(response.status, next.origin, 'no redirect is followed here');
            if (next.protocol !== 'https:' && next.protocol !== 'http:')
                throw new RedirectRefusedError(response.status, next.protocol, 'not an http(s) address', 'not-http');
            if (mode === 'same-origin' && next.origin !== url.origin) {
                throw new RedirectRefusedError(response.status, next.origin, 'another origin, not followed: neither the credentials nor the request go there', 'cross-origin');
            }
            if (hops >= MAX_REDIRECTS)
                throw new RedirectRefusedError(response.status, next.origin, `more than ${MAX_REDIRECTS} redirects`, 'too-many');
            if (next.origin !== url.origin) {
                for (const name of [...headers.keys()])
                    if (!CROSS_ORIGIN_HEADERS.has(name))
                        headers.delete(name);
            }
            // As the fetch standard: 303, and 301/302 after a POST, go on as a GET without the body.
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
                if (method !== 'HEAD')
                    method = 'GET';
                body = null;
                headers.delete('content-type');
                headers.delete('content-length');
            }
            url = next;
        }
    };
}
/** fetch through the environment's proxy, following redirects without carrying credentials to another origin. */
const edgeFetch = (url, init) => createEdgeFetch(process.env)(url, init);

;// CONCATENATED MODULE: ./packages/core/src/url-input.ts

/**
 * What no URL given as an input may hold: control and format characters
 * (line breaks, tabs, NUL, zero-width and bidi marks) and the Unicode line
 * and paragraph separators. A plain space is left to the URL parser, which
 * refuses it in a host and encodes it elsewhere. The URL
 * parser quietly drops tabs and line breaks, so `https://x\n::error::\u2026`
 * parses, while the raw text, logged or put in a comment, is a workflow
 * command or a disguised link. Refused, never cleaned.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** Refuse a URL input holding a control or format character, naming the character and where it is. */
function rejectUnsafeUrlText(text, where, options = {}) {
    const match = UNSAFE.exec(text);
    if (!match)
        return;
    const code = `U+${match[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const quoted = options.echo === false ? '' : `'${JSON.stringify(text).slice(1, -1)}' `;
    throw new errors_ConfigurationError(`${quoted}holds a control or format character (${code} at character ${match.index + 1}), which no URL has`, where, options.hint ?? 'give the URL on one line, as it is');
}
/** An http(s) URL input, checked: no unsafe character, parsed, http or https. */
function parseHttpUrlInput(text, where, options = {}) {
    rejectUnsafeUrlText(text, where, options);
    const quoted = options.echo === false ? '' : `'${text}' `;
    let parsed;
    try {
        parsed = new URL(text);
    }
    catch {
        throw new errors_ConfigurationError(`${quoted}is not a URL`, where, options.hint);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        throw new errors_ConfigurationError(`${quoted}is a ${parsed.protocol} URL, not http(s)`, where, options.hint);
    return parsed;
}

;// CONCATENATED MODULE: ./packages/core/src/index.ts
























/***/ }),

/***/ 13362:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hf: () => (/* binding */ resolveCoverageOptions),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   Yw: () => (/* binding */ COVERAGE_GATE_OPTIONS),
/* harmony export */   k6: () => (/* binding */ GATE)
/* harmony export */ });
/* unused harmony exports PRESETS, parsePercent, parseThreshold */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);
/* harmony import */ var _roadstop_git__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(20630);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83101);



const GATE = 'coverage-gate';
/** The seeds' plan in one word: 60% lines at launch, 70% when hardening, 85% strict. */
const PRESETS = { launch: 60, harden: 70, strict: 85 };
const INPUT_NAMES = [
    'files',
    'preset',
    'min-lines',
    'min-statements',
    'min-functions',
    'min-branches',
    'min-patch',
    'max-drop',
    'base',
    'baseline',
    'fail-on',
];
const PERCENT = { type: 'string-or-number', description: 'Least coverage in percent, e.g. 80 or 80%.' };
const THRESHOLDS = { type: 'map', keys: Object.fromEntries(_model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.map((metric) => [metric, PERCENT])) };
/** The `coverage-gate:` section's keys: checked by the config file, written into the JSON Schema. */
const COVERAGE_GATE_OPTIONS = {
    files: { type: 'string-list' },
    preset: { type: 'string', enum: Object.keys(PRESETS) },
    ...Object.fromEntries(_model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.map((metric) => [`min-${metric}`, { type: 'string-or-number', renamedFrom: [`thresholds.${metric}`] }])),
    thresholds: { ...THRESHOLDS, deprecated: true, description: 'Deprecated: each metric is now a key of its own, min-lines, min-statements, min-functions, min-branches (the inputs\' names).' },
    'per-file': { ...THRESHOLDS, description: 'Least coverage every single file must meet, per metric.' },
    paths: {
        type: 'map-of',
        description: 'Least coverage of the files under a glob, taken together: a percentage of lines, or a map of metrics.',
        values: { type: 'scalar-or-map', scalar: PERCENT, map: THRESHOLDS },
    },
    'min-patch': { type: 'string-or-number', renamedFrom: ['patch'] },
    'max-drop': { type: 'string-or-number' },
    base: { type: 'string' },
    roots: { type: 'string-list', description: 'Folders the coverage tools ran in, tried first when mapping report paths to files.' },
    annotations: { type: 'number', minimum: 0, maximum: 1000, integer: true, default: 50, description: 'At most this many uncovered changed lines become annotations.' },
    ..._roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .COMMON_GATE_OPTIONS */ .L8,
};
/** Merge the config's `coverage-gate:` section with the inputs; an input, when given, wins. */
function resolveCoverageOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(COVERAGE_GATE_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const input = (name) => ({ input: name });
    // An input, when given, wins over the config key of its name; the origin names the one used, for errors.
    const pick = (name, read) => {
        const value = given(name);
        return value !== undefined ? [value, input(name)] : [section[read](name), section.locate(name)];
    };
    const filesText = given('files');
    const files = filesText ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(filesText) : (section.stringList('files') ?? []);
    const filesOrigin = filesText ? input('files') : section.has('files') ? section.locate('files') : input('files');
    if (files.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('no coverage report given', filesOrigin, "give the input 'files' (paths or globs of lcov, coverage-final.json, Cobertura or Clover reports) or coverage-gate.files in the config");
    }
    const [presetText, presetOrigin] = pick('preset', 'string');
    let preset;
    if (presetText !== undefined) {
        if (!(presetText in PRESETS)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${presetText}' is not a preset`, presetOrigin, `use ${Object.entries(PRESETS).map(([name, lines]) => `${name} (${lines}% lines)`).join(', ')}`);
        }
        preset = presetText;
    }
    const thresholds = readThresholds(section.section('thresholds'));
    if (preset && thresholds.lines === undefined)
        thresholds.lines = PRESETS[preset];
    for (const metric of _model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb) {
        const [value, origin] = pick(`min-${metric}`, 'stringOrNumber');
        if (value !== undefined)
            thresholds[metric] = parseThreshold(value, origin);
    }
    const perFile = readThresholds(section.section('per-file'));
    const pathsSection = section.section('paths');
    const paths = pathsSection.keys().map((pattern) => {
        const origin = pathsSection.locate(pattern);
        (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .checkGlobSize */ .Gu)(pattern, origin);
        if (pathsSection.kind(pattern) !== 'map') {
            const single = pathsSection.stringOrNumber(pattern);
            if (single === undefined)
                throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('needs a percentage or a map of metrics', origin, "e.g. 'src/core/**': 90");
            return { pattern, thresholds: { lines: parseThreshold(single, origin) }, origin };
        }
        return { pattern, thresholds: readThresholds(pathsSection.section(pattern)), origin };
    });
    const [patchText, patchOrigin] = pick('min-patch', 'stringOrNumber');
    const minPatch = patchText === undefined ? undefined : parseThreshold(patchText, patchOrigin);
    const [dropText, dropOrigin] = pick('max-drop', 'stringOrNumber');
    const maxDrop = dropText === undefined ? undefined : parsePercent(dropText, dropOrigin);
    const baseline = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBaselineSpec */ .gz)(...pick('baseline', 'string'));
    const [failOnText = 'fail', failOnOrigin] = pick('fail-on', 'string');
    const failOn = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseFailOn */ .XV)(failOnText, failOnOrigin);
    const [base, baseOrigin] = pick('base', 'string');
    const options = {
        workspace,
        files,
        filesOrigin,
        thresholds,
        perFile,
        paths,
        roots: section.stringList('roots') ?? [],
        baseline,
        failOn,
        maxAnnotations: section.number('annotations', (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .uB)(COVERAGE_GATE_OPTIONS.annotations)) ?? COVERAGE_GATE_OPTIONS.annotations.default,
    };
    if (minPatch !== undefined)
        options.minPatch = minPatch;
    if (maxDrop !== undefined)
        options.maxDrop = maxDrop;
    if (base !== undefined) {
        // The config file is the pull request's own: a base of `--upload-pack=\u2026` would be a command git runs with the job's token.
        [options.base, options.baseOrigin] = [(0,_roadstop_git__WEBPACK_IMPORTED_MODULE_1__.checkRef)(base.trim(), baseOrigin), baseOrigin];
    }
    if (preset)
        options.preset = preset;
    return options;
}
function readThresholds(section) {
    section.rejectUnknown(_model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb);
    const thresholds = {};
    for (const metric of _model_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb) {
        const value = section.stringOrNumber(metric);
        if (value !== undefined)
            thresholds[metric] = parseThreshold(value, section.locate(metric));
    }
    return thresholds;
}
/** `85`, `"85%"`, `"0.5%"` \u2192 85, 85, 0.5; anything outside 0\u2013100 names where it came from. */
function parsePercent(value, where) {
    const text = typeof value === 'number' ? String(value) : value.trim().replace(/%$/, '').trim();
    const number = Number(text);
    if (text === '' || !Number.isFinite(number))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value}' is not a percentage`, where, 'write a number from 0 to 100, e.g. 80 or 80%');
    (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .checkRange */ .cd)(number, { min: 0, max: 100 }, where);
    return number;
}
/**
 * A threshold: a percentage, where a bare number between 0 and 1 (`0.8`) is
 * most likely a ratio meant as 80% and is refused with that guess. `0.8%`,
 * with its sign, is taken as written.
 */
function parseThreshold(value, where) {
    const number = parsePercent(value, where);
    const bare = typeof value === 'number' || !value.trim().endsWith('%');
    if (bare && number > 0 && number < 1) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${value} reads as ${number}%, which looks like a ratio`, where, `did you mean ${Math.round(number * 10000) / 100}? write ${number}% if you mean less than 1%`);
    }
    return number;
}


/***/ }),

/***/ 47035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ LineHits)
/* harmony export */ });
/* harmony import */ var _slab_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26178);
/**
 * Hits per line with Map's interface, stored as two typed arrays kept sorted
 * by line: 12 bytes a line where a Map<number, number> takes about 40, which
 * is what lets a 100 MB lcov file parse in a few hundred MB. Iteration is in
 * line order. Reports add lines in order almost always, so `set` appends;
 * a line out of order is placed by binary search.
 */

const EMPTY_LINES = new Uint32Array(0);
const EMPTY_HITS = new Float64Array(0);
class LineHits {
    lineAt;
    hitsAt;
    count = 0;
    constructor(entries) {
        // Nothing is allocated until the first line: parsers replace empty ones wholesale.
        this.lineAt = EMPTY_LINES;
        this.hitsAt = EMPTY_HITS;
        if (entries)
            for (const [line, hits] of entries)
                this.set(line, hits);
    }
    /**
     * Take `count` lines and hits that a parser collected (copied, so its
     * buffers can be reused), sorting and summing duplicates only if needed.
     */
    static from(lines, hits, count, slab) {
        const result = new LineHits();
        let ordered = true;
        for (let index = 1; index < count; index++) {
            if (lines[index] <= lines[index - 1]) {
                ordered = false;
                break;
            }
        }
        if (!ordered) {
            for (let index = 0; index < count; index++)
                result.add(lines[index], hits[index]);
            result.compact();
            return result;
        }
        // Both columns in one piece: hits first, for the 8-byte alignment.
        const { buffer, offset } = slab ? slab.take(count * 12) : { buffer: new ArrayBuffer(count * 12), offset: 0 };
        result.hitsAt = new Float64Array(buffer, offset, count);
        result.hitsAt.set(hits.subarray(0, count));
        result.lineAt = new Uint32Array(buffer, offset + count * 8, count);
        result.lineAt.set(lines.subarray(0, count));
        result.count = count;
        return result;
    }
    /** How many lines have hits: the covered count, without iterating entries. */
    covered() {
        return (0,_slab_js__WEBPACK_IMPORTED_MODULE_0__/* .countPositive */ .D8)(this.hitsAt, this.count);
    }
    get size() {
        return this.count;
    }
    get [Symbol.toStringTag]() {
        return 'LineHits';
    }
    get(line) {
        const index = this.find(line);
        return index >= 0 ? this.hitsAt[index] : undefined;
    }
    has(line) {
        return this.find(line) >= 0;
    }
    set(line, hits) {
        const index = this.find(line);
        if (index >= 0)
            this.hitsAt[index] = hits;
        else
            this.insert(~index, line, hits);
        return this;
    }
    /** Add hits to a line (a new line starts at 0), one lookup instead of get and set. */
    add(line, hits) {
        const index = this.find(line);
        if (index >= 0)
            this.hitsAt[index] += hits;
        else
            this.insert(~index, line, hits);
    }
    delete(line) {
        const index = this.find(line);
        if (index < 0)
            return false;
        this.lineAt.copyWithin(index, index + 1, this.count);
        this.hitsAt.copyWithin(index, index + 1, this.count);
        this.count -= 1;
        return true;
    }
    clear() {
        this.count = 0;
    }
    /** Release the spare capacity once no more lines will come. */
    compact() {
        if (this.lineAt.length === this.count)
            return;
        this.lineAt = this.lineAt.slice(0, this.count);
        this.hitsAt = this.hitsAt.slice(0, this.count);
    }
    forEach(callback, thisArg) {
        for (let index = 0; index < this.count; index++)
            callback.call(thisArg, this.hitsAt[index], this.lineAt[index], this);
    }
    *entries() {
        for (let index = 0; index < this.count; index++)
            yield [this.lineAt[index], this.hitsAt[index]];
    }
    *keys() {
        for (let index = 0; index < this.count; index++)
            yield this.lineAt[index];
    }
    *values() {
        for (let index = 0; index < this.count; index++)
            yield this.hitsAt[index];
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    /** Index of `line`, or the one's complement of where it would go. */
    find(line) {
        const count = this.count;
        if (count === 0)
            return ~0;
        const last = this.lineAt[count - 1];
        if (line === last)
            return count - 1;
        if (line > last)
            return ~count;
        let low = 0;
        let high = count - 1;
        while (low <= high) {
            const middle = (low + high) >>> 1;
            const value = this.lineAt[middle];
            if (value < line)
                low = middle + 1;
            else if (value > line)
                high = middle - 1;
            else
                return middle;
        }
        return ~low;
    }
    insert(index, line, hits) {
        if (!Number.isInteger(line) || line < 0 || line > 0xffffffff)
            throw new RangeError(`line number must be a non-negative integer, got ${line}`);
        if (this.count === this.lineAt.length) {
            const capacity = Math.max(8, this.lineAt.length * 2);
            this.lineAt = (0,_slab_js__WEBPACK_IMPORTED_MODULE_0__/* .grown */ .gT)(this.lineAt, capacity);
            this.hitsAt = (0,_slab_js__WEBPACK_IMPORTED_MODULE_0__/* .grown */ .gT)(this.hitsAt, capacity);
        }
        if (index < this.count) {
            this.lineAt.copyWithin(index + 1, index, this.count);
            this.hitsAt.copyWithin(index + 1, index, this.count);
        }
        this.lineAt[index] = line;
        this.hitsAt[index] = hits;
        this.count += 1;
    }
}


/***/ }),

/***/ 83101:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cb: () => (/* binding */ METRICS),
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   Tf: () => (/* binding */ emptyTotals),
/* harmony export */   iD: () => (/* binding */ withPath),
/* harmony export */   m0: () => (/* binding */ totalFromDetail),
/* harmony export */   qC: () => (/* binding */ reportTotals),
/* harmony export */   sX: () => (/* binding */ emptyFile),
/* harmony export */   wO: () => (/* binding */ carriedMetrics)
/* harmony export */ });
/* harmony import */ var _line_hits_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(47035);
/* harmony import */ var _slab_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26178);


const METRICS = ['lines', 'statements', 'functions', 'branches'];
/**
 * Percentage covered, truncated to two decimals as istanbul (and so vitest, jest, c8)
 * reports it: the figures match the tools', and 79.996% never passes an 80% bar.
 * A metric with nothing to cover counts as 100%, as istanbul and coverage.py
 * report it, so an empty file never fails a threshold.
 */
function percent(ratio) {
    return ratio.total === 0 ? 100 : Math.floor((10000 * ratio.covered) / ratio.total) / 100;
}
function emptyTotals() {
    return {
        lines: { covered: 0, total: 0 },
        statements: { covered: 0, total: 0 },
        functions: { covered: 0, total: 0 },
        branches: { covered: 0, total: 0 },
    };
}
function emptyFile(path) {
    return { path, lines: new _line_hits_js__WEBPACK_IMPORTED_MODULE_0__/* .LineHits */ .X(), statements: new Map(), functions: [], branches: [], totals: emptyTotals() };
}
/**
 * The same coverage under another path: a shallow copy that keeps lazily
 * built properties lazy (the lcov parser builds `branches` on first read).
 */
function withPath(file, path) {
    const copy = Object.create(Object.getPrototypeOf(file), Object.getOwnPropertyDescriptors(file));
    copy.path = path;
    return copy;
}
function countHits(values) {
    return { covered: (0,_slab_js__WEBPACK_IMPORTED_MODULE_1__/* .countPositive */ .D8)(values), total: values.length };
}
/** Totals of one metric computed from a file's detail. */
function totalFromDetail(file, metric) {
    switch (metric) {
        case 'lines':
            return { covered: file.lines.covered(), total: file.lines.size };
        case 'statements':
            return countHits([...file.statements.values()]);
        case 'functions':
            return countHits(file.functions.map((fn) => fn.hits));
        case 'branches':
            return countHits(file.branches.map((branch) => branch.taken));
    }
}
/** Totals over all files of a report. */
function reportTotals(report) {
    const totals = emptyTotals();
    for (const file of report.files.values()) {
        for (const metric of METRICS) {
            totals[metric].covered += file.totals[metric].covered;
            totals[metric].total += file.totals[metric].total;
        }
    }
    return totals;
}
/** The metrics a report can be judged on: those it carries in detail or as totals. */
function carriedMetrics(report) {
    return METRICS.filter((metric) => report.metrics[metric] !== 'none');
}


/***/ }),

/***/ 26178:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D8: () => (/* binding */ countPositive),
/* harmony export */   F6: () => (/* binding */ Slab),
/* harmony export */   gT: () => (/* binding */ grown)
/* harmony export */ });
/**
 * Hands out pieces of large ArrayBuffers for the typed arrays of many small
 * files: one allocation per few MB instead of one per file, which the garbage
 * collector and the allocator both notice. A slab lives as long as any piece
 * of it, so a parser uses its own and its report keeps it.
 */
class Slab {
    size;
    buffer;
    offset = 0;
    constructor(size = 1 << 22) {
        this.size = size;
    }
    /** `bytes` at an 8-byte aligned offset of some buffer. */
    take(bytes) {
        const rounded = (bytes + 7) & ~7;
        // A big piece gets its own buffer rather than wasting the rest of a slab.
        if (rounded > this.size / 4)
            return { buffer: new ArrayBuffer(rounded), offset: 0 };
        if (this.buffer === undefined || this.offset + rounded > this.size) {
            this.buffer = new ArrayBuffer(this.size);
            this.offset = 0;
        }
        const piece = { buffer: this.buffer, offset: this.offset };
        this.offset += rounded;
        return piece;
    }
}
/** A copy of `array` with room for `capacity` elements, for buffers that grow by doubling. */
function grown(array, capacity) {
    const copy = new array.constructor(capacity);
    copy.set(array);
    return copy;
}
/** How many of the first `count` values are above zero: covered lines, taken branches. */
function countPositive(values, count = values.length) {
    let positive = 0;
    for (let index = 0; index < count; index++)
        if (values[index] > 0)
            positive += 1;
    return positive;
}


/***/ }),

/***/ 20630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GIT_CALL_TIMEOUT_MS: () => (/* reexport */ GIT_CALL_TIMEOUT_MS),
  GIT_TOTAL_TIMEOUT_MS: () => (/* reexport */ GIT_TOTAL_TIMEOUT_MS),
  GitError: () => (/* reexport */ GitError),
  changedLines: () => (/* reexport */ changedLines),
  checkRef: () => (/* reexport */ checkRef),
  git: () => (/* reexport */ git),
  isShallow: () => (/* reexport */ isShallow),
  lsFiles: () => (/* reexport */ lsFiles),
  parsePatch: () => (/* reexport */ parsePatch),
  parseUnifiedDiff: () => (/* reexport */ parseUnifiedDiff),
  refProblem: () => (/* reexport */ refProblem),
  repositoryFiles: () => (/* reexport */ repositoryFiles)
});

;// CONCATENATED MODULE: ./packages/git/src/diff.ts
const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
/**
 * Lines a change adds or modifies, per file (new path), from a unified diff:
 * `git diff` output with any context (`--unified=0` or the API's 3 lines).
 * Deleted files and pure deletions add no lines; binary files add none.
 */
function parseUnifiedDiff(text) {
    const changed = new Map();
    let file;
    let line = 0;
    // Lines left in the current hunk on each side: the header's counts tell where
    // it ends, so an added line reading "++ x" is never taken for a file header.
    let oldLeft = 0;
    let newLeft = 0;
    for (const raw of text.split('\n')) {
        if (oldLeft > 0 || newLeft > 0) {
            if (raw.startsWith('+')) {
                let lines = changed.get(file);
                if (!lines)
                    changed.set(file, (lines = new Set()));
                lines.add(line++);
                newLeft--;
            }
            else if (raw.startsWith('-')) {
                oldLeft--;
            }
            else if (raw.startsWith(' ') || raw === '') {
                // An empty line inside a hunk is a context line whose space was dropped on the way.
                line++;
                oldLeft--;
                newLeft--;
            }
            // '\ No newline at end of file' moves neither side.
            continue;
        }
        if (raw.startsWith('diff --git ')) {
            file = undefined;
        }
        else if (raw.startsWith('+++ ')) {
            const target = raw.slice(4).replace(/\t.*$/, '');
            file = target === '/dev/null' ? undefined : stripPrefix(unquote(target));
        }
        else {
            const hunk = HUNK.exec(raw);
            if (hunk && file !== undefined) {
                oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
                line = Number(hunk[2]);
                newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
            }
        }
    }
    return changed;
}
/** Lines added by one file's patch, as the pull request files API gives it (no file headers). */
function parsePatch(path, patch) {
    return parseUnifiedDiff(`+++ b/${path}\n${patch}`).get(path) ?? new Set();
}
function stripPrefix(path) {
    return path.startsWith('b/') ? path.slice(2) : path;
}
const ESCAPES = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
// git quotes paths with unusual bytes: "b/caf\303\251.ts" with C escapes of UTF-8 bytes.
function unquote(path) {
    if (!path.startsWith('"') || !path.endsWith('"'))
        return path;
    const bytes = [];
    const body = path.slice(1, -1);
    for (let index = 0; index < body.length; index++) {
        const char = body[index];
        if (char !== '\\') {
            bytes.push(...Buffer.from(char, 'utf8'));
            continue;
        }
        const next = body[++index] ?? '';
        if (/[0-7]/.test(next)) {
            bytes.push(parseInt(body.slice(index, index + 3), 8));
            index += 2;
        }
        else {
            bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
        }
    }
    return Buffer.from(bytes).toString('utf8');
}

// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
;// CONCATENATED MODULE: ./packages/git/src/ref.ts

/** Longest ref roadstop passes to git: a branch name or a SHA, never a paragraph. */
const MAX_REF_LENGTH = 255;
/**
 * Why `ref` is not a revision git may be handed, or undefined when it is one.
 * The rules of `git check-ref-format` (no control characters, space, ~ ^ : ? *
 * [ \, no `..`, `@{`, `//`, no component starting with `.` or ending in
 * `.lock`), plus what makes a value an option or a refspec: a leading `-` (git
 * reads `--upload-pack=\u2026` as an option) or `+`. A trailing `^{commit}` is not
 * accepted: roadstop adds its own.
 */
function refProblem(ref) {
    if (ref === '')
        return 'it is empty';
    if (ref.length > MAX_REF_LENGTH)
        return `it is longer than ${MAX_REF_LENGTH} characters`;
    if (ref.startsWith('-'))
        return 'it starts with -, which git would read as an option';
    if (ref.startsWith('+'))
        return 'it starts with +, which git would read as a forced refspec';
    if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref))
        return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
    if (ref.includes('..'))
        return 'it contains ..';
    if (ref.includes('@{'))
        return 'it contains @{';
    if (ref === '@')
        return 'it is @';
    if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//'))
        return 'it has an empty path component';
    if (ref.endsWith('.'))
        return 'it ends with .';
    for (const component of ref.split('/')) {
        if (component.startsWith('.'))
            return `its component '${component}' starts with .`;
        if (component.endsWith('.lock'))
            return `its component '${component}' ends with .lock`;
    }
    return undefined;
}
/** `ref` when git may be handed it as a revision, else a ConfigurationError naming where it came from. */
function checkRef(ref, where) {
    const problem = refProblem(ref);
    if (problem === undefined)
        return ref;
    const shown = JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}\u2026` : ref);
    throw new src/* ConfigurationError */.j1(`${shown} is not a git ref or commit: ${problem}`, where, 'give a branch name (main), a tag or a commit SHA');
}

;// CONCATENATED MODULE: ./packages/git/src/repo.ts



/** Longest one git call may take: a local command answers in well under a second, a fetch over a slow link in tens. */
const GIT_CALL_TIMEOUT_MS = 60_000;
/** Longest all the git calls for one set of changed lines may take together (six deepening fetches, then --unshallow). */
const GIT_TOTAL_TIMEOUT_MS = 180_000;
/**
 * git failed: the machine's or the repository's state (not a checkout, dubious
 * ownership in a container, no network), not the user's config and not a bug.
 * The message names git, the command and the first line git wrote to stderr,
 * with any credentials in URLs replaced.
 */
class GitError extends src/* EnvironmentError */.eG {
    args;
    stderr;
    code;
    constructor(args, stderr, code) {
        const first = stderr.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
        const shown = (0,src/* redactUrlCredentials */.dE)(first.length > 300 ? `${first.slice(0, 300)}\u2026` : first);
        super(`git ${args[0] ?? ''} failed${code !== undefined ? ` (${code})` : ''}${shown ? `: ${shown}` : ''}`);
        this.args = args;
        this.stderr = stderr;
        this.code = code;
    }
}
/**
 * Run git in `cwd`; never through a shell, so no argument is ever interpreted
 * by one. Git itself still reads a leading `-` as an option: callers put
 * `--end-of-options` before any value that came from outside, and check refs
 * with checkRef.
 */
async function git(cwd, args, options = {}) {
    const timeoutMs = Math.max(1, options.timeoutMs ?? GIT_CALL_TIMEOUT_MS);
    // child_process is loaded on the first git command, not with every step that bundles this package.
    const { execFile } = process.getBuiltinModule('node:child_process');
    const { promisify } = process.getBuiltinModule('node:util');
    try {
        const { stdout } = await promisify(execFile)('git', args, {
            encoding: 'utf8',
            cwd,
            maxBuffer: 1 << 30,
            timeout: timeoutMs,
            killSignal: 'SIGKILL',
            // No prompt for credentials, no pager, no editor: a step has no terminal to answer them.
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GIT_PAGER: 'cat', LC_ALL: 'C' },
        });
        return stdout;
    }
    catch (error) {
        const failure = error;
        if (failure.code === 'ENOENT')
            throw new src/* ConfigurationError */.j1('git is not installed or not on the PATH', {}, 'install git, or run in a checkout');
        if (failure.killed || failure.signal === 'SIGKILL')
            throw new GitError(args, `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`, 'timed out');
        throw new GitError(args, failure.stderr ?? String(error), failure.code);
    }
}
/** Every file git tracks, as repository-relative paths with forward slashes. */
async function lsFiles(cwd) {
    const out = await git(cwd, ['ls-files', '-z', '--full-name']);
    return out.split('\0').filter(Boolean);
}
async function isShallow(cwd, options = {}) {
    return (await git(cwd, ['rev-parse', '--is-shallow-repository'], options)).trim() === 'true';
}
/** Whether git says the commit is missing (exit 1 of cat-file -e, or a bad object): any other failure is thrown. */
async function hasCommit(cwd, sha, options) {
    try {
        await git(cwd, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`], options);
        return true;
    }
    catch (error) {
        if (error instanceof GitError && (error.code === 1 || error.code === 128) && !/dubious ownership|not a git repository/i.test(error.stderr))
            return false;
        throw error;
    }
}
/** The merge base, or undefined when git finds none yet (exit 1); any other failure is thrown. */
async function mergeBaseOf(cwd, a, b, options) {
    try {
        return (await git(cwd, ['merge-base', '--end-of-options', a, b], options)).trim() || undefined;
    }
    catch (error) {
        if (error instanceof GitError && error.code === 1)
            return undefined;
        throw error;
    }
}
/**
 * The lines the change adds or modifies against its merge base with `base`.
 * A shallow checkout (actions/checkout's default depth 1) is deepened step by
 * step until the merge base is there, then unshallowed as a last resort.
 */
async function changedLines(options) {
    const { cwd } = options;
    // Checked before git sees them, wherever they came from: `--upload-pack=\u2026` as a base would run a command.
    const base = checkRef(options.base, { input: 'base' });
    const head = checkRef(options.head ?? 'HEAD', { input: 'head' });
    const remote = options.remote ?? 'origin';
    if (remote !== false)
        checkRef(remote, { input: 'remote' });
    const totalMs = options.totalTimeoutMs ?? GIT_TOTAL_TIMEOUT_MS;
    const deadline = Date.now() + totalMs;
    // Each call gets what is left of the total, at most the per-call limit; past the total, the next call is not made.
    const budget = () => {
        const left = deadline - Date.now();
        if (left <= 0)
            throw new GitError(['fetch'], `the changed lines took longer than ${Math.round(totalMs / 1000)} s in all`, 'timed out');
        return { timeoutMs: Math.min(options.callTimeoutMs ?? GIT_CALL_TIMEOUT_MS, left) };
    };
    const fetched = [];
    const fetch = async (args) => {
        if (remote === false)
            return false;
        try {
            await git(cwd, ['fetch', '--no-tags', '--quiet', ...args.filter((arg) => arg.startsWith('--')), '--end-of-options', remote, ...args.filter((arg) => !arg.startsWith('--'))], budget());
            fetched.push(args.join(' '));
            options.log?.(`git fetch ${args.join(' ')}`);
            return true;
        }
        catch (error) {
            if (!(error instanceof GitError) || error.code === 'timed out')
                throw error;
            options.log?.(`git fetch ${args.join(' ')}: ${error.message}`);
            return false;
        }
    };
    if (!(await hasCommit(cwd, base, budget())))
        await fetch(['--depth=1', base]);
    if (!(await hasCommit(cwd, base, budget()))) {
        throw new GitError(['cat-file', '-e', base], `the base commit ${base} is not in the checkout and could not be fetched`, undefined);
    }
    let mergeBase = await mergeBaseOf(cwd, base, head, budget());
    const steps = options.maxDeepen ?? 6;
    for (let step = 0; !mergeBase && step < steps && (await isShallow(cwd, budget())); step++) {
        const by = (options.deepenBy ?? 50) * 2 ** step;
        if (!(await fetch([`--deepen=${by}`, base])))
            break;
        mergeBase = await mergeBaseOf(cwd, base, head, budget());
    }
    if (!mergeBase && (await isShallow(cwd, budget())) && (await fetch(['--unshallow'])))
        mergeBase = await mergeBaseOf(cwd, base, head, budget());
    if (!mergeBase)
        throw new GitError(['merge-base', base, head], `no merge base between ${base} and ${head}`, undefined);
    const diff = await git(cwd, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '--diff-filter=AMRC', '-M', '--src-prefix=a/', '--dst-prefix=b/', '--end-of-options', mergeBase, head, '--'], budget());
    return { lines: parseUnifiedDiff(diff), mergeBase, fetched };
}
/** git's stderr when the folder is not a checkout at all: the one failure that means "no git here". */
const NOT_A_REPOSITORY = /not a git repository \(or any of the parent directories\)/i;
/**
 * The files of the repository: git's list, or, in a folder that is not a git
 * checkout (a downloaded artifact, a tarball), every file below it but
 * dependencies and build caches, said in the log. Any other git failure
 * (dubious ownership in a container job, a broken index) is thrown: a silent
 * walk of the whole tree would map coverage paths against the wrong list.
 */
async function repositoryFiles(cwd, log) {
    try {
        return await lsFiles(cwd);
    }
    catch (error) {
        if (!(error instanceof GitError) || !NOT_A_REPOSITORY.test(error.stderr))
            throw error;
        log?.(`${cwd} is not a git checkout (${error.message}); listing its files instead`);
        const { default: glob } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.t.bind(__webpack_require__, 25648, 23));
        return (await glob('**/*', { cwd, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
    }
}

;// CONCATENATED MODULE: ./packages/git/src/index.ts





/***/ }),

/***/ 73570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lg: () => (/* binding */ toGitHubError),
/* harmony export */   RG: () => (/* binding */ gitHubMessage),
/* harmony export */   Rr: () => (/* binding */ GitHubRateLimitError),
/* harmony export */   XM: () => (/* binding */ pathOf),
/* harmony export */   ZU: () => (/* binding */ redactedHttpError),
/* harmony export */   d: () => (/* binding */ isHttpError),
/* harmony export */   dZ: () => (/* binding */ describeGitHubError),
/* harmony export */   f$: () => (/* binding */ GitHubGarbageError)
/* harmony export */ });
/* unused harmony exports MAX_GITHUB_MESSAGE, GitHubFailure, GitHubRefusedError, isNetworkFailure, GitHubHttpError, permissionFor */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);
/* harmony import */ var _network_budget_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1409);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42610);



/** GitHub's message is cut to this many characters: one line of a log, never a page. */
const MAX_GITHUB_MESSAGE = 200;
/** The response headers an error keeps: the ones the retry policy and the messages read. */
const KEPT_HEADERS = ['retry-after', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-resource', 'content-type'];
/**
 * Thrown by the client when GitHub asks for a longer wait than roadstop may
 * spend, so the job fails with the reason instead of sitting idle for an hour.
 */
class GitHubRateLimitError extends _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentError */ .eG {
    name = 'GitHubRateLimitError';
    status;
    waitSeconds;
    maxRetryWaitSeconds;
    constructor(status, waitSeconds, maxRetryWaitSeconds, request) {
        super(`GitHub rate-limited ${request} (${status}) and asked to wait ${waitSeconds} s, more than the ${maxRetryWaitSeconds} s roadstop waits`);
        this.status = status;
        this.waitSeconds = waitSeconds;
        this.maxRetryWaitSeconds = maxRetryWaitSeconds;
    }
}
/**
 * A failure of GitHub that `toGitHubError` has already put in words: described
 * once, never wrapped again. GitHub's outage, rate limit, refusal or garbage is
 * the environment's problem, never "a bug in roadstop".
 */
class GitHubFailure extends _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentError */ .eG {
    name = 'GitHubFailure';
}
/** GitHub refused (401, 403, 404): the token, its permissions or a name the user gave. `hint` says which. */
class GitHubRefusedError extends GitHubFailure {
    name = 'GitHubRefusedError';
    status;
    constructor(status, message, hint, options) {
        super(`${message} (${hint})`, options);
        this.status = status;
    }
}
/**
 * GitHub answered 2xx with something the caller cannot use: not JSON, not the
 * documented shape, too large. Thrown by the readers that check answers, so a
 * proxy's page or a broken answer is named as such, not as a crash of ours.
 */
class GitHubGarbageError extends GitHubFailure {
    name = 'GitHubGarbageError';
    constructor(what, expected) {
        super(`GitHub answered with something that is not ${expected} while ${what}; run the job again later, or check GITHUB_API_URL points at GitHub`);
    }
}
/** Error codes of Node, undici and the abort machinery that mean no (complete) answer came back. */
const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|ENETDOWN|UND_ERR_\w+)$/;
/** True for a request that got no answer: refused, reset, timed out, DNS, aborted. */
function isNetworkFailure(error) {
    for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
        const code = current.code;
        if (typeof code === 'string' && NETWORK_CODES.test(code))
            return true;
        if (current.name === 'AbortError' || current.name === 'TimeoutError')
            return true;
        if (current.name === 'TypeError' && /^fetch failed$|terminated|socket/i.test(current.message))
            return true;
        // Octokit reports a request without an answer as a 500 without a response.
        if (isHttpError(current) && current.response === undefined)
            return true;
    }
    return false;
}
function isHttpError(error) {
    return error instanceof Error && typeof error.status === 'number';
}
/**
 * An HTTP failure stripped to what may be shown: the status, GitHub's JSON
 * `message` (truncated, known secrets replaced by ***), the request's method
 * and URL, and the rate-limit headers. No body, no cause: an HTML error page
 * or a proxy's echo of the request headers must never reach a log, an
 * annotation or a result file, which is uploaded and not masked by the runner.
 */
class GitHubHttpError extends Error {
    name = 'GitHubHttpError';
    status;
    request;
    response;
    constructor(status, message, request, response) {
        super(message);
        this.status = status;
        this.request = request;
        this.response = response;
    }
}
function redactedHttpError(error, secrets) {
    const redact = (text) => secrets.reduce((out, secret) => (secret ? out.split(secret).join('***') : out), text);
    const message = redact(gitHubMessage(error));
    const headers = {};
    for (const name of KEPT_HEADERS) {
        const value = error.response?.headers?.[name];
        if (value !== undefined)
            headers[name] = value;
    }
    const request = { ...(error.request?.method ? { method: error.request.method } : {}), ...(error.request?.url ? { url: redact(error.request.url) } : {}) };
    return new GitHubHttpError(error.status, message, request, error.response ? { headers, data: { message } } : undefined);
}
/**
 * Turns an API failure into one line that names GitHub, the status and what
 * points at it: a network failure ("could not reach GitHub"), an outage or
 * rate limit, a refusal (401/403/404, `GitHubRefusedError` with the input to
 * check), a rejection (422). All are `EnvironmentError`s: GitHub's answer, not
 * roadstop's bug. Anything else is returned as it is, so the edge calls it a
 * bug. `what` names the operation, e.g. `listing workflow runs of ci.yml`.
 */
function toGitHubError(error, what, inputs = {}) {
    if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 || error instanceof _network_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkBudgetError */ .sC || error instanceof GitHubFailure)
        return error;
    if (error instanceof _network_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .RequestTimeoutError */ .DH) {
        return new GitHubFailure(`${error.message} while ${what}, nor on its retries; run the job again later`, { cause: error });
    }
    if (error instanceof GitHubRateLimitError) {
        return new GitHubFailure(`GitHub rate-limited ${what} (${error.status}) and asked to wait ${error.waitSeconds} s, more than the ${error.maxRetryWaitSeconds} s roadstop waits; run the job again later`, { cause: error });
    }
    if (!isHttpError(error) || error.response === undefined) {
        if (!isNetworkFailure(error))
            return error instanceof Error ? error : new Error(String(error));
        const detail = error instanceof Error ? truncate(isHttpError(error) ? gitHubMessage(error) : error.message) : String(error);
        return new GitHubFailure(`could not reach GitHub while ${what}: ${detail || 'no answer'}; run the job again later`, { cause: error });
    }
    const { status } = error;
    const message = gitHubMessage(error);
    const headers = error.response?.headers ?? {};
    const tokenInput = inputs.token ? ` in input '${inputs.token}'` : '';
    if (status === 401) {
        return new GitHubRefusedError(401, `GitHub refused ${what} (401): ${message}`, `the token${tokenInput} is missing, invalid or expired; pass \`\${{ github.token }}\` or a valid token`, { cause: error });
    }
    if ((0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .isRateLimited */ .Jz)({ status, headers, message })) {
        return new GitHubFailure(`GitHub kept rate-limiting ${what} (${status}): ${message}; run the job again later`, { cause: error });
    }
    if (status === 403) {
        const permission = permissionFor(error.request?.method, error.request?.url);
        return new GitHubRefusedError(403, `GitHub refused ${what} (403): ${message}`, `the token${tokenInput} needs \`${permission}\` permission: add \`permissions: { ${permission} }\` to the job` +
            (permission.endsWith('write') ? ' (pull requests from forks only get a read-only token)' : ''), { cause: error });
    }
    if (status === 404) {
        return new GitHubRefusedError(404, `GitHub found nothing for ${what} (404): ${message}`, `check ${inputs.subject || 'the repository, branch and workflow file names'}; a token${tokenInput} without access to a private repository also gets 404`, { cause: error });
    }
    if (status === 422)
        return new GitHubFailure(`GitHub rejected ${what} (422): ${message}`, { cause: error });
    if (status >= 500) {
        return new GitHubFailure(`GitHub failed ${what} (${status}): ${message}; this is on GitHub's side, run the job again later`, {
            cause: error,
        });
    }
    return new GitHubFailure(`GitHub answered ${status} to ${what}: ${message}`, { cause: error });
}
/** One line for a log or a job summary, e.g. `GitHub refused \u2026 (403): \u2026 (the token needs \`actions: read\` \u2026)`. */
function describeGitHubError(error, what, inputs = {}) {
    const wrapped = toGitHubError(error, what, inputs);
    if (wrapped instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1)
        return wrapped.describe();
    if (wrapped instanceof GitHubFailure || wrapped instanceof _network_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkBudgetError */ .sC)
        return wrapped.message;
    return `${what} failed: ${wrapped instanceof Error ? truncate(wrapped.message) : String(wrapped)}`;
}
/**
 * GitHub's own `message` from a JSON body, with the validation details of a
 * 422, cut to one line of at most MAX_GITHUB_MESSAGE characters. Any other body
 * (an HTML page, a proxy's text) is not quoted at all: it may echo the request.
 */
function gitHubMessage(error) {
    const data = error.response?.data;
    if (data && typeof data === 'object' && typeof data.message === 'string') {
        const { message, errors } = data;
        const details = Array.isArray(errors) ? errors.map(describeValidationError).filter((d) => d !== '') : [];
        return truncate(details.length > 0 ? `${message}: ${details.join('; ')}` : message) || `HTTP ${error.status}`;
    }
    if (error.response !== undefined) {
        const type = String(error.response.headers?.['content-type'] ?? '').split(';')[0]?.trim();
        const empty = data === undefined || data === '' || (data instanceof ArrayBuffer && data.byteLength === 0);
        return empty ? 'no message' : `a ${type || 'non-JSON'} body without GitHub's message, not shown`;
    }
    // No response: the message is the client's own (e.g. "connect ECONNREFUSED"), without Octokit's docs link.
    return truncate(error.message.replace(/ - https:\/\/docs\.github\.com\S*$/, '')) || `HTTP ${error.status}`;
}
function truncate(text) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > MAX_GITHUB_MESSAGE ? `${line.slice(0, MAX_GITHUB_MESSAGE - 1)}\u2026` : line;
}
function describeValidationError(item) {
    if (typeof item === 'string')
        return item;
    if (!item || typeof item !== 'object')
        return '';
    const { message, resource, field, code } = item;
    if (typeof message === 'string')
        return message;
    return [resource, field, code].filter((part) => typeof part === 'string').join(' ');
}
/** A request's URL without its origin (a GitHub Enterprise host's too), as the log and the permission hint read it. */
function pathOf(url) {
    return url.replace(/^[a-z]+:\/\/[^/]+/i, '');
}
/** The permission a GITHUB_TOKEN needs for the request that was refused. */
function permissionFor(method = 'GET', url = '') {
    const write = !['GET', 'HEAD'].includes(method.toUpperCase());
    const path = pathOf(url).split('?')[0] ?? '';
    if (/\/actions\//.test(path))
        return `actions: ${write ? 'write' : 'read'}`;
    if (/\/(issues|pulls)(\/|$)/.test(path))
        return `pull-requests: ${write ? 'write' : 'read'}`;
    if (/\/statuses\//.test(path))
        return `statuses: ${write ? 'write' : 'read'}`;
    if (/\/check-runs/.test(path))
        return `checks: ${write ? 'write' : 'read'}`;
    return `contents: ${write ? 'write' : 'read'}`;
}


/***/ }),

/***/ 76610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Un: () => (/* reexport */ acquireBaseline),
  Go: () => (/* reexport */ acquireChanges),
  _V: () => (/* reexport */ network_budget/* formatMs */._V),
  QR: () => (/* reexport */ network_budget/* networkBudgetMs */.QR),
  PE: () => (/* reexport */ publishBaseline),
  cE: () => (/* reexport */ uploadResultArtifact)
});

// UNUSED EXPORTS: DEFAULT_NETWORK_BUDGET_MS, DEFAULT_REQUEST_TIMEOUT_MS, GitHubFailure, GitHubGarbageError, GitHubHttpError, GitHubRateLimitError, GitHubRefusedError, MAX_GITHUB_MESSAGE, NETWORK_BUDGET_ENV, NetworkBudgetError, RequestTimeoutError, SuccessfulRuns, WorkflowNotFoundError, changedLinesFromApi, decideRetry, describeGitHubError, downloadBaselineResult, findBaselineRun, gitHubMessage, isHttpError, isNetworkFailure, isRateLimited, openGitHubClient, pathOf, permissionFor, rateLimitWaitSeconds, redactedHttpError, startNetworkBudget, toGitHubError, workflowFileFromRef

// EXTERNAL MODULE: ./packages/github/src/errors.ts
var errors = __webpack_require__(73570);
// EXTERNAL MODULE: ./packages/github/src/network-budget.ts
var network_budget = __webpack_require__(1409);
// EXTERNAL MODULE: ./packages/github/src/retry-policy.ts
var retry_policy = __webpack_require__(42610);
// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
;// CONCATENATED MODULE: ./packages/github/src/workflow-ref.ts

/**
 * The workflow file name from `GITHUB_WORKFLOW_REF`, e.g.
 * `owner/repo/.github/workflows/ci.yml@refs/pull/1/merge` \u2192 `ci.yml`.
 * The baseline must come from the same workflow, and the runs API takes its file name.
 */
function workflowFileFromRef(workflowRef) {
    const ref = (workflowRef ?? '').trim();
    const match = /^[^/]+\/[^/]+\/\.github\/workflows\/([^/@]+)(?:@.*)?$/.exec(ref);
    if (!match?.[1]) {
        throw new src/* ConfigurationError */.j1(`cannot tell the workflow file from GITHUB_WORKFLOW_REF '${ref}'`, {}, 'run inside a GitHub Actions workflow, or name the workflow file (e.g. ci.yml) explicitly');
    }
    return match[1];
}

;// CONCATENATED MODULE: ./packages/github/src/workflow-runs.ts

/** The workflow does not exist (404): no baseline, rather than an error. */
class WorkflowNotFoundError extends Error {
    name = 'WorkflowNotFoundError';
}
/**
 * A commit's clock can run ahead of GitHub's; runs are only ruled out for a
 * commit once the listing is this far past its committer date.
 */
const CLOCK_SKEW_MS = 60 * 60 * 1000;
const PER_PAGE = 100;
/** GitHub returns at most 1,000 runs for a filtered listing (branch, status), so more pages would be empty. */
const MAX_FILTERED_PAGES = 10;
/**
 * Successful runs of one workflow on one branch. Two ways in: an exact query
 * by head SHA (one request per commit, cheap for the first few commits), or
 * paging through the branch's runs newest first and indexing them by head
 * SHA (one request per 100 runs, cheap for a long walk back).
 */
class SuccessfulRuns {
    byHeadSha = new Map();
    pages;
    oldestCreatedMs = Number.POSITIVE_INFINITY;
    exhausted = false;
    pagesRead = 0;
    /** Whether the last page read linked to a next one. */
    morePages = true;
    /** True when paging stopped at `maxPages` rather than at the end of the list. */
    truncated = false;
    /** Runs read by paging (not by head SHA). */
    runsRead = 0;
    octokit;
    query;
    maxPages;
    constructor(octokit, query, maxPages = MAX_FILTERED_PAGES) {
        this.octokit = octokit;
        this.query = query;
        this.maxPages = maxPages;
    }
    /** The listing's parameters: successful runs of the workflow on the branch. */
    params() {
        const { owner, repo, workflow, branch } = this.query;
        return { owner, repo, workflow_id: workflow, branch, status: 'success', per_page: PER_PAGE };
    }
    /** Exact: every successful run of the workflow on the branch for this commit, newest first. */
    async forHeadSha(sha) {
        try {
            const { data } = await this.octokit.rest.actions.listWorkflowRuns({ ...this.params(), head_sha: sha });
            return data.workflow_runs.map(summarize);
        }
        catch (error) {
            throw this.translate(error);
        }
    }
    /**
     * The commit's runs from the paged listing, reading more pages only while
     * runs for it may still be further down: until the listing reaches runs
     * created before the commit existed, or its end.
     */
    async *forCommit(commit) {
        let given = 0;
        for (;;) {
            const known = this.byHeadSha.get(commit.sha) ?? [];
            while (given < known.length)
                yield known[given++];
            if (this.exhausted || this.listingIsOlderThan(commit))
                return;
            await this.readPage();
        }
    }
    listingIsOlderThan(commit) {
        const committed = commit.date ? Date.parse(commit.date) : Number.NaN;
        return !Number.isNaN(committed) && this.oldestCreatedMs < committed - CLOCK_SKEW_MS;
    }
    async readPage() {
        if (this.pagesRead >= this.maxPages) {
            this.exhausted = true;
            this.truncated = this.morePages;
            return;
        }
        this.pages ??= this.listPages();
        const next = await this.pages.next();
        if (next.done) {
            this.exhausted = true;
            return;
        }
        this.pagesRead++;
        this.runsRead += next.value.length;
        for (const run of next.value) {
            const runs = this.byHeadSha.get(run.headSha) ?? [];
            runs.push(run);
            this.byHeadSha.set(run.headSha, runs);
            this.oldestCreatedMs = Math.min(this.oldestCreatedMs, Date.parse(run.createdAt));
        }
        if (next.value.length === 0)
            this.exhausted = true;
    }
    async *listPages() {
        const iterator = this.octokit.paginate.iterator(this.octokit.rest.actions.listWorkflowRuns, this.params());
        try {
            for await (const { data, headers } of iterator) {
                this.morePages = /rel="next"/.test(headers.link ?? '');
                yield data.map(summarize);
            }
        }
        catch (error) {
            throw this.translate(error);
        }
    }
    translate(error) {
        const { owner, repo, workflow, branch } = this.query;
        if ((0,errors/* isHttpError */.d)(error) && error.status === 404) {
            return new WorkflowNotFoundError(`workflow ${workflow} was not found in ${owner}/${repo} (404), so it has no runs to take a baseline from`);
        }
        return (0,errors/* toGitHubError */.Lg)(error, `listing successful runs of ${workflow} on ${branch}`);
    }
}
function summarize(run) {
    return { id: run.id, headSha: run.head_sha, htmlUrl: run.html_url, createdAt: run.created_at };
}

;// CONCATENATED MODULE: ./packages/github/src/baseline-run.ts


/**
 * The run whose result a pull request is compared with: a successful run of
 * the same workflow, with a live result artifact, on the PR's merge-base
 * commit or else the nearest earlier commit of the base branch that has one.
 * Never the branch tip: commits merged since the PR branched off would count
 * as the PR's own change.
 *
 * Cost: one compare, then the first `headShaLookups` commits by exact head
 * SHA (3 requests in all when the merge base has its run), then lazily paged commits
 * and runs, 100 at a time, plus one artifacts request per candidate run.
 */
async function findBaselineRun(options) {
    const { octokit, owner, repo, workflow, baseBranch, artifactName } = options;
    const maxCommits = Math.max(1, options.maxCommits ?? 200);
    const headShaLookups = options.headShaLookups ?? 3;
    const mergeBase = await findMergeBase(options);
    if ('notFound' in mergeBase)
        return mergeBase;
    const runs = new SuccessfulRuns(octokit, { owner, repo, workflow, branch: baseBranch }, options.maxRunPages);
    let commitsBack = 0;
    let expired = 0;
    try {
        for await (const commit of historyFrom(octokit, owner, repo, mergeBase, maxCommits)) {
            const candidates = commitsBack < headShaLookups ? await runs.forHeadSha(commit.sha) : runs.forCommit(commit);
            for await (const run of candidates) {
                const artifact = await findLiveArtifact(octokit, owner, repo, run, artifactName);
                if ('expired' in artifact) {
                    expired += artifact.expired;
                    continue;
                }
                return {
                    runId: run.id,
                    runHeadSha: run.headSha,
                    runUrl: run.htmlUrl,
                    artifactId: artifact.id,
                    artifactName,
                    mergeBaseSha: mergeBase.sha,
                    commitsBack,
                };
            }
            commitsBack++;
        }
    }
    catch (error) {
        if (error instanceof WorkflowNotFoundError)
            return { notFound: error.message };
        throw error;
    }
    const notes = [
        expired > 0 ? `${expired} run${expired === 1 ? '' : 's'} had only an expired one` : '',
        runs.truncated ? `stopped paging after ${runs.runsRead} runs` : '',
    ].filter((note) => note !== '');
    return {
        notFound: `no successful run of ${workflow} on ${baseBranch} has a live artifact '${artifactName}' ` +
            `among the ${commitsBack} commits from the merge base ${baseline_run_short(mergeBase.sha)} back` +
            (notes.length > 0 ? ` (${notes.join('; ')})` : ''),
    };
}
async function findMergeBase(options) {
    const { octokit, owner, repo, baseBranch, headSha } = options;
    const basehead = `${baseBranch}...${headSha}`;
    try {
        // per_page=1: only merge_base_commit is needed, not the commits between.
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: 1 });
        return { sha: data.merge_base_commit.sha, date: data.merge_base_commit.commit.committer?.date };
    }
    catch (error) {
        if ((0,errors/* isHttpError */.d)(error) && (error.status === 404 || error.status === 422)) {
            return {
                notFound: `GitHub could not compare ${baseBranch}...${baseline_run_short(headSha)} in ${owner}/${repo} (${error.status}: ${(0,errors/* gitHubMessage */.RG)(error)}), so there is no merge base to take a baseline from`,
            };
        }
        throw (0,errors/* toGitHubError */.Lg)(error, `comparing ${baseBranch}...${baseline_run_short(headSha)}`);
    }
}
/** The merge base, then its ancestors as GitHub lists them (newest first), read one page at a time. */
async function* historyFrom(octokit, owner, repo, mergeBase, maxCommits) {
    yield mergeBase;
    let count = 1;
    if (count >= maxCommits)
        return;
    const pages = octokit.paginate.iterator(octokit.rest.repos.listCommits, {
        owner,
        repo,
        sha: mergeBase.sha,
        per_page: Math.min(100, maxCommits),
    });
    try {
        for await (const { data } of pages) {
            for (const item of data) {
                if (item.sha === mergeBase.sha)
                    continue;
                yield { sha: item.sha, date: item.commit.committer?.date };
                if (++count >= maxCommits)
                    return;
            }
        }
    }
    catch (error) {
        throw (0,errors/* toGitHubError */.Lg)(error, `listing the commits before ${baseline_run_short(mergeBase.sha)}`);
    }
}
async function findLiveArtifact(octokit, owner, repo, run, name) {
    try {
        const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: run.id, name, per_page: 100 });
        const named = data.artifacts.filter((artifact) => artifact.name === name);
        const live = named.find((artifact) => !artifact.expired);
        return live ? { id: live.id } : { expired: named.length > 0 ? 1 : 0 };
    }
    catch (error) {
        throw (0,errors/* toGitHubError */.Lg)(error, `listing the artifacts of run ${run.id}`);
    }
}
function baseline_run_short(sha) {
    return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./packages/github/src/lazy-client.ts
/**
 * createGitHubClient, loaded when first needed: @octokit/rest and its plugins
 * are a quarter of what a step would otherwise parse and run before doing
 * anything, and only a baseline lookup, a download or the pull request files
 * API use them. The bundler puts them in a chunk of their own.
 */
async function openGitHubClient(options) {
    const { createGitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(579), __webpack_require__.e(917)]).then(__webpack_require__.bind(__webpack_require__, 5917));
    return createGitHubClient(options);
}

;// CONCATENATED MODULE: ./packages/github/src/artifact-store.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.






/** A result artifact holds a result and maybe reports: more than this is not a baseline. */
const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;
/**
 * Downloads the baseline run's result artifact and returns the path of the
 * one JSON file in it: the public artifacts API answers with a redirect to a
 * signed blob URL, which is fetched without the token.
 *
 * Not @actions/artifact's downloadArtifact: it takes no signal and sets no
 * deadline before the blob answers (and retries five times), so a silent
 * server would hold the step, and its sockets the process, without end.
 */
async function downloadBaselineResult(options) {
    const { owner, repo, runId, artifactId, budget } = options;
    const octokit = options.octokit ?? (await openGitHubClient({ token: options.token, ...(budget ? { budget } : {}) }));
    // A fresh directory per artifact, so a leftover JSON file can never pass for the result.
    const directory = (0,external_node_path_.join)(options.destination, `artifact-${artifactId}`);
    await external_node_fs_.promises.rm(directory, { recursive: true, force: true });
    let location;
    try {
        const { headers } = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifactId, archive_format: 'zip', request: { redirect: 'manual' } });
        location = headers.location;
    }
    catch (error) {
        throw (0,errors/* toGitHubError */.Lg)(error, `downloading artifact ${artifactId} of run ${runId}`);
    }
    if (!location)
        throw new Error(`GitHub gave no download address for artifact ${artifactId} of run ${runId}`);
    const zip = await fetchBlob(location, `downloading artifact ${artifactId} of run ${runId} from blob storage`, options);
    // fflate on first use too: only a download needs it.
    const { unzipSync } = await __webpack_require__.e(/* import() */ 306).then(__webpack_require__.bind(__webpack_require__, 51306));
    const entries = unzipJson(unzipSync, zip, `artifact ${artifactId} of run ${runId}`);
    if (entries.length !== 1) {
        const found = entries.length === 0 ? 'none' : entries.map(([name]) => (0,external_node_path_.join)(...name.split('/'))).join(', ');
        throw new Error(`artifact ${artifactId} of run ${runId} should hold exactly one JSON result file, found ${found}`);
    }
    const [name, bytes] = entries[0];
    const file = (0,external_node_path_.join)(directory, ...name.split('/'));
    await external_node_fs_.promises.mkdir((0,external_node_path_.dirname)(file), { recursive: true });
    await external_node_fs_.promises.writeFile(file, bytes);
    return file;
}
async function fetchBlob(url, what, options) {
    const timeoutMs = options.requestTimeoutMs ?? network_budget/* DEFAULT_REQUEST_TIMEOUT_MS */.Zc;
    const timeout = AbortSignal.timeout(timeoutMs);
    const budget = options.budget;
    // The signed URL carries its own authority: no token travels to blob storage.
    try {
        const response = await (0,src/* edgeFetch */.aI)(url, { signal: AbortSignal.any([timeout, ...(budget ? [budget.signal] : [])]) });
        if (!response.ok) {
            await response.body?.cancel();
            throw new Error(`blob storage answered ${response.status} while ${what}`);
        }
        const length = Number(response.headers.get('content-length'));
        if (length > MAX_ARTIFACT_BYTES) {
            await response.body?.cancel();
            throw new Error(`the artifact is ${length} bytes, more than a result artifact holds (${MAX_ARTIFACT_BYTES}), while ${what}`);
        }
        return new Uint8Array(await response.arrayBuffer());
    }
    catch (error) {
        if (budget?.signal.aborted)
            throw new network_budget/* NetworkBudgetError */.sC(budget.ms, what);
        if (timeout.aborted)
            throw new Error(`blob storage did not answer within ${(0,network_budget/* formatMs */._V)(timeoutMs)} while ${what}; run the job again later`, { cause: error });
        throw error;
    }
}
/** The JSON files of a zip archive, by their path inside it; other files are not inflated. */
function unzipJson(unzipSync, zip, what) {
    let files;
    try {
        files = unzipSync(zip, { filter: (file) => file.name.endsWith('.json') && file.originalSize <= MAX_ARTIFACT_BYTES });
    }
    catch (error) {
        throw new Error(`${what} is not a zip archive (${error.message})`, { cause: error });
    }
    return Object.entries(files)
        .filter(([name]) => !name.split('/').some((part) => part === '..' || part === '') && !(0,external_node_path_.isAbsolute)(name) && !name.includes('\\'))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
/**
 * Uploads this run's result so later pull requests can use it as their
 * baseline. Outside a job (a local run, a test) there is nowhere to upload
 * to: that is reported, not thrown, because the gate itself still counts.
 */
async function uploadResultArtifact(options) {
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((name) => !process.env[name]);
    if (missing.length > 0) {
        return {
            uploaded: false,
            reason: `not running inside a GitHub Actions job (${missing.join(' and ')} not set), so the result was not uploaded as an artifact`,
        };
    }
    // @actions/artifact is imported on first use, not at the top: the @actions/github inside it reads GITHUB_API_URL
    // once, when it is loaded, and gates that never touch artifacts should not pay for loading the Azure SDK.
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(579), __webpack_require__.e(65)]).then(__webpack_require__.bind(__webpack_require__, 99065));
    let id;
    try {
        ({ id } = await new DefaultArtifactClient().uploadArtifact(options.name, [options.file, ...(options.files ?? [])], options.root ?? (0,external_node_path_.dirname)(options.file), options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }));
    }
    catch (error) {
        // Inside a job an upload failure is real (quota, a name already used in this run): say which artifact.
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(`could not upload the result as artifact '${options.name}': ${detail}`, { cause: error });
    }
    if (id === undefined) {
        return { uploaded: false, reason: `GitHub accepted artifact '${options.name}' (${(0,external_node_path_.basename)(options.file)}) but returned no id` };
    }
    return { uploaded: true, id };
}

;// CONCATENATED MODULE: ./packages/github/src/baseline-source.ts







/**
 * Find the result to compare with. A file the user named must be a result of
 * this gate (an error otherwise); `auto` (and no `baseline` at all, on a pull
 * request) looks for the artifact of the run for the pull request's merge base,
 * and anything short of finding it is a notice.
 */
async function acquireBaseline(spec, options) {
    if (spec.kind === 'none')
        return { messages: [] };
    // Left out: a pull request compares with its base (auto); a push or any other event has nothing to compare with.
    if (spec.kind === 'default')
        return options.context.pullRequest ? acquireFromArtifact(options) : { messages: [] };
    if (spec.kind === 'file') {
        return { baseline: await (0,src/* readBaselineFile */.s$)(spec.path, { workspace: options.workspace, gate: options.gate, origin: spec.origin, ranges: () => options.ranges }), messages: [] };
    }
    return acquireFromArtifact(options);
}
async function acquireFromArtifact(options) {
    const { context } = options;
    const notice = (text) => ({ messages: [{ level: 'notice', title: 'Baseline', text }] });
    const pr = context.pullRequest;
    if (!pr) {
        return notice(context.isDefaultBranchPush
            ? 'no baseline on a push to the default branch: this run publishes the baseline for pull requests'
            : `no baseline: baseline auto compares pull requests with their base branch, and this is a ${context.eventName || 'local'} run`);
    }
    if (!context.owner || !context.repo)
        return notice('no baseline: GITHUB_REPOSITORY is not set');
    let workflow;
    try {
        workflow = context.workflowRef ? workflowFileFromRef(context.workflowRef) : undefined;
    }
    catch {
        workflow = undefined;
    }
    if (!workflow)
        return notice(`no baseline: GITHUB_WORKFLOW_REF (${context.workflowRef ?? 'not set'}) names no workflow file whose runs could hold the baseline`);
    if (!options.token)
        return notice("no baseline: the input 'github-token' is empty");
    const log = options.log ?? (() => { });
    const warning = (text) => ({ messages: [{ level: 'warning', title: 'Baseline', text }] });
    try {
        // One budget for the whole lookup, retries and download included: past it the step carries on without a baseline.
        const budget = (0,network_budget/* startNetworkBudget */.E4)((0,network_budget/* networkBudgetMs */.QR)());
        const octokit = await openGitHubClient({ token: options.token, baseUrl: context.apiUrl, budget, log });
        log(`baseline: finding the run of ${workflow} for the merge base of ${pr.baseRef} and ${pr.headSha.slice(0, 7)} (budget ${(0,network_budget/* formatMs */._V)(budget.ms)})`);
        const found = await findBaselineRun({
            octokit,
            owner: context.owner,
            repo: context.repo,
            workflow,
            baseBranch: pr.baseRef,
            headSha: pr.headSha,
            artifactName: options.artifactName,
        });
        if ('notFound' in found)
            return notice(`no baseline: ${found.notFound}`);
        log(`baseline: downloading artifact ${found.artifactId} of run ${found.runId}`);
        const file = await downloadBaselineResult({
            token: options.token,
            octokit,
            budget,
            owner: context.owner,
            repo: context.repo,
            runId: found.runId,
            artifactId: found.artifactId,
            destination: options.temp,
        });
        const result = await (0,src/* readResult */.Uv)(file, { gate: options.gate, ranges: () => options.ranges });
        const where = found.commitsBack === 0 ? 'the merge base' : `${found.commitsBack} commit${found.commitsBack === 1 ? '' : 's'} before the merge base`;
        return {
            baseline: { result, info: { source: 'artifact', commit: found.runHeadSha, runId: found.runId, createdAt: result.createdAt }, fromBaseRun: true },
            messages: [{ level: 'notice', title: 'Baseline', text: `baseline: run ${found.runId} for ${found.runHeadSha.slice(0, 7)}, ${where} of ${pr.baseRef}` }],
        };
    }
    catch (error) {
        if (error instanceof network_budget/* NetworkBudgetError */.sC)
            return warning(`no baseline: ${error.message}. Carrying on without a baseline.`);
        if (error instanceof src/* ConfigurationError */.j1)
            return warning(`no baseline: ${error.describe()}`);
        return warning(`no baseline: ${(0,errors/* describeGitHubError */.dZ)(error, 'the baseline lookup')}`);
    }
}
/** Upload the result as the artifact later pull requests compare with; returns a line for the log, if any. */
async function publishBaseline(options) {
    if (options.mode === 'never')
        return undefined;
    if (options.mode === 'auto' && !options.context.isDefaultBranchPush)
        return undefined;
    const uploaded = await uploadResultArtifact({ name: options.artifactName, file: options.reportPath, retentionDays: 90 });
    return uploaded.uploaded
        ? `uploaded the result as artifact '${options.artifactName}' (id ${uploaded.id}), the baseline for pull requests`
        : `the result was not uploaded as the baseline artifact: ${uploaded.reason}`;
}

// EXTERNAL MODULE: ./packages/git/src/index.ts + 3 modules
var git_src = __webpack_require__(20630);
;// CONCATENATED MODULE: ./packages/github/src/changes.ts




/** GitHub lists at most this many files of a pull request. */
const API_FILE_LIMIT = 3000;
/** Lines a pull request adds or changes, from the files API: for checkouts whose git history cannot be had. */
async function changedLinesFromApi(octokit, owner, repo, pull) {
    const lines = new Map();
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pull, per_page: 100 });
    for (const file of files) {
        if (file.status === 'removed' || !file.patch)
            continue;
        lines.set(file.filename, (0,git_src.parsePatch)(file.filename, file.patch));
    }
    return lines;
}
/**
 * The changed lines of this run: against `base` when given, else against the
 * pull request's base. git first (deepening a shallow clone as needed); the
 * pull request files API when git history cannot be had.
 */
async function acquireChanges(options) {
    const { context } = options;
    const base = options.base ?? context.pullRequest?.baseSha ?? context.pullRequest?.baseRef;
    if (!base)
        return { unavailable: 'this is not a pull request and no base was given' };
    try {
        const found = await (0,git_src.changedLines)({ cwd: options.workspace, base, ...(options.log ? { log: options.log } : {}) });
        return { lines: found.lines, base: found.mergeBase, via: 'git' };
    }
    catch (gitError) {
        const pr = context.pullRequest;
        if (!pr || options.base || !context.owner || !context.repo || !options.token) {
            return { unavailable: gitError.message };
        }
        try {
            // Its own budget, like the baseline lookup's: past it the gate goes on without changed lines.
            const budget = (0,network_budget/* startNetworkBudget */.E4)((0,network_budget/* networkBudgetMs */.QR)());
            const octokit = await openGitHubClient({ token: options.token, baseUrl: context.apiUrl, budget, ...(options.log ? { log: options.log } : {}) });
            const lines = await changedLinesFromApi(octokit, context.owner, context.repo, pr.number);
            const total = [...lines.values()].length;
            options.log?.(`git could not give the changed lines (${gitError.message}); read ${total} files from the pull request API${total >= API_FILE_LIMIT ? ', which lists at most 3000' : ''}`);
            return { lines, base, via: 'api' };
        }
        catch (apiError) {
            return { unavailable: `${gitError.message}; and the pull request API: ${(0,errors/* describeGitHubError */.dZ)(apiError, 'listing the pull request files')}` };
        }
    }
}

;// CONCATENATED MODULE: ./packages/github/src/index.ts












/***/ }),

/***/ 1409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ RequestTimeoutError),
/* harmony export */   E4: () => (/* binding */ startNetworkBudget),
/* harmony export */   QR: () => (/* binding */ networkBudgetMs),
/* harmony export */   Zc: () => (/* binding */ DEFAULT_REQUEST_TIMEOUT_MS),
/* harmony export */   _V: () => (/* binding */ formatMs),
/* harmony export */   sC: () => (/* binding */ NetworkBudgetError)
/* harmony export */ });
/* unused harmony exports NETWORK_BUDGET_ENV, DEFAULT_NETWORK_BUDGET_MS */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);

/** Environment variable that sets the budget of one network lookup, in milliseconds (tests make it short). */
const NETWORK_BUDGET_ENV = 'ROADSTOP_NETWORK_BUDGET_MS';
/** How long one lookup (e.g. `baseline: auto`: find the run, download its artifact) may take in all. */
const DEFAULT_NETWORK_BUDGET_MS = 60_000;
/** How long one request may go unanswered before it is abandoned (and retried, budget allowing). */
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
function startNetworkBudget(ms) {
    const endsAt = Date.now() + ms;
    return { ms, signal: AbortSignal.timeout(ms), remainingMs: () => Math.max(0, endsAt - Date.now()) };
}
/** The budget `ROADSTOP_NETWORK_BUDGET_MS` asks for, else the default. */
function networkBudgetMs(env = process.env) {
    const text = env[NETWORK_BUDGET_ENV]?.trim();
    if (!text)
        return DEFAULT_NETWORK_BUDGET_MS;
    if (!/^\d+$/.test(text) || Number(text) < 1) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${NETWORK_BUDGET_ENV} is '${text}', not a whole number of milliseconds`, {}, `unset it for the default of ${DEFAULT_NETWORK_BUDGET_MS} ms`);
    }
    return Number(text);
}
/** A lookup that ran out of its budget; `during` says what it was waiting for when it was stopped. */
class NetworkBudgetError extends _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentError */ .eG {
    name = 'NetworkBudgetError';
    constructor(budgetMs, during) {
        super(`GitHub did not answer within the ${formatMs(budgetMs)} budget of the lookup (${NETWORK_BUDGET_ENV}); it was stopped while ${during}`);
    }
}
/** A single request that got no (complete) answer in time, after its retries. */
class RequestTimeoutError extends _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .EnvironmentError */ .eG {
    name = 'RequestTimeoutError';
    constructor(timeoutMs, request) {
        super(`GitHub did not answer ${request} within ${formatMs(timeoutMs)}`);
    }
}
function formatMs(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}


/***/ }),

/***/ 42610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jz: () => (/* binding */ isRateLimited),
/* harmony export */   tE: () => (/* binding */ decideRetry)
/* harmony export */ });
/* unused harmony export rateLimitWaitSeconds */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);

/** GitHub's advice when a secondary rate limit names no wait: at least a minute, growing. */
const SECONDARY_RATE_LIMIT_WAIT_SECONDS = 60;
/**
 * A 429, or a 403 that is a rate limit rather than a refusal: GitHub answers
 * both a missing permission and a secondary rate limit with 403.
 */
function isRateLimited({ status, headers, message }) {
    if (status === 429)
        return true;
    if (status !== 403)
        return false;
    return (/secondary rate limit/i.test(message) ||
        header(headers, 'retry-after') !== undefined ||
        header(headers, 'x-ratelimit-remaining') === '0');
}
/** `attempt` is how many retries were already made for this request (0 on the first failure). */
function decideRetry(response, attempt, limits, nowMs) {
    let waitSeconds;
    let reason;
    if (isRateLimited(response)) {
        waitSeconds = rateLimitWaitSeconds(response.headers, attempt, nowMs);
        reason = response.status === 429 ? 'rate limited (429)' : 'rate limited (403)';
    }
    else if (response.status >= 500 && response.status <= 599) {
        // A flaky server is not worth failing over a long backoff: cap it instead.
        waitSeconds = Math.min(limits.serverErrorBackoffSeconds * 2 ** attempt, limits.maxRetryWaitSeconds);
        reason = `server error (${response.status})`;
    }
    else {
        return { retry: false, reason: 'not-retryable' };
    }
    if (attempt >= limits.maxRetries)
        return { retry: false, reason: 'retries-exhausted' };
    if (waitSeconds > limits.maxRetryWaitSeconds)
        return { retry: false, reason: 'wait-too-long', waitSeconds };
    return { retry: true, waitSeconds, reason };
}
/** `retry-after` first, then the primary limit's reset time, else GitHub's one minute, doubling. */
function rateLimitWaitSeconds(headers, attempt, nowMs) {
    const retryAfter = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterSeconds */ .C3)(header(headers, 'retry-after'), nowMs);
    if (retryAfter !== undefined)
        return retryAfter;
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    if (header(headers, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
        // The reset is whole seconds: one more second keeps us from arriving a moment early.
        return Math.max(1, Math.ceil(reset - nowMs / 1000) + 1);
    }
    return SECONDARY_RATE_LIMIT_WAIT_SECONDS * 2 ** attempt;
}
function header(headers, name) {
    const value = headers[name] ?? headers[name.toLowerCase()];
    if (value === undefined)
        return undefined;
    return Array.isArray(value) ? value[0] : String(value);
}


/***/ }),

/***/ 3693:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ev: () => (/* binding */ formatVital),
/* harmony export */   FW: () => (/* binding */ pageItem),
/* harmony export */   gh: () => (/* binding */ CATEGORY_LABEL),
/* harmony export */   te: () => (/* binding */ compareWithBase),
/* harmony export */   zw: () => (/* binding */ judgePage)
/* harmony export */ });
/* unused harmony exports spreadOf, describeAudits, baseSpread */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(19636);


const CATEGORY_LABEL = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices', seo: 'SEO' };
/** Lowest and highest score of a category over the runs. */
function spreadOf(runs, category) {
    const scores = runs.map((run) => run.scores[category]).filter((score) => score !== undefined);
    if (scores.length === 0)
        return undefined;
    return { min: Math.min(...scores), max: Math.max(...scores) };
}
function describeAudits(audits) {
    return (audits ?? []).map((audit) => `${audit.title}${audit.display ? ` (${audit.display})` : ''}`).join('; ');
}
/** The page's assertions: least scores, vitals limits, resource budgets. */
function judgePage(page, options) {
    const checks = [];
    for (const category of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6) {
        const limit = options.minScores[category];
        if (limit === undefined)
            continue;
        const value = page.median.scores[category];
        const name = `${page.id} ${CATEGORY_LABEL[category]}`;
        if (value === undefined) {
            checks.push({ name, status: 'skipped', value: 0, limit, limitText: `\u2265 ${limit}`, unit: 'score', message: `${page.id}: Lighthouse gave no ${CATEGORY_LABEL[category]} score` });
            continue;
        }
        const spread = spreadOf(page.runs, category);
        const check = { name, status: value >= limit ? 'pass' : 'fail', value, limit, limitText: `\u2265 ${limit}`, unit: 'score', details: { category, page: page.id } };
        if (spread && page.runs.length > 1)
            check.details.spread = `${spread.min}\u2013${spread.max}`;
        if (check.status === 'fail') {
            const audits = describeAudits(page.costly[category]);
            if (audits)
                check.details.audits = audits;
            check.message = `${page.id}: ${CATEGORY_LABEL[category]} ${value} is below ${limit}${audits ? `; cost the most: ${audits}` : ''}`;
        }
        else {
            check.message = `${page.id}: ${CATEGORY_LABEL[category]} ${value}`;
        }
        checks.push(check);
    }
    for (const vital of Object.keys(_options_js__WEBPACK_IMPORTED_MODULE_1__/* .VITALS */ .gA)) {
        const limit = options.maxVitals[vital];
        if (limit === undefined)
            continue;
        const { label, unit } = _options_js__WEBPACK_IMPORTED_MODULE_1__/* .VITALS */ .gA[vital];
        const value = page.median.vitals[vital];
        const limitText = `\u2264 ${formatVital(vital, limit)}`;
        if (value === undefined) {
            checks.push({ name: `${page.id} ${label}`, status: 'skipped', value: 0, limit, limitText, unit, message: `${page.id}: Lighthouse gave no ${label}` });
            continue;
        }
        const fields = { name: `${page.id} ${label}`, value, limit, limitText, unit, details: { vital, page: page.id } };
        checks.push(atMost(fields, `${page.id}: ${label} ${formatVital(vital, value)}`, formatVital(vital, limit)));
    }
    for (const type of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .RESOURCE_TYPES */ .Rx) {
        const limit = options.budgets[type];
        if (limit === undefined)
            continue;
        const value = page.median.bytes[type] ?? 0;
        const details = { resource: type, page: page.id };
        const fields = { name: `${page.id} ${type} bytes`, value, limit, limitText: `\u2264 ${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(limit)}`, unit: 'bytes', details };
        checks.push(atMost(fields, `${page.id}: ${type} transfer ${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(value)}`, `its budget of ${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(limit)}`));
    }
    return checks;
}
/** A value that must stay at or under its limit; `said` is the message when it does. */
function atMost(fields, said, over) {
    const { name, ...rest } = fields;
    const status = rest.value > rest.limit ? 'fail' : 'pass';
    return { name, status, ...rest, message: status === 'fail' ? `${said} is over ${over}` : said };
}
/**
 * Each category against the same page on the base. Lighthouse scores move
 * between runs of the same build, so a drop no larger than the base's own
 * run-to-run spread is noise (a notice); past the spread and past max-drop it
 * fails.
 */
function compareWithBase(page, base, maxDrop) {
    const checks = [];
    const messages = [];
    if (!base)
        return { checks, messages };
    for (const category of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6) {
        const allowed = maxDrop[category];
        const before = base[category];
        const now = page.median.scores[category];
        if (allowed === undefined || typeof before !== 'number' || now === undefined)
            continue;
        const spread = baseSpread(base, category);
        const drop = before - now;
        const label = CATEGORY_LABEL[category];
        const check = {
            name: `${page.id} ${label} vs base`,
            status: 'pass',
            value: now,
            baseline: before,
            limit: before - allowed,
            limitText: `drop \u2264 ${allowed}`,
            unit: 'score',
            details: { category, page: page.id, 'base-spread': spread },
        };
        if (drop <= allowed) {
            check.message = `${page.id}: ${label} ${now} against ${before} on the base`;
        }
        else if (drop <= spread) {
            check.message = `${page.id}: ${label} ${now} against ${before} on the base: a drop of ${drop} within the base's own run-to-run spread of ${spread}, so noise`;
            check.details.noise = true;
            messages.push({ level: 'notice', title: 'Lighthouse: noise', text: check.message });
        }
        else {
            check.status = 'fail';
            const audits = describeAudits(page.costly[category]);
            check.message = `${page.id}: ${label} dropped by ${drop} against the base (${before} \u2192 ${now}), more than the ${allowed} allowed and the base's spread of ${spread}${audits ? `; cost the most: ${audits}` : ''}`;
            if (audits)
                check.details.audits = audits;
        }
        checks.push(check);
    }
    return { checks, messages };
}
/** How far the base's runs of a category were apart (0 for a single run). */
function baseSpread(base, category) {
    const min = base[`${category}-min`];
    const max = base[`${category}-max`];
    return typeof min === 'number' && typeof max === 'number' ? Math.max(0, max - min) : 0;
}
/** The page as a result item: median scores and vitals, the spread of the runs, bytes per type. */
function pageItem(page) {
    const item = { id: page.id, url: page.url, runs: page.runs.length };
    for (const category of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .CATEGORIES */ .R6) {
        const score = page.median.scores[category];
        if (score === undefined)
            continue;
        item[category] = score;
        const spread = spreadOf(page.runs, category);
        if (spread) {
            item[`${category}-min`] = spread.min;
            item[`${category}-max`] = spread.max;
        }
    }
    for (const vital of Object.keys(_options_js__WEBPACK_IMPORTED_MODULE_1__/* .VITALS */ .gA)) {
        const value = page.median.vitals[vital];
        if (value !== undefined)
            item[vital] = value;
    }
    if (page.median.fcp !== undefined)
        item.fcp = page.median.fcp;
    for (const type of _options_js__WEBPACK_IMPORTED_MODULE_1__/* .RESOURCE_TYPES */ .Rx) {
        const bytes = page.median.bytes[type];
        if (bytes !== undefined)
            item[`bytes-${type}`] = bytes;
    }
    if (page.median.requests !== undefined)
        item.requests = page.median.requests;
    if (page.reports) {
        item['report-html'] = page.reports.html;
        item['report-json'] = page.reports.json;
    }
    return item;
}
function formatVital(vital, value) {
    if (vital === 'cls')
        return String(Math.round(value * 1000) / 1000);
    return value >= 1000 ? `${Math.round(value / 100) / 10} s` : `${Math.round(value)} ms`;
}


/***/ }),

/***/ 19636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   R6: () => (/* binding */ CATEGORIES),
/* harmony export */   Rx: () => (/* binding */ RESOURCE_TYPES),
/* harmony export */   Xw: () => (/* binding */ resolveLighthouseOptions),
/* harmony export */   gA: () => (/* binding */ VITALS),
/* harmony export */   k6: () => (/* binding */ GATE),
/* harmony export */   ms: () => (/* binding */ LIGHTHOUSE_GATE_OPTIONS)
/* harmony export */ });
/* unused harmony exports PRESETS, DEFAULT_RUNS, MAX_RUNS, parseScore, parseDuration */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);

const GATE = 'lighthouse-gate';
/** Lighthouse's four categories, as its LHR names them. */
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** The plan's phases in one word: every category at least 80 at launch, 85 when hardening, 90 strict. */
const PRESETS = { launch: 80, harden: 85, strict: 90 };
/** Core Web Vitals as Lighthouse measures them in the lab (TBT stands in for INP). */
const VITALS = {
    lcp: { audit: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
    cls: { audit: 'cumulative-layout-shift', label: 'CLS', unit: 'ratio' },
    tbt: { audit: 'total-blocking-time', label: 'TBT', unit: 'ms' },
};
/** Resource types of Lighthouse's resource-summary audit, each a possible budget. */
const RESOURCE_TYPES = ['total', 'document', 'script', 'stylesheet', 'image', 'media', 'font', 'other', 'third-party'];
const DEFAULT_RUNS = 3;
const MAX_RUNS = 20;
const RUNS_RANGE = { min: 1, max: MAX_RUNS, integer: true };
const INPUT_NAMES = [
    'static-dir',
    'urls',
    'runs',
    'preset',
    ...CATEGORIES.map((category) => `min-${category}`),
    ...Object.keys(VITALS).map((vital) => `max-${vital}`),
    'max-drop',
    'chrome-path',
    'baseline',
    'fail-on',
];
const SCORE = { type: 'string-or-number', description: 'A Lighthouse score, 0 to 100.' };
const BY_CATEGORY = { type: 'map', keys: Object.fromEntries(CATEGORIES.map((category) => [category, SCORE])) };
/** The `lighthouse-gate:` section's keys: checked by the config file, written into the JSON Schema. */
const LIGHTHOUSE_GATE_OPTIONS = {
    'static-dir': { type: 'string' },
    urls: { type: 'string-list' },
    runs: { type: 'string-or-number', default: DEFAULT_RUNS },
    preset: { type: 'string', enum: Object.keys(PRESETS) },
    ...Object.fromEntries(CATEGORIES.map((category) => [`min-${category}`, { type: 'string-or-number', renamedFrom: [`thresholds.${category}`] }])),
    thresholds: { ...BY_CATEGORY, deprecated: true, description: 'Deprecated: each category is now a key of its own, min-performance, min-accessibility, min-best-practices, min-seo (the inputs\' names).' },
    ...Object.fromEntries(Object.keys(VITALS).map((vital) => [`max-${vital}`, { type: 'string-or-number' }])),
    budgets: {
        type: 'map',
        description: 'Largest transfer size per resource type, e.g. script: 300 kB.',
        keys: Object.fromEntries(RESOURCE_TYPES.map((type) => [type, { type: 'string-or-number', description: `Largest transfer size of ${type} resources.` }])),
    },
    'max-drop': { type: 'scalar-or-map', scalar: { type: 'string-or-number' }, map: BY_CATEGORY },
    'chrome-path': { type: 'string' },
    ..._roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .COMMON_GATE_OPTIONS */ .L8,
};
/** Merge the config's `lighthouse-gate:` section with the inputs; an input, when given, wins. */
function resolveLighthouseOptions(section, inputs, workspace) {
    section.rejectUnknown(Object.keys(LIGHTHOUSE_GATE_OPTIONS));
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const input = (name) => ({ input: name });
    const from = (name, key = name) => (given(name) !== undefined ? input(name) : section.locate(key));
    const target = resolveTarget(section, inputs, workspace);
    const runsText = given('runs') ?? section.stringOrNumber('runs');
    const runs = runsText === undefined
        ? DEFAULT_RUNS
        : (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(runsText, from('runs'), RUNS_RANGE, 'a number of runs', `write a whole number from 1 to ${MAX_RUNS}, e.g. 3`);
    const presetText = given('preset') ?? section.string('preset');
    let preset;
    if (presetText !== undefined) {
        if (!(presetText in PRESETS)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${presetText}' is not a preset`, from('preset'), `use ${Object.entries(PRESETS).map(([name, score]) => `${name} (every category \u2265 ${score})`).join(', ')}`);
        }
        preset = presetText;
    }
    // Least scores: the preset, then the config's thresholds, then the inputs.
    const minScores = {};
    if (preset)
        for (const category of CATEGORIES)
            minScores[category] = PRESETS[preset];
    readMap(section.section('thresholds'), CATEGORIES, parseScore, minScores);
    for (const category of CATEGORIES) {
        const name = `min-${category}`;
        const text = given(name) ?? section.stringOrNumber(name);
        if (text !== undefined)
            minScores[category] = parseScore(text, from(name));
    }
    const maxVitals = {};
    for (const vital of Object.keys(VITALS)) {
        const name = `max-${vital}`;
        const value = given(name) ?? section.stringOrNumber(name);
        if (value === undefined)
            continue;
        // CLS is the unitless layout shift score, e.g. 0.1.
        maxVitals[vital] =
            vital === 'cls'
                ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, from(name), { min: 0, max: 10 }, 'a layout shift score', 'write a number such as 0.1')
                : parseDuration(value, from(name));
    }
    const budgets = readMap(section.section('budgets'), RESOURCE_TYPES, _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseSize */ .DB);
    const maxDrop = resolveMaxDrop(section, given('max-drop'));
    // The browser is a program run with the job's token: taken from the action input (the workflow's, reviewed with
    // it) or the CLI, never from the config file, which a pull request edits along with its code.
    if (section.string('chrome-path') !== undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('chrome-path is not read from the config file: it names a program the job runs, and the config file is part of the pull request', section.locate('chrome-path'), "give it as the action's chrome-path input (or --chrome-path), or set CHROME_PATH in the workflow");
    }
    const chromePath = given('chrome-path');
    const baseline = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBaselineSpec */ .gz)(given('baseline') ?? section.string('baseline'), from('baseline'));
    const failOn = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseFailOn */ .XV)(given('fail-on') ?? section.string('fail-on') ?? 'fail', from('fail-on'));
    const chrome = chromePath !== undefined ? { chromePath, chromePathOrigin: from('chrome-path') } : {};
    return { workspace, target, runs, minScores, maxVitals, budgets, maxDrop, baseline, failOn, ...chrome, ...(preset ? { preset } : {}) };
}
/** Exactly one target: a static build folder served locally, or URLs already served. */
function resolveTarget(section, inputs, workspace) {
    const dirInput = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, 'static-dir');
    const urlsInput = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, 'urls');
    if (dirInput !== undefined && urlsInput !== undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('both static-dir and urls are given; which one to measure is ambiguous', { input: 'static-dir' }, "give 'static-dir' (a build folder served locally) or 'urls' (pages already served), not both");
    }
    // An input replaces the config's target of either kind, so a workflow can point the config's gate at a preview URL.
    if (urlsInput !== undefined)
        return urlTarget((0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(urlsInput), { input: 'urls' });
    if (dirInput !== undefined)
        return staticTarget(dirInput, { input: 'static-dir' }, workspace);
    const dir = section.string('static-dir');
    const urls = section.stringList('urls');
    if (dir !== undefined && urls !== undefined) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('both static-dir and urls are set; which one to measure is ambiguous', section.locate('urls'), 'keep one of lighthouse-gate.static-dir and lighthouse-gate.urls');
    }
    if (urls !== undefined)
        return urlTarget(urls, section.locate('urls'));
    if (dir !== undefined)
        return staticTarget(dir, section.locate('static-dir'), workspace);
    throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('nothing to measure: no static-dir and no urls', section.keys().length > 0 ? section.locate() : { input: 'static-dir' }, "give the input 'static-dir' (the build folder, e.g. dist) or 'urls' (e.g. the preview URL), or set one under lighthouse-gate: in the config");
}
function staticTarget(dir, origin, workspace) {
    return { kind: 'static', dir: (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .insideWorkspace */ .CT)(workspace, dir, origin) || '.', origin };
}
function urlTarget(urls, origin) {
    if (urls.length === 0)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('no URL given', origin, 'give one URL per line, e.g. https://preview.example.com/');
    for (const url of urls) {
        (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .rejectUnsafeUrlText */ .G1)(url, origin);
        let parsed;
        try {
            parsed = new URL(url);
        }
        catch {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactUrlCredentials */ .dE)(url)}' is not a URL`, origin, 'write a full URL such as https://preview.example.com/ or http://127.0.0.1:4173/');
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactUrlCredentials */ .dE)(url)}' is not an http or https URL`, origin);
        }
        // The host goes into Chrome's --host-resolver-rules, a comma-separated list: a name, an IPv4 or a bracketed IPv6.
        if (!/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/i.test(parsed.hostname)) {
            throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${(0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactUrlCredentials */ .dE)(url)}' has a host name Chrome's resolver rules cannot hold ('${parsed.hostname}')`, origin, 'use a plain host name or IP address');
        }
    }
    return { kind: 'urls', urls, origin };
}
/** `max-drop: 2` (every category) or a map per category. */
function resolveMaxDrop(section, inputText) {
    if (inputText === undefined && section.kind('max-drop') === 'map')
        return readMap(section.section('max-drop'), CATEGORIES, parsePoints);
    const single = inputText ?? section.stringOrNumber('max-drop');
    if (single === undefined)
        return {};
    const value = parsePoints(single, inputText !== undefined ? { input: 'max-drop' } : section.locate('max-drop'));
    return Object.fromEntries(CATEGORIES.map((category) => [category, value]));
}
/** A map of the config whose keys are `keys` (no other), each value parsed where it stands, into `into`. */
function readMap(map, keys, parse, into = {}) {
    map.rejectUnknown(keys);
    for (const key of keys) {
        const value = map.stringOrNumber(key);
        if (value !== undefined)
            into[key] = parse(value, map.locate(key));
    }
    return into;
}
/** A Lighthouse score as people write it, 0\u2013100 (`80`); anything outside that range names where it came from. */
function parseScore(value, where) {
    const number = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, where, { min: 0, max: 100 }, 'a score', 'write a number from 0 to 100, e.g. 80');
    // lhci's assertions write scores as 0\u20131 (minScore: 0.8); here 0.8 would be 0.8 points out of 100 and pass anything.
    if (number > 0 && number < 1) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${value} reads as ${number} points out of 100, which looks like lhci's 0\u20131 score`, where, `did you mean ${Math.round(number * 10000) / 100}? scores here are 0\u2013100`);
    }
    return number;
}
function parsePoints(value, where) {
    return (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseNumber */ .$J)(value, where, { min: 0, max: 100 }, 'a number of points', 'write the largest allowed drop in score points, e.g. 3');
}
/** `2500`, `"2500ms"`, `"2.5 s"` \u2192 2500 milliseconds. */
function parseDuration(value, where) {
    const match = typeof value === 'number' ? [String(value), String(value), 'ms'] : /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(value);
    if (!match)
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value}' is not a duration`, where, 'write milliseconds or seconds, e.g. 2500, 2500ms or 2.5s');
    const milliseconds = Number(match[1]) * ((match[2] ?? 'ms').toLowerCase() === 's' ? 1000 : 1);
    (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .checkRange */ .cd)(milliseconds, { min: 0, max: 600_000 }, where);
    return Math.round(milliseconds);
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


/***/ }),

/***/ 5285:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

// jsonpath-plus, required the first time a JSONPath is read (an http metric's `path`),
// as packages/core/src/yaml-package.cjs does for yaml: a CommonJS require inside a
// function runs when called, in the sources and in an ncc bundle alike. Imported at the
// top of options.ts it ran (with node:vm, which it loads) in every step that holds the
// registry, a bundle-budget step stopping at its config included.

let loaded;
exports.K = () => (loaded ??= __webpack_require__(55464));


/***/ }),

/***/ 38180:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

// The `yaml` package, required the first time a step reads YAML. A CommonJS
// require inside a function is evaluated when called, in the sources and in
// an ncc bundle alike (the bundler keeps the package in the bundle and runs
// its module only then), and it is synchronous, so the config reader stays
// synchronous. A step with no config file and no YAML input never runs it.

let loaded;
exports.A = () => (loaded ??= __webpack_require__(38815));


/***/ })

};
