export const id = 48;
export const ids = [48];
export const modules = {

/***/ 48048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  INCOMPLETE_SHARE: () => (/* binding */ INCOMPLETE_SHARE),
  runCoverageGate: () => (/* binding */ runCoverageGate),
  toRanges: () => (/* binding */ toRanges)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
// EXTERNAL MODULE: ./packages/coverage/src/gate-options.ts
var gate_options = __webpack_require__(13362);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./packages/coverage/src/model.ts
var model = __webpack_require__(83101);
;// CONCATENATED MODULE: ./packages/coverage/src/line-bounds.ts



/** Source files larger than this are not read to count their lines: no hand-written source is 64 MB. */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
/**
 * Drop the line records that lie beyond the end of their file in the
 * checkout: a report that says line 500 of a 40-line file is covered is
 * stale or forged, and counting it would lift the percentage. Only regular
 * files are read (lstat: no symlink followed, no FIFO opened); a file that
 * cannot be read is left as the report has it. Mutates the report's files.
 */
function dropLinesBeyondEnd(report, workspace) {
    const found = { lines: 0 };
    for (const file of report.files.values()) {
        let last = 0;
        for (const [line] of file.lines)
            last = line;
        if (last <= 1)
            continue;
        const length = lineCount((0,external_node_path_.join)(workspace, file.path));
        if (length === undefined || last <= length)
            continue;
        const beyond = [...file.lines.keys()].filter((line) => line > length);
        for (const line of beyond)
            file.lines.delete(line);
        found.lines += beyond.length;
        found.example ??= { path: file.path, line: last, length };
        if (report.metrics.lines === 'detail')
            file.totals.lines = (0,model/* totalFromDetail */.m0)(file, 'lines');
    }
    return found;
}
/** Lines in a regular file (a last line without a newline counts), or undefined when it is not one or cannot be read. */
function lineCount(path) {
    const kind = (0,external_node_fs_.lstatSync)(path, { throwIfNoEntry: false });
    if (!kind?.isFile() || kind.size > MAX_SOURCE_BYTES)
        return undefined;
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, 'r');
    }
    catch {
        return undefined;
    }
    try {
        if (!(0,external_node_fs_.fstatSync)(fd).isFile())
            return undefined;
        const buffer = Buffer.allocUnsafe(1 << 16);
        let lines = 0;
        let lastByte = 10;
        for (;;) {
            const read = (0,external_node_fs_.readSync)(fd, buffer, 0, buffer.length, null);
            if (read === 0)
                break;
            for (let index = buffer.indexOf(10, 0); index !== -1 && index < read; index = buffer.indexOf(10, index + 1))
                lines++;
            lastByte = buffer[read - 1];
        }
        return lastByte === 10 ? lines : lines + 1;
    }
    catch {
        return undefined;
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./packages/coverage/src/merge.ts


const FORMAT_NAMES = {
    lcov: 'lcov',
    'istanbul-json': 'istanbul coverage-final.json',
    'istanbul-summary': 'istanbul coverage-summary.json',
    cobertura: 'Cobertura XML',
    clover: 'Clover XML',
    merged: 'merged report',
};
const WHY_TOTALS_ONLY = {
    cobertura: 'counts branches per line without saying which were taken',
    clover: 'states statements, conditionals and methods as per-file counts only',
    lcov: 'has records with counts (LF/FNF/BRF) but no per-item lines',
};
/**
 * Merge reports of one test suite run in parts (vitest --shard, a CI matrix):
 * per file, line hits add up, so a line covered by any part is covered;
 * statements, functions and branches add up by their identity; files of
 * different parts are united.
 *
 * Paths must agree: when the parts ran on different machines, map each onto
 * the repository (paths.ts) first. A metric that some part carries only as
 * totals cannot be combined and is left out with a notice; a report without
 * line detail (coverage-summary.json) cannot be merged at all.
 */
function mergeReports(reports) {
    const first = reports[0];
    if (first === undefined)
        throw new src/* ConfigurationError */.j1('there are no coverage reports to merge');
    if (reports.length === 1)
        return { report: first, notices: [] };
    for (const report of reports) {
        if (report.metrics.lines !== 'detail') {
            throw new src/* ConfigurationError */.j1(`${FORMAT_NAMES[report.format]} carries totals only, not line by line, so it cannot be merged with other reports`, report.sources[0] === undefined ? {} : { file: report.sources[0] }, 'have every shard write coverage-final.json (reporter json) or lcov.info (reporter lcov) and pass those');
        }
    }
    const notices = [];
    const metrics = {};
    for (const metric of model/* METRICS */.Cb) {
        const supports = reports.map((report) => report.metrics[metric]);
        if (supports.every((support) => support === 'detail'))
            metrics[metric] = 'detail';
        else if (supports.every((support) => support === 'none'))
            metrics[metric] = 'none';
        else {
            metrics[metric] = 'none';
            notices.push(`${metric} are left out of the merged coverage: ${explain(reports, metric)}`);
        }
    }
    const files = new Map();
    for (const report of reports) {
        for (const [path, file] of report.files) {
            let target = files.get(path);
            if (target === undefined) {
                target = (0,model/* emptyFile */.sX)(path);
                files.set(path, target);
            }
            // Folding into a fresh file keeps the inputs untouched.
            mergeFileInto(target, file, 'sum');
        }
    }
    for (const file of files.values()) {
        for (const metric of model/* METRICS */.Cb)
            if (metrics[metric] === 'none')
                file.totals[metric] = { covered: 0, total: 0 };
    }
    const formats = new Set(reports.map((report) => report.format));
    const sourceRoots = [...new Set(reports.flatMap((report) => report.sourceRoots ?? []))];
    return {
        report: {
            format: formats.size === 1 ? first.format : 'merged',
            files,
            metrics,
            ...(sourceRoots.length > 0 ? { sourceRoots } : {}),
            sources: reports.flatMap((report) => report.sources),
        },
        notices,
    };
}
function explain(reports, metric) {
    const parts = [];
    for (const report of reports) {
        const support = report.metrics[metric];
        if (support === 'detail')
            continue;
        const name = `${report.sources.join(', ')} (${FORMAT_NAMES[report.format]})`;
        if (support === 'none')
            parts.push(`${name} does not carry them`);
        else
            parts.push(`${name} ${WHY_TOTALS_ONLY[report.format] ?? 'carries totals only'}`);
    }
    return `${parts.join('; ')}, so the parts cannot be combined`;
}
/** Fold `source` into `target` by line, statement, function and branch identity. */
function mergeFileInto(target, source, combine) {
    const add = combine === 'sum' ? (a, b) => a + b : Math.max;
    const hadDetail = detailSizes(target);
    const sourceDetail = detailSizes(source);
    for (const [line, hits] of source.lines) {
        const previous = target.lines.get(line);
        target.lines.set(line, previous === undefined ? hits : add(previous, hits));
    }
    for (const [key, hits] of source.statements) {
        const previous = target.statements.get(key);
        target.statements.set(key, previous === undefined ? hits : add(previous, hits));
    }
    foldBy(target.functions, source.functions, functionKeys, (into, from) => (into.hits = add(into.hits, from.hits)));
    const branchKeys = (branches) => branches.map((branch) => `${branch.line}\u0000${branch.block}\u0000${branch.branch}`);
    foldBy(target.branches, source.branches, branchKeys, (into, from) => (into.taken = add(into.taken, from.taken)));
    for (const metric of model/* METRICS */.Cb) {
        const [mine, theirs] = [target.totals[metric], source.totals[metric]];
        if (hadDetail[metric] > 0 || sourceDetail[metric] > 0)
            target.totals[metric] = (0,model/* totalFromDetail */.m0)(target, metric);
        // Neither side has detail: the best there is, the stated counts added (or the larger, for one run described twice).
        else if (combine === 'sum')
            target.totals[metric] = { covered: mine.covered + theirs.covered, total: mine.total + theirs.total };
        else if (theirs.total > mine.total)
            target.totals[metric] = theirs;
    }
}
/** Fold `source`'s items into `target`'s: one with the same key is combined into it, a new one copied. */
function foldBy(target, source, keys, combine) {
    const at = new Map(keys(target).map((key, index) => [key, index]));
    const sourceKeys = keys(source);
    source.forEach((item, index) => {
        const existing = at.get(sourceKeys[index]);
        if (existing !== undefined)
            combine(target[existing], item);
        else {
            at.set(sourceKeys[index], target.length);
            target.push({ ...item });
        }
    });
}
function detailSizes(file) {
    return { lines: file.lines.size, statements: file.statements.size, functions: file.functions.length, branches: file.branches.length };
}
/**
 * A function is its line and name; a second function of the same name on the
 * same line (two anonymous callbacks) is told apart by its order.
 */
function functionKeys(functions) {
    const seen = new Map();
    return functions.map((fn) => {
        const base = `${fn.line}\u0000${fn.name}`;
        const occurrence = seen.get(base) ?? 0;
        seen.set(base, occurrence + 1);
        return `${base}\u0000${occurrence}`;
    });
}

;// CONCATENATED MODULE: ./packages/coverage/src/paths.ts


/**
 * Path segments with separators, drive letters and `.`/`..` settled, so that
 * `C:\\x\\repo\\src\\a.ts`, `/home/runner/work/repo/repo/src/a.ts`,
 * `./src/a.ts` and `src/a.ts` compare by their segments.
 */
function pathSegments(path) {
    const posix = path.replace(/\\/g, '/').replace(/^file:\/\//, '').replace(/^\/?[A-Za-z]:(?=\/|$)/, '');
    const segments = [];
    for (const segment of posix.split('/')) {
        if (segment === '' || segment === '.')
            continue;
        if (segment === '..')
            segments.pop();
        else
            segments.push(segment);
    }
    return segments;
}
function isAbsolute(path) {
    return /^(?:[\\/]|[A-Za-z]:[\\/]|file:\/\/)/.test(path);
}
/**
 * Map report paths onto the repository's files (`git ls-files`).
 *
 * For each report path: a root that turns it into a repository path
 * exactly wins; otherwise the repository file sharing the longest suffix of
 * whole path segments with it (case-sensitive, as git and Linux runners are).
 * Equally long suffixes are ambiguous and reported rather than guessed; a
 * relative report path equal to a repository path counts as the longest.
 */
function mapReportPaths(reportPaths, repositoryFiles, options = {}) {
    const repository = new Map();
    const byBasename = new Map();
    for (const file of repositoryFiles) {
        const segments = pathSegments(file);
        const basename = segments[segments.length - 1];
        if (basename === undefined)
            continue;
        repository.set(segments.join('/'), segments);
        const list = byBasename.get(basename);
        if (list === undefined)
            byBasename.set(basename, [segments]);
        else
            list.push(segments);
    }
    const roots = (options.roots ?? []).map((root) => ({ absolute: isAbsolute(root), segments: pathSegments(root) }));
    const mapping = { mapped: new Map(), unmatched: [], ambiguous: [] };
    for (const path of new Set(reportPaths)) {
        const segments = pathSegments(path);
        const absolute = isAbsolute(path);
        // Roots first: they can make a path exact.
        let exact;
        for (const root of roots) {
            let candidate;
            if (absolute && root.absolute && startsWith(segments, root.segments))
                candidate = segments.slice(root.segments.length);
            else if (!absolute && !root.absolute)
                candidate = [...root.segments, ...segments];
            const key = candidate?.join('/');
            if (key !== undefined && repository.has(key)) {
                exact = key;
                break;
            }
        }
        if (exact === undefined && !absolute && repository.has(segments.join('/')))
            exact = segments.join('/');
        if (exact !== undefined) {
            mapping.mapped.set(path, exact);
            continue;
        }
        // Relative paths under an absolute root (Cobertura's <sources>) gain the root's segments to discriminate with.
        const absoluteRoots = absolute ? [] : roots.filter((root) => root.absolute);
        const forms = absoluteRoots.length > 0 ? absoluteRoots.map((root) => [...root.segments, ...segments]) : [segments];
        let best = 0;
        let candidates = [];
        for (const form of forms) {
            for (const file of byBasename.get(form[form.length - 1] ?? '') ?? []) {
                const length = commonSuffix(form, file);
                const key = file.join('/');
                if (length > best) {
                    best = length;
                    candidates = [key];
                }
                else if (length === best && !candidates.includes(key)) {
                    candidates.push(key);
                }
            }
        }
        if (candidates.length === 0)
            mapping.unmatched.push(path);
        else if (candidates.length === 1)
            mapping.mapped.set(path, candidates[0]);
        else
            mapping.ambiguous.push({ path, candidates: candidates.sort() });
    }
    return mapping;
}
function startsWith(segments, prefix) {
    return prefix.length <= segments.length && prefix.every((segment, index) => segments[index] === segment);
}
function commonSuffix(a, b) {
    let length = 0;
    while (length < a.length && length < b.length && a[a.length - 1 - length] === b[b.length - 1 - length])
        length += 1;
    return length;
}
/**
 * Sentences for the job summary about what did not map, each with a few
 * examples, so a user sees at once whether a root or the checkout is off.
 */
function describePathMapping(mapping, examples = 3) {
    const messages = [];
    const total = mapping.mapped.size + mapping.unmatched.length + mapping.ambiguous.length;
    if (mapping.unmatched.length > 0) {
        const shown = mapping.unmatched.slice(0, examples).join(', ');
        const more = mapping.unmatched.length > examples ? ', \u2026' : '';
        messages.push(`${mapping.unmatched.length} of ${total} report paths match no file in the repository, e.g. ${shown}${more}`);
    }
    if (mapping.ambiguous.length > 0) {
        const shown = mapping.ambiguous
            .slice(0, examples)
            .map((entry) => `${entry.path} (${entry.candidates.slice(0, 3).join(' or ')}${entry.candidates.length > 3 ? ' or \u2026' : ''})`)
            .join(', ');
        const more = mapping.ambiguous.length > examples ? ', \u2026' : '';
        messages.push(`${mapping.ambiguous.length} of ${total} report paths match several repository files equally well, e.g. ${shown}${more}; pass the directory the tool ran in as a root`);
    }
    return messages;
}
/**
 * The report keyed by repository paths, without the paths that did not map.
 * Two report paths of one repository file (a symlink, `./a` and `a`) describe
 * the same run, so their coverage is combined, not added.
 */
function remapReport(report, mapping) {
    const files = new Map();
    for (const [path, file] of report.files) {
        const target = mapping.mapped.get(path);
        if (target === undefined)
            continue;
        const existing = files.get(target);
        if (existing === undefined)
            files.set(target, (0,model/* withPath */.iD)(file, target));
        else {
            const combined = (0,model/* emptyFile */.sX)(target);
            mergeFileInto(combined, existing, 'max');
            mergeFileInto(combined, file, 'max');
            files.set(target, combined);
        }
    }
    return { ...report, files };
}

// EXTERNAL MODULE: ./node_modules/saxes/saxes.js
var saxes = __webpack_require__(59800);
;// CONCATENATED MODULE: ./packages/coverage/src/xml.ts



/**
 * Streams XML through saxes and a handler, safely for untrusted reports.
 *
 * saxes never reads a DTD: it does not fetch external DTDs or entities (no
 * XXE, no network, no local file read) and does not expand entities declared
 * in the internal subset (no billion laughs). A reference to such an entity is
 * an "undefined entity" error, which is turned into a ConfigurationError at
 * the first one, so an attack document fails fast and in constant memory.
 * Only XML's five predefined entities and character references are decoded.
 */
async function parseXml(chunks, file, handler) {
    const parser = new saxes/* SaxesParser */.wT({ xmlns: false, position: true });
    const stack = [];
    parser.on('error', (error) => {
        // saxes prefixes its messages with line:column; the location goes into the error's own fields.
        const reason = error.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '').replace(/\.$/, '');
        if (/undefined entity/i.test(reason)) {
            throw new src/* ConfigurationError */.j1('XML refers to an entity that is not one of the five XML predefines (&amp; &lt; &gt; &quot; &apos;); roadstop never expands entities declared in a DTD', { file, line: parser.line }, 'coverage tools do not write such entities: the file is not a coverage report, or it was tampered with (XXE or entity expansion)');
        }
        throw new src/* ConfigurationError */.j1(`XML is not well-formed: ${reason}`, { file, line: parser.line }, 'the file may be cut off; regenerate the report');
    });
    parser.on('opentag', (tag) => {
        handler.open(tag.name, tag.attributes, stack[stack.length - 1] ?? '', parser.line);
        if (tag.isSelfClosing)
            handler.close(tag.name, parser.line);
        else
            stack.push(tag.name);
    });
    parser.on('closetag', (tag) => {
        if (tag.isSelfClosing)
            return;
        stack.pop();
        handler.close(tag.name, parser.line);
    });
    if (handler.text)
        parser.on('text', handler.text.bind(handler));
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of chunks) {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '')
            parser.write(text);
    }
    const rest = decoder.decode();
    if (rest !== '')
        parser.write(rest);
    parser.close();
}
/** What the Cobertura and Clover handlers share: the report's files by path, and checked attributes. */
class XmlDialect {
    file;
    files = new Map();
    constructor(file) {
        this.file = file;
    }
    text(_text) { }
    /** Several elements of one file (inner classes, partial classes) describe one run: never add them up. */
    addFile(file) {
        const existing = this.files.get(file.path);
        if (existing === undefined)
            this.files.set(file.path, file);
        else
            mergeFileInto(existing, file, 'max');
    }
    /** A non-negative number attribute, or a ConfigurationError naming the element and line. */
    number(attributes, name, element, line) {
        const raw = attributes[name];
        const value = raw === undefined ? Number.NaN : Number(raw);
        if (!Number.isFinite(value) || value < 0) {
            throw new src/* ConfigurationError */.j1(`<${element}> has ${raw === undefined ? `no ${name} attribute` : `${name}="${raw.slice(0, 40)}", not a count`}`, { file: this.file, line });
        }
        return value;
    }
    /** Like number, but undefined when the attribute is absent. */
    optionalNumber(attributes, name, element, line) {
        return attributes[name] === undefined ? undefined : this.number(attributes, name, element, line);
    }
    /** A ratio from a pair of count attributes, or undefined unless both are there. */
    ratio(attributes, total, covered, element, line) {
        const totalValue = this.optionalNumber(attributes, total, element, line);
        const coveredValue = this.optionalNumber(attributes, covered, element, line);
        return totalValue === undefined || coveredValue === undefined ? undefined : { covered: coveredValue, total: totalValue };
    }
}

;// CONCATENATED MODULE: ./packages/coverage/src/clover.ts



/**
 * Clover XML, as written by OpenClover, PHPUnit and istanbul (jest, vitest):
 * `<file path|name>` with its own `<metrics>` and `<line num count type>`.
 *
 * `stmt` and `cond` lines are the line detail. Statements, conditionals and
 * methods are taken from the file's `<metrics>`, because what a `cond` line's
 * truecount/falsecount mean differs by writer (istanbul: covered and
 * uncovered branches; OpenClover: times true and false), and istanbul writes
 * no method lines at all. Only without `<metrics>` are they counted from the
 * lines, OpenClover's way.
 */
class CloverHandler extends XmlDialect {
    declared;
    current;
    currentMetrics;
    conditions = { covered: 0, total: 0 };
    statementLines = { covered: 0, total: 0 };
    sawFiles = false;
    sawMethodLines = false;
    sawMethodMetrics = false;
    sawConditionals = false;
    open(name, attributes, parent, line) {
        switch (name) {
            case 'file': {
                const path = attributes.path || attributes.name;
                if (!path)
                    throw new src/* ConfigurationError */.j1('Clover: <file> has neither a path nor a name attribute', { file: this.file, line });
                this.current = (0,model/* emptyFile */.sX)(path);
                this.currentMetrics = undefined;
                this.conditions = { covered: 0, total: 0 };
                this.statementLines = { covered: 0, total: 0 };
                this.sawFiles = true;
                return;
            }
            case 'metrics':
                if (parent === 'project')
                    this.declared = this.readMetrics(attributes, line);
                else if (parent === 'file' && this.current !== undefined)
                    this.currentMetrics = this.readMetrics(attributes, line);
                return;
            case 'line':
                if (parent === 'file' && this.current !== undefined)
                    this.line(this.current, attributes, line);
                return;
        }
    }
    close(name) {
        if (name !== 'file' || this.current === undefined)
            return;
        const file = this.current;
        const metrics = this.currentMetrics;
        this.current = undefined;
        file.totals.lines = (0,model/* totalFromDetail */.m0)(file, 'lines');
        file.totals.statements = metrics?.statements ?? this.statementLines;
        file.totals.functions = metrics?.functions ?? (0,model/* totalFromDetail */.m0)(file, 'functions');
        file.totals.branches = metrics?.branches ?? this.conditions;
        this.addFile(file);
    }
    finish() {
        if (!this.sawFiles) {
            throw new src/* ConfigurationError */.j1('Clover: the report has no <file> elements: it describes no source file', { file: this.file }, 'check that the tests ran with coverage enabled');
        }
        const metrics = {
            lines: 'detail',
            statements: 'totals',
            functions: this.sawMethodLines && !this.sawMethodMetrics ? 'detail' : this.sawMethodLines || this.sawMethodMetrics ? 'totals' : 'none',
            branches: this.sawConditionals ? 'totals' : 'none',
        };
        return { format: 'clover', files: this.files, metrics, ...(this.declared ? { declared: this.declared } : {}), sources: [this.file] };
    }
    /** `<metrics>` as totals: Clover's conditionals are branches, its methods functions. */
    readMetrics(attributes, line) {
        const result = {};
        for (const [metric, name] of [['statements', 'statements'], ['branches', 'conditionals'], ['functions', 'methods']]) {
            const ratio = this.ratio(attributes, name, `covered${name}`, 'metrics', line);
            if (ratio)
                result[metric] = ratio;
        }
        if (result.branches)
            this.sawConditionals = true;
        if (result.functions)
            this.sawMethodMetrics = true;
        return result;
    }
    line(file, attributes, line) {
        const number = this.number(attributes, 'num', 'line', line);
        const count = this.number(attributes, 'count', 'line', line);
        const type = attributes.type ?? 'stmt';
        if (type === 'method') {
            file.functions.push({ name: attributes.signature ?? attributes.name ?? '', line: number, hits: count });
            this.sawMethodLines = true;
            return;
        }
        const previous = file.lines.get(number);
        file.lines.set(number, previous === undefined ? count : Math.max(previous, count));
        this.statementLines.total += 1;
        if (count > 0)
            this.statementLines.covered += 1;
        if (type === 'cond') {
            // OpenClover: a condition has two outcomes, each covered once seen.
            const trueCount = this.optionalNumber(attributes, 'truecount', 'line', line) ?? 0;
            const falseCount = this.optionalNumber(attributes, 'falsecount', 'line', line) ?? 0;
            this.conditions.total += 2;
            this.conditions.covered += (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0);
            this.sawConditionals = true;
        }
    }
}

;// CONCATENATED MODULE: ./packages/coverage/src/cobertura.ts



const CONDITION_COVERAGE = /\((\d+)\s*\/\s*(\d+)\)/;
/**
 * Cobertura XML, as written by coverage.py, istanbul (jest, vitest, c8),
 * coverlet, gcovr and the Cobertura family: `<class filename>` holds
 * `<line number hits [branch condition-coverage]>`. Lines inside `<method>`
 * only repeat a method's lines, so they count for the method, not again for
 * the file.
 *
 * Branches are only counted per line ("1/2 covered"), without saying which
 * branch was taken, so they are totals: exact for this report, not mergeable.
 * Paths are relative to `<sources>` (coverage.py writes the measured
 * directory there; istanbul the project root), kept as `sourceRoots`.
 */
class CoberturaHandler extends XmlDialect {
    sources = [];
    declared = {};
    sourceText;
    current;
    currentBranchLines = new Set();
    method;
    sawMethods = false;
    sawBranches = false;
    sawClasses = false;
    open(name, attributes, parent, line) {
        switch (name) {
            case 'coverage':
                if (parent === '')
                    this.readDeclared(attributes, line);
                return;
            case 'source':
                this.sourceText = '';
                return;
            case 'class': {
                const filename = attributes.filename;
                if (filename === undefined || filename === '') {
                    throw new src/* ConfigurationError */.j1('Cobertura: <class> has no filename attribute', { file: this.file, line });
                }
                this.current = (0,model/* emptyFile */.sX)(filename);
                this.currentBranchLines = new Set();
                this.sawClasses = true;
                return;
            }
            case 'method':
                if (this.current === undefined)
                    return;
                this.method = { name: attributes.name ?? '', hits: this.optionalNumber(attributes, 'hits', 'method', line), line: 0, maxLineHits: 0 };
                this.sawMethods = true;
                return;
            case 'line':
                this.line(attributes, line);
                return;
        }
    }
    text(text) {
        if (this.sourceText !== undefined)
            this.sourceText += text;
    }
    close(name) {
        switch (name) {
            case 'source': {
                const source = this.sourceText?.trim();
                if (source)
                    this.sources.push(source);
                this.sourceText = undefined;
                return;
            }
            case 'method': {
                const method = this.method;
                this.method = undefined;
                if (method === undefined || this.current === undefined)
                    return;
                // Cobertura proper gives a method no hits of its own; its busiest line stands for it.
                this.current.functions.push({ name: method.name, line: method.line, hits: method.hits ?? method.maxLineHits });
                return;
            }
            case 'class': {
                const file = this.current;
                this.current = undefined;
                if (file === undefined)
                    return;
                for (const metric of ['lines', 'functions', 'branches'])
                    file.totals[metric] = (0,model/* totalFromDetail */.m0)(file, metric);
                this.addFile(file);
                return;
            }
        }
    }
    finish() {
        if (!this.sawClasses) {
            throw new src/* ConfigurationError */.j1('Cobertura: the report has no <class> elements: it describes no source file', { file: this.file }, 'check that the tests ran with coverage enabled');
        }
        const metrics = {
            lines: 'detail',
            statements: 'none',
            functions: this.sawMethods ? 'detail' : 'none',
            branches: this.sawBranches ? 'totals' : 'none',
        };
        return {
            format: 'cobertura',
            files: this.files,
            metrics,
            ...(Object.keys(this.declared).length > 0 ? { declared: this.declared } : {}),
            ...(this.sources.length > 0 ? { sourceRoots: this.sources } : {}),
            sources: [this.file],
        };
    }
    readDeclared(attributes, line) {
        for (const metric of ['lines', 'branches']) {
            const ratio = this.ratio(attributes, `${metric}-valid`, `${metric}-covered`, 'coverage', line);
            if (ratio)
                this.declared[metric] = ratio;
        }
    }
    line(attributes, line) {
        const file = this.current;
        if (file === undefined)
            return;
        const number = this.number(attributes, 'number', 'line', line);
        const hits = this.number(attributes, 'hits', 'line', line);
        if (this.method !== undefined) {
            if (this.method.line === 0)
                this.method.line = number;
            this.method.maxLineHits = Math.max(this.method.maxLineHits, hits);
            return;
        }
        const previous = file.lines.get(number);
        file.lines.set(number, previous === undefined ? hits : Math.max(previous, hits));
        if (attributes.branch !== 'true')
            return;
        this.sawBranches = true;
        const condition = CONDITION_COVERAGE.exec(attributes['condition-coverage'] ?? '');
        if (condition === null || this.currentBranchLines.has(number))
            return;
        this.currentBranchLines.add(number);
        const covered = Number(condition[1]);
        const total = Number(condition[2]);
        // Which of the line's branches were taken is not said: the first `covered` stand for them.
        for (let index = 0; index < total; index++) {
            file.branches.push({ line: number, block: '0', branch: String(index), taken: index < covered ? 1 : 0 });
        }
    }
}

;// CONCATENATED MODULE: ./packages/coverage/src/input.ts

/** Codes that mean the machine refuses the file, not that the user named the wrong one. */
const PERMISSION_CODES = new Set(['EACCES', 'EPERM', 'EIO']);
/** Chunks big enough that per-chunk work vanishes, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;
async function* toChunks(input) {
    if (typeof input === 'string') {
        yield Buffer.from(input, 'utf8');
    }
    else if (input instanceof Uint8Array) {
        yield input;
    }
    else {
        yield* input;
    }
}
/**
 * Open a report file as a stream of chunks. Opening happens here, before the
 * first chunk is asked for, so a missing file is a ConfigurationError naming
 * it, and one the machine will not let the step read an EnvironmentError,
 * rather than a stream error later that reads as a bug.
 *
 * The chunks are views of one reused buffer, so reading allocates nothing per
 * chunk: a consumer must be done with a chunk (or copy it) before it asks for
 * the next, as every parser here is.
 */
async function openReportFile(path, shown = path) {
    let handle;
    try {
        // FIFOs, devices and sockets refused before a byte is read: a pipe without a writer would hang the step.
        handle = await (0,src/* openRegularFile */.ZU)(path, { file: shown }, 'the coverage report');
    }
    catch (error) {
        if (error instanceof src/* ConfigurationError */.j1)
            throw error;
        const code = error.code;
        if (code !== undefined && PERMISSION_CODES.has(code)) {
            throw new src/* EnvironmentError */.eG(`${shown}: the coverage report cannot be read (${code}): the step's user may not read it; check the permissions of the file and its folders`);
        }
        const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory, not a file' : String(code ?? error);
        throw new src/* ConfigurationError */.j1(`cannot read the coverage report: ${reason}`, { file: shown }, 'point it at a report file such as coverage/lcov.info');
    }
    return readChunks(handle);
}
async function* readChunks(handle) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    try {
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
            if (bytesRead === 0)
                return;
            yield buffer.subarray(0, bytesRead);
        }
    }
    finally {
        await handle.close();
    }
}
/** Look at the start of a stream without losing it, to detect the format from content. */
async function peek(input, bytes = 4096) {
    const iterator = input[Symbol.asyncIterator]();
    const seen = [];
    let length = 0;
    let done = false;
    const close = async () => {
        if (done)
            return;
        done = true;
        await iterator.return?.();
    };
    while (length < bytes) {
        const next = await iterator.next();
        if (next.done) {
            done = true;
            break;
        }
        if (next.value.length === 0)
            continue;
        // A copy: the source may reuse its buffer for the next chunk.
        seen.push(new Uint8Array(next.value));
        length += next.value.length;
    }
    const head = seen.length === 1 ? seen[0] : Buffer.concat(seen);
    async function* replay() {
        try {
            yield* seen;
            while (!done) {
                const next = await iterator.next();
                if (next.done) {
                    done = true;
                    return;
                }
                yield next.value;
            }
        }
        finally {
            // A parser that stops early (a ConfigurationError) must not leave the file open.
            await close();
        }
    }
    return { head, chunks: replay(), close };
}

;// CONCATENATED MODULE: ./packages/coverage/src/json-entries.ts

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
function isSpace(code) {
    return code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;
}
/**
 * The top-level properties of a JSON object, one at a time, as the text
 * streams in. Istanbul's JSON reports are one object keyed by file, so memory
 * holds one file's coverage at a time however large the report is; each value
 * is handed to JSON.parse whole.
 */
async function* readJsonEntries(chunks, file) {
    // ignoreBOM false: a UTF-8 byte order mark is dropped, not parsed.
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let pos = 0;
    let line = 1;
    let state = 'start';
    let key = '';
    // Scan state of a value or key string that spans chunks.
    let tokenStart = -1;
    let tokenLine = 1;
    let scan = 0;
    let depth = 0;
    let inString = false;
    let escaped = false;
    const fail = (message, at = line) => new src/* ConfigurationError */.j1(`JSON: ${message}`, { file, line: at }, 'expected istanbul coverage-final.json or coverage-summary.json');
    // Scans from `scan` to the end of the token starting at tokenStart (pos, for a new one); returns its end (exclusive) or -1 for "need more text".
    const scanToken = () => {
        if (tokenStart === -1) {
            tokenStart = scan = pos;
            tokenLine = line;
        }
        const first = text.charCodeAt(tokenStart);
        if (scan === tokenStart) {
            scan += 1;
            inString = first === QUOTE;
            depth = first === OPEN_BRACE || first === OPEN_BRACKET ? 1 : 0;
            escaped = false;
        }
        const primitive = first !== QUOTE && first !== OPEN_BRACE && first !== OPEN_BRACKET;
        for (; scan < text.length; scan++) {
            const code = text.charCodeAt(scan);
            if (code === NEWLINE)
                line += 1;
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (code === BACKSLASH)
                    escaped = true;
                else if (code === QUOTE) {
                    inString = false;
                    if (depth === 0)
                        return ++scan;
                }
            }
            else if (primitive) {
                if (code === COMMA || code === CLOSE_BRACE || isSpace(code)) {
                    if (code === NEWLINE)
                        line -= 1;
                    return scan;
                }
            }
            else if (code === QUOTE)
                inString = true;
            else if (code === OPEN_BRACE || code === OPEN_BRACKET)
                depth += 1;
            else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
                depth -= 1;
                if (depth === 0)
                    return ++scan;
            }
        }
        return -1;
    };
    const parse = (start, end, at) => {
        try {
            return JSON.parse(text.slice(start, end));
        }
        catch (error) {
            throw fail(`invalid JSON (${error.message})`, at);
        }
    };
    function* drain(final) {
        for (;;) {
            if (tokenStart === -1) {
                while (pos < text.length && isSpace(text.charCodeAt(pos))) {
                    if (text.charCodeAt(pos) === NEWLINE)
                        line += 1;
                    pos += 1;
                }
                if (pos >= text.length)
                    return;
            }
            const code = text.charCodeAt(pos);
            switch (state) {
                case 'start':
                    if (code !== OPEN_BRACE)
                        throw fail('not a JSON object');
                    pos += 1;
                    state = 'key';
                    break;
                case 'key': {
                    if (code === CLOSE_BRACE) {
                        pos += 1;
                        state = 'done';
                        break;
                    }
                    if (tokenStart === -1 && code !== QUOTE)
                        throw fail(`expected a property name, found '${text[pos]}'`);
                    const end = scanToken();
                    if (end === -1)
                        return;
                    key = parse(tokenStart, end, tokenLine);
                    pos = end;
                    tokenStart = -1;
                    state = 'colon';
                    break;
                }
                case 'colon':
                    if (code !== COLON)
                        throw fail(`expected ':' after "${key}"`);
                    pos += 1;
                    state = 'value';
                    break;
                case 'value': {
                    const end = scanToken();
                    if (end === -1) {
                        if (!final || text.charCodeAt(tokenStart) === QUOTE || text.charCodeAt(tokenStart) === OPEN_BRACE || text.charCodeAt(tokenStart) === OPEN_BRACKET)
                            return;
                        // A primitive at the very end of the text is complete; what follows will fail as a missing '}'.
                    }
                    const valueEnd = end === -1 ? text.length : end;
                    const value = parse(tokenStart, valueEnd, tokenLine);
                    yield { key, value, line: tokenLine };
                    pos = valueEnd;
                    tokenStart = -1;
                    state = 'next';
                    break;
                }
                case 'next':
                    if (code === COMMA)
                        state = 'key';
                    else if (code === CLOSE_BRACE)
                        state = 'done';
                    else
                        throw fail(`expected ',' or '}' after the value of "${key}"`);
                    pos += 1;
                    break;
                case 'done':
                    throw fail('unexpected text after the end of the JSON object');
            }
        }
    }
    for await (const chunk of chunks) {
        // Drop what is consumed, so memory holds at most the value being read.
        const keep = tokenStart === -1 ? pos : tokenStart;
        text = text.slice(keep) + decoder.decode(chunk, { stream: true });
        pos -= keep;
        if (tokenStart !== -1) {
            scan -= keep;
            tokenStart = 0;
        }
        yield* drain(false);
    }
    const rest = decoder.decode();
    if (rest !== '')
        text += rest;
    yield* drain(true);
    if (state === 'start')
        throw fail('the file is empty');
    if (state !== 'done')
        throw fail('the JSON ends early: the file is cut off');
}

;// CONCATENATED MODULE: ./packages/coverage/src/istanbul-json.ts




/**
 * Istanbul's JSON reports: coverage-final.json (the raw per-file counters, as
 * written by istanbul, nyc, jest, vitest and c8) and coverage-summary.json
 * (per-file totals only). Which one is decided by the first entry's shape,
 * not the file name. Lines are derived exactly as istanbul-lib-coverage's
 * FileCoverage.getLineCoverage does, so totals match istanbul's own summary.
 */
async function parseIstanbulJson(input, file) {
    let kind;
    const files = new Map();
    let declared;
    for await (const entry of readJsonEntries(toChunks(input), file)) {
        const entryKind = kindOf(entry);
        if (entryKind === undefined) {
            throw new src/* ConfigurationError */.j1(`JSON is not an istanbul coverage report: the value of "${entry.key}" has neither statementMap and s (coverage-final.json) nor lines and statements totals (coverage-summary.json)`, { file, line: entry.line }, 'point it at coverage-final.json, coverage-summary.json, lcov.info, or a Cobertura or Clover XML file');
        }
        if (kind === undefined)
            kind = entryKind;
        else if (kind !== entryKind) {
            throw new src/* ConfigurationError */.j1(`JSON mixes coverage-final and coverage-summary entries ("${entry.key}" is a ${entryKind} entry)`, { file, line: entry.line });
        }
        if (entryKind === 'summary') {
            const totals = summaryTotals(entry, file);
            if (entry.key === 'total')
                declared = totals;
            else
                files.set(entry.key, { ...(0,model/* emptyFile */.sX)(entry.key), totals });
        }
        else {
            files.set(entry.key, fileFromIstanbul(entry, file));
        }
    }
    if (kind === undefined) {
        throw new src/* ConfigurationError */.j1('JSON is an empty object: the report describes no files', { file }, 'check that the tests ran with coverage enabled and instrumented the sources');
    }
    // A summary has per-file counts only; coverage-final.json has every counter.
    const support = kind === 'summary' ? 'totals' : 'detail';
    const metrics = { lines: support, statements: support, functions: support, branches: support };
    return { format: kind === 'summary' ? 'istanbul-summary' : 'istanbul-json', files, metrics, ...(declared ? { declared } : {}), sources: [file] };
}
/** Old istanbul versions wrapped each file's counters in `{ data: \u2026 }`. */
function unwrap(value) {
    return (0,src/* isRecord */.u4)(value) && (0,src/* isRecord */.u4)(value.data) && !('s' in value) ? value.data : value;
}
function kindOf(entry) {
    const value = unwrap(entry.value);
    if (!(0,src/* isRecord */.u4)(value))
        return undefined;
    if ((0,src/* isRecord */.u4)(value.statementMap) && (0,src/* isRecord */.u4)(value.s))
        return 'final';
    if ((0,src/* isRecord */.u4)(value.lines) && (0,src/* isRecord */.u4)(value.statements) && typeof value.lines.total === 'number')
        return 'summary';
    return undefined;
}
function summaryTotals(entry, file) {
    const value = entry.value;
    const totals = (0,model/* emptyTotals */.Tf)();
    for (const metric of model/* METRICS */.Cb) {
        const raw = value[metric];
        if (raw === undefined)
            continue;
        if (!(0,src/* isRecord */.u4)(raw) || typeof raw.total !== 'number' || typeof raw.covered !== 'number') {
            throw new src/* ConfigurationError */.j1(`coverage-summary entry "${entry.key}" has no numeric ${metric}.total and ${metric}.covered`, { file, line: entry.line });
        }
        if (!(Number.isInteger(raw.total) && Number.isInteger(raw.covered) && raw.covered >= 0 && raw.covered <= raw.total)) {
            throw new src/* ConfigurationError */.j1(`coverage-summary entry "${entry.key}" contradicts itself: ${metric} covers ${raw.covered} of ${raw.total}`, { file, line: entry.line }, 'a covered count is a whole number from 0 to the total; regenerate the report');
        }
        totals[metric] = { covered: raw.covered, total: raw.total };
    }
    return totals;
}
function position(value) {
    if (!(0,src/* isRecord */.u4)(value) || typeof value.line !== 'number')
        return undefined;
    return { line: value.line, column: typeof value.column === 'number' ? value.column : 0 };
}
function startLine(meta, ...fields) {
    if (!(0,src/* isRecord */.u4)(meta))
        return 0;
    for (const field of fields) {
        const range = meta[field];
        const start = (0,src/* isRecord */.u4)(range) ? position(range.start) : undefined;
        if (start)
            return start.line;
    }
    return typeof meta.line === 'number' ? meta.line : 0;
}
function hitCount(value) {
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
function fileFromIstanbul(entry, file) {
    const data = unwrap(entry.value);
    const result = (0,model/* emptyFile */.sX)(entry.key);
    const statementMap = data.statementMap;
    const s = data.s;
    const fnMap = (0,src/* isRecord */.u4)(data.fnMap) ? data.fnMap : {};
    const f = (0,src/* isRecord */.u4)(data.f) ? data.f : {};
    const branchMap = (0,src/* isRecord */.u4)(data.branchMap) ? data.branchMap : {};
    const b = (0,src/* isRecord */.u4)(data.b) ? data.b : {};
    // istanbul-lib-coverage getLineCoverage: a line's hits are the most any
    // statement starting on it has; statements without a location are skipped
    // for lines but still counted as statements.
    // Counters for entries the maps lack contradict the report: refused, never counted as statements of nowhere.
    const contradiction = (counter, id, map) => new src/* ConfigurationError */.j1(`coverage-final entry "${entry.key}" contradicts itself: ${counter}["${id}"] counts a ${map === 'statementMap' ? 'statement' : map === 'fnMap' ? 'function' : 'branch'} that ${map} does not have`, { file, line: entry.line }, 'the report is corrupt or was merged by hand; regenerate it');
    for (const [id, rawHits] of Object.entries(s)) {
        const hits = hitCount(rawHits);
        const meta = statementMap[id];
        if (meta === undefined)
            throw contradiction('s', id, 'statementMap');
        const start = (0,src/* isRecord */.u4)(meta) ? position(meta.start) : undefined;
        const end = (0,src/* isRecord */.u4)(meta) ? position(meta.end) : undefined;
        let key = start ? `${start.line}:${start.column}-${end?.line ?? start.line}:${end?.column ?? start.column}` : `#${id}`;
        if (result.statements.has(key))
            key = `${key}#${id}`;
        result.statements.set(key, hits);
        if (start) {
            const previous = result.lines.get(start.line);
            if (previous === undefined || previous < hits)
                result.lines.set(start.line, hits);
        }
    }
    // Functions and branches are counted from the counters (f, b), as istanbul's summary does.
    for (const [id, rawHits] of Object.entries(f)) {
        const meta = fnMap[id];
        if (meta === undefined && (0,src/* isRecord */.u4)(data.fnMap))
            throw contradiction('f', id, 'fnMap');
        const name = (0,src/* isRecord */.u4)(meta) && typeof meta.name === 'string' ? meta.name : `(function ${id})`;
        result.functions.push({ name, line: startLine(meta, 'decl', 'loc'), hits: hitCount(rawHits) });
    }
    for (const [id, counts] of Object.entries(b)) {
        if (!Array.isArray(counts)) {
            throw new src/* ConfigurationError */.j1(`coverage-final entry "${entry.key}": branch counters b["${id}"] are not an array`, { file, line: entry.line });
        }
        if (branchMap[id] === undefined && (0,src/* isRecord */.u4)(data.branchMap))
            throw contradiction('b', id, 'branchMap');
        const line = startLine(branchMap[id], 'loc');
        counts.forEach((taken, index) => result.branches.push({ line, block: id, branch: String(index), taken: hitCount(taken) }));
    }
    for (const metric of model/* METRICS */.Cb)
        result.totals[metric] = (0,model/* totalFromDetail */.m0)(result, metric);
    return result;
}

// EXTERNAL MODULE: ./packages/coverage/src/slab.ts
var slab = __webpack_require__(26178);
;// CONCATENATED MODULE: ./packages/coverage/src/branch-columns.ts

/**
 * Branches of one file as columns in a single buffer (20 bytes a branch where
 * an object costs about 60 and the garbage collector's attention), for the
 * lcov parser. The file's `branches` array is built from them the first time
 * someone reads it: a gate reads totals for every file but branch detail only
 * for the few files a pull request touches.
 */
class BranchColumns {
    /** Block or branch id as a number, or NO_ID when it is only in `names`. */
    static NO_ID = -1;
    count;
    taken;
    lines;
    blocks;
    branches;
    /** Ids that are not plain numbers (lcov 2's branch expressions, gcov's e-blocks), by row. */
    names;
    /** Copy the first `count` rows of a parser's reused buffers. */
    constructor(builder, slab) {
        const count = builder.count;
        this.count = count;
        const { buffer, offset } = slab.take(count * 20);
        this.taken = new Float64Array(buffer, offset, count);
        this.taken.set(builder.taken.subarray(0, count));
        this.lines = new Uint32Array(buffer, offset + count * 8, count);
        this.lines.set(builder.lines.subarray(0, count));
        this.blocks = new Int32Array(buffer, offset + count * 12, count);
        this.blocks.set(builder.blocks.subarray(0, count));
        this.branches = new Int32Array(buffer, offset + count * 16, count);
        this.branches.set(builder.branches.subarray(0, count));
        this.names = builder.names.size > 0 ? new Map(builder.names) : undefined;
    }
    covered() {
        return (0,slab/* countPositive */.D8)(this.taken);
    }
    toArray() {
        const result = new Array(this.count);
        for (let index = 0; index < this.count; index++) {
            const named = this.names?.get(index);
            result[index] = {
                line: this.lines[index],
                block: named ? named[0] : String(this.blocks[index]),
                branch: named ? named[1] : String(this.branches[index]),
                taken: this.taken[index],
            };
        }
        return result;
    }
}
/**
 * A file whose `branches` array is built from columns the first time it is
 * read (an own, enumerable accessor, so spreading and comparing see it).
 */
function fileWithBranchColumns(path, lines, functions, columns, totals) {
    let branches;
    return {
        path,
        lines,
        statements: new Map(),
        functions,
        get branches() {
            return (branches ??= columns === undefined ? [] : columns.toArray());
        },
        set branches(value) {
            branches = value;
        },
        totals,
    };
}
/** Reused, growing buffers a parser appends a record's branches to. */
class BranchBuilder {
    count = 0;
    taken = new Float64Array(1024);
    lines = new Uint32Array(1024);
    blocks = new Int32Array(1024);
    branches = new Int32Array(1024);
    names = new Map();
    add(line, block, branch, taken, names) {
        if (this.count === this.taken.length)
            this.grow();
        const index = this.count;
        this.lines[index] = line;
        this.blocks[index] = block;
        this.branches[index] = branch;
        this.taken[index] = taken;
        if (names)
            this.names.set(index, names);
        this.count += 1;
    }
    reset() {
        this.count = 0;
        this.names.clear();
    }
    grow() {
        const capacity = this.taken.length * 2;
        this.taken = (0,slab/* grown */.gT)(this.taken, capacity);
        this.lines = (0,slab/* grown */.gT)(this.lines, capacity);
        this.blocks = (0,slab/* grown */.gT)(this.blocks, capacity);
        this.branches = (0,slab/* grown */.gT)(this.branches, capacity);
    }
}

// EXTERNAL MODULE: ./packages/coverage/src/line-hits.ts
var line_hits = __webpack_require__(47035);
;// CONCATENATED MODULE: ./packages/coverage/src/lcov.ts






/**
 * lcov tracefile parser (geninfo's format, as written by istanbul, c8, v8,
 * gcov, llvm-cov, coverage.py and others).
 *
 * It works on bytes, line by line, as chunks arrive: memory holds the parsed
 * coverage and one partial line, never the whole file, and numbers are read
 * without first decoding text. Only paths and function names become strings.
 */
async function parseLcov(input, file) {
    const parser = new LcovParser(file);
    for await (const chunk of toChunks(input))
        parser.write(chunk);
    return parser.end();
}
const lcov_NEWLINE = 0x0a;
const CR = 0x0d;
const lcov_COMMA = 0x2c;
const lcov_COLON = 0x3a;
const ZERO = 0x30;
const NINE = 0x39;
const DASH = 0x2d;
/** No lcov line is this long; past it the input is something else, and memory stays bounded. */
const MAX_LINE_BYTES = 16 << 20;
class LcovParser {
    file;
    files = new Map();
    carry;
    lineNumber = 0;
    record;
    sawFunctions = false;
    sawBranches = false;
    /** Metrics some record states only as counts (LF/LH without DA:, and the like). */
    totalsOnly = new Set();
    records = 0;
    // The current record's DA: lines, collected in reused buffers and handed
    // to the file once at end_of_record, so no per-file array ever grows.
    scratchLines = new Uint32Array(4096);
    scratchHits = new Float64Array(4096);
    scratchCount = 0;
    branches = new BranchBuilder();
    slab = new slab/* Slab */.F6();
    constructor(file) {
        this.file = file;
    }
    write(chunk) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        const length = buffer.length;
        let start = 0;
        if (this.carry !== undefined) {
            const newline = findByte(buffer, lcov_NEWLINE, 0, length);
            if (newline === length) {
                if (this.carry.length + length > MAX_LINE_BYTES) {
                    throw this.error(`line ${this.lineNumber + 1} is longer than ${MAX_LINE_BYTES >> 20} MiB: this is not an lcov file`, undefined, this.lineNumber + 1);
                }
                this.carry = Buffer.concat([this.carry, buffer]);
                return;
            }
            const line = Buffer.concat([this.carry, buffer.subarray(0, newline)]);
            this.carry = undefined;
            this.line(line, 0, line.length);
            start = newline + 1;
        }
        for (;;) {
            // Fast path for DA:<line>,<hits> inside a record, most of any lcov file:
            // parsed while looking for its end, in one pass. Anything unusual
            // (a checksum, CR, a bad digit, the chunk's end) takes the general path.
            if (buffer[start] === 0x44 && buffer[start + 1] === 0x41 && buffer[start + 2] === lcov_COLON && this.record !== undefined) {
                let index = start + 3;
                let line = 0;
                let byte = buffer[index];
                while (byte !== undefined && byte >= ZERO && byte <= NINE) {
                    line = line * 10 + (byte - ZERO);
                    byte = buffer[++index];
                }
                if (byte === lcov_COMMA && index > start + 3) {
                    const hitsStart = ++index;
                    let hits = 0;
                    byte = buffer[index];
                    while (byte !== undefined && byte >= ZERO && byte <= NINE) {
                        hits = hits * 10 + (byte - ZERO);
                        byte = buffer[++index];
                    }
                    if (byte === lcov_NEWLINE && index > hitsStart) {
                        this.lineNumber += 1;
                        this.addLine(line, hits);
                        start = index + 1;
                        continue;
                    }
                }
            }
            const newline = findByte(buffer, lcov_NEWLINE, start, length);
            if (newline === length)
                break;
            this.line(buffer, start, newline);
            start = newline + 1;
        }
        // Copy the partial line: the file reader reuses its buffer for the next chunk.
        if (start < length)
            this.carry = Buffer.from(buffer.subarray(start));
    }
    end() {
        if (this.carry !== undefined) {
            const line = this.carry;
            this.carry = undefined;
            this.line(line, 0, line.length);
        }
        if (this.record !== undefined) {
            throw this.error(`the record for ${this.record.path} (from line ${this.record.startLine}) has no end_of_record: the file is cut off`, 'the tool that wrote it may have been killed or the upload truncated; regenerate the report');
        }
        if (this.records === 0) {
            throw this.error('no SF: records: this lcov file describes no source file', 'check that the tests ran with coverage enabled', 0);
        }
        const support = (saw, metric) => (!saw ? 'none' : this.totalsOnly.has(metric) ? 'totals' : 'detail');
        const metrics = {
            lines: support(true, 'lines'),
            statements: 'none',
            functions: support(this.sawFunctions, 'functions'),
            branches: support(this.sawBranches, 'branches'),
        };
        return { format: 'lcov', files: this.files, metrics, sources: [this.file] };
    }
    line(buffer, start, end) {
        this.lineNumber += 1;
        if (end > start && buffer[end - 1] === CR)
            end -= 1;
        if (end === start)
            return;
        const b0 = buffer[start];
        // The most frequent records first: DA, then BRDA, FNDA and FN.
        if (b0 === 0x44 && buffer[start + 1] === 0x41 && buffer[start + 2] === lcov_COLON)
            return this.da(buffer, start + 3, end);
        if (b0 === 0x42 && buffer[start + 1] === 0x52) {
            if (buffer[start + 2] === 0x44 && buffer[start + 3] === 0x41 && buffer[start + 4] === lcov_COLON)
                return this.brda(buffer, start + 5, end);
            if (buffer[start + 2] === 0x46 && buffer[start + 3] === lcov_COLON)
                return this.count('BRF', buffer, start + 4, end);
            if (buffer[start + 2] === 0x48 && buffer[start + 3] === lcov_COLON)
                return this.count('BRH', buffer, start + 4, end);
        }
        if (b0 === 0x46 && buffer[start + 1] === 0x4e) {
            const b2 = buffer[start + 2];
            if (b2 === lcov_COLON)
                return this.fn(buffer, start + 3, end);
            if (buffer[start + 3] === lcov_COLON) {
                if (b2 === 0x46)
                    return this.count('FNF', buffer, start + 4, end);
                if (b2 === 0x48)
                    return this.count('FNH', buffer, start + 4, end);
                if (b2 === 0x4c)
                    return this.fnl(buffer, start + 4, end);
                if (b2 === 0x41)
                    return this.fna(buffer, start + 4, end);
            }
            if (b2 === 0x44 && buffer[start + 3] === 0x41 && buffer[start + 4] === lcov_COLON)
                return this.fnda(buffer, start + 5, end);
        }
        if (b0 === 0x4c && buffer[start + 2] === lcov_COLON) {
            if (buffer[start + 1] === 0x46)
                return this.count('LF', buffer, start + 3, end);
            if (buffer[start + 1] === 0x48)
                return this.count('LH', buffer, start + 3, end);
        }
        if (b0 === 0x53 && buffer[start + 1] === 0x46 && buffer[start + 2] === lcov_COLON)
            return this.sf(buffer, start + 3, end);
        if (end - start === 13 && buffer.toString('latin1', start, end) === 'end_of_record')
            return this.endOfRecord();
        // TN:, VER: and tags of newer lcov versions carry nothing roadstop uses.
        const colon = findByte(buffer, lcov_COLON, start, end);
        if (colon < end && /^[A-Za-z_]+$/.test(buffer.toString('latin1', start, colon)))
            return;
        throw this.error(`not an lcov line: '${excerpt(buffer, start, end)}'`);
    }
    current(tag) {
        if (this.record === undefined) {
            throw this.error(`${tag} outside a record: it must follow an SF: line`);
        }
        return this.record;
    }
    sf(buffer, start, end) {
        if (this.record !== undefined) {
            throw this.error(`SF: starts a new record, but the record for ${this.record.path} (from line ${this.record.startLine}) has no end_of_record`, 'the file may be two reports concatenated with one cut off; regenerate it');
        }
        const path = buffer.toString('utf8', start, end).trim();
        if (path === '')
            throw this.error('SF: has no path');
        this.record = { path, functions: [], startLine: this.lineNumber, declared: {}, fnCursor: 0, fnAssigned: undefined, byName: undefined, byIndex: undefined };
    }
    da(buffer, start, end) {
        this.current('DA:');
        // DA:<line>,<hits>[,<checksum>], read in one pass: this is most of the file.
        let index = start;
        let line = 0;
        let byte = -1;
        for (; index < end; index++) {
            byte = buffer[index];
            if (byte < ZERO || byte > NINE)
                break;
            line = line * 10 + (byte - ZERO);
        }
        let hits = 0;
        let digits = 0;
        if (index > start && byte === lcov_COMMA) {
            for (index += 1; index < end; index++) {
                byte = buffer[index];
                if (byte < ZERO || byte > NINE)
                    break;
                hits = hits * 10 + (byte - ZERO);
                digits += 1;
            }
        }
        if (digits === 0 || (index < end && byte !== lcov_COMMA)) {
            throw this.error(`DA: needs a line number and a hit count, got '${excerpt(buffer, start - 3, end)}'`, 'the file may be cut off or not lcov');
        }
        this.addLine(line, hits);
    }
    addLine(line, hits) {
        if (this.scratchCount === this.scratchLines.length) {
            this.scratchLines = (0,slab/* grown */.gT)(this.scratchLines, this.scratchCount * 2);
            this.scratchHits = (0,slab/* grown */.gT)(this.scratchHits, this.scratchCount * 2);
        }
        this.scratchLines[this.scratchCount] = line;
        this.scratchHits[this.scratchCount] = hits;
        this.scratchCount += 1;
    }
    brda(buffer, start, end) {
        this.current('BRDA:');
        // BRDA:<line>,<block>,<branch>,<taken>; lcov 2 allows commas inside <branch>.
        const first = nextComma(buffer, start, end);
        const second = first < end ? nextComma(buffer, first + 1, end) : end;
        let last = end - 1;
        while (last > second && buffer[last] !== lcov_COMMA)
            last -= 1;
        const line = first < end ? readUint(buffer, start, first) : -1;
        if (line < 0 || second >= end || last <= second) {
            throw this.error(`BRDA: needs a line, block, branch and taken count, got '${excerpt(buffer, start - 5, end)}'`, 'the file may be cut off or not lcov');
        }
        let taken;
        if (last + 2 === end && buffer[last + 1] === DASH) {
            taken = 0;
        }
        else {
            taken = readUint(buffer, last + 1, end);
            if (taken < 0)
                throw this.error(`BRDA: taken count is not a number or '-': '${excerpt(buffer, start - 5, end)}'`);
        }
        const block = readId(buffer, first + 1, second);
        const branch = readId(buffer, second + 1, last);
        if (block >= 0 && branch >= 0)
            this.branches.add(line, block, branch, taken);
        else
            this.branches.add(line, BranchColumns.NO_ID, BranchColumns.NO_ID, taken, [buffer.toString('utf8', first + 1, second), buffer.toString('utf8', second + 1, last)]);
        this.sawBranches = true;
    }
    fn(buffer, start, end) {
        const record = this.current('FN:');
        // FN:<line>,<name> or, since lcov 2.0, FN:<line>,<end line>,<name>.
        const first = nextComma(buffer, start, end);
        const line = first < end ? readUint(buffer, start, first) : -1;
        if (line < 0)
            throw this.error(`FN: needs a line and a name, got '${excerpt(buffer, start - 3, end)}'`);
        let nameStart = first + 1;
        const second = nextComma(buffer, nameStart, end);
        if (second < end && readUint(buffer, nameStart, second) >= 0)
            nameStart = second + 1;
        record.functions.push({ name: buffer.toString('utf8', nameStart, end), line, hits: 0 });
        record.byName = undefined;
        this.sawFunctions = true;
    }
    fnda(buffer, start, end) {
        const record = this.current('FNDA:');
        const comma = nextComma(buffer, start, end);
        const hits = comma < end ? readUint(buffer, start, comma) : -1;
        if (hits < 0)
            throw this.error(`FNDA: needs a hit count and a name, got '${excerpt(buffer, start - 5, end)}'`);
        this.sawFunctions = true;
        const functions = record.functions;
        if (record.fnAssigned === undefined || record.fnAssigned.length < functions.length) {
            const assigned = new Uint8Array(Math.max(functions.length, 8));
            if (record.fnAssigned)
                assigned.set(record.fnAssigned);
            record.fnAssigned = assigned;
        }
        const assigned = record.fnAssigned;
        const cursor = record.fnCursor;
        const next = functions[cursor];
        if (next !== undefined && assigned[cursor] === 0 && sameText(next.name, buffer, comma + 1, end)) {
            next.hits += hits;
            assigned[cursor] = 1;
            record.fnCursor = cursor + 1;
            return;
        }
        const name = buffer.toString('utf8', comma + 1, end);
        if (record.byName === undefined) {
            record.byName = new Map();
            functions.forEach((fn, index) => {
                const same = record.byName.get(fn.name);
                if (same === undefined)
                    record.byName.set(fn.name, [index]);
                else
                    same.push(index);
            });
        }
        const same = record.byName.get(name);
        if (same === undefined) {
            // A count for a function no FN: declared: keep it, its line unknown.
            functions.push({ name, line: 0, hits });
            record.byName = undefined;
            return;
        }
        const index = same.find((candidate) => assigned[candidate] === 0) ?? same[same.length - 1];
        functions[index].hits += hits;
        assigned[index] = 1;
    }
    /** lcov 2.2: FNL:<index>,<line>[,<end line>] declares function <index>. */
    fnl(buffer, start, end) {
        const record = this.current('FNL:');
        const comma = nextComma(buffer, start, end);
        const index = comma < end ? readUint(buffer, start, comma) : -1;
        const line = index < 0 ? -1 : readUint(buffer, comma + 1, nextComma(buffer, comma + 1, end));
        if (index < 0 || line < 0)
            throw this.error(`FNL: needs an index and a line, got '${excerpt(buffer, start - 4, end)}'`);
        const fn = { name: '', line, hits: 0 };
        record.byIndex ??= new Map();
        record.byIndex.set(index, fn);
        record.functions.push(fn);
        this.sawFunctions = true;
    }
    /** lcov 2.2: FNA:<index>,<hits>,<name>, one per alias of function <index>. */
    fna(buffer, start, end) {
        const record = this.current('FNA:');
        const first = nextComma(buffer, start, end);
        const second = first < end ? nextComma(buffer, first + 1, end) : end;
        const index = first < end ? readUint(buffer, start, first) : -1;
        const hits = second < end ? readUint(buffer, first + 1, second) : -1;
        const fn = record.byIndex?.get(index);
        if (index < 0 || hits < 0 || fn === undefined) {
            throw this.error(`FNA: needs the index of an FNL: line, a hit count and a name, got '${excerpt(buffer, start - 4, end)}'`);
        }
        if (fn.name === '')
            fn.name = buffer.toString('utf8', second + 1, end);
        fn.hits += hits;
    }
    count(tag, buffer, start, end) {
        const record = this.current(`${tag}:`);
        const value = readUint(buffer, start, end);
        if (value < 0)
            throw this.error(`${tag}: needs a count, got '${excerpt(buffer, start - tag.length - 1, end)}'`);
        record.declared[tag] = value;
        if (tag === 'FNF' || tag === 'FNH')
            this.sawFunctions = true;
        if (tag === 'BRF' || tag === 'BRH')
            this.sawBranches = true;
    }
    endOfRecord() {
        const record = this.current('end_of_record');
        this.record = undefined;
        this.records += 1;
        const { declared, functions } = record;
        const lines = line_hits/* LineHits */.X.from(this.scratchLines, this.scratchHits, this.scratchCount, this.slab);
        this.scratchCount = 0;
        const branches = this.branches.count > 0 ? new BranchColumns(this.branches, this.slab) : undefined;
        this.branches.reset();
        const totals = {
            lines: this.total('lines', lines.size, () => lines.covered(), declared.LF, declared.LH),
            statements: { covered: 0, total: 0 },
            functions: this.total('functions', functions.length, () => (0,slab/* countPositive */.D8)(functions.map((fn) => fn.hits)), declared.FNF, declared.FNH),
            branches: this.total('branches', branches?.count ?? 0, () => branches?.covered() ?? 0, declared.BRF, declared.BRH),
        };
        const file = fileWithBranchColumns(record.path, lines, functions, branches, totals);
        const existing = this.files.get(file.path);
        // The same file again, under another TN: test name: its counts add up.
        if (existing === undefined)
            this.files.set(file.path, file);
        else
            mergeFileInto(existing, file, 'sum');
    }
    /**
     * Totals from detail when there is any; a record with only LF/LH (and the
     * like) keeps its declared counts, and the report says it has totals only.
     */
    total(metric, detail, covered, declaredTotal, declaredCovered) {
        if (detail > 0 || !declaredTotal)
            return { covered: detail > 0 ? covered() : 0, total: detail };
        this.totalsOnly.add(metric);
        return { covered: Math.min(declaredCovered ?? 0, declaredTotal), total: declaredTotal };
    }
    /** An error at the current line; 0 for one about the whole file. */
    error(message, hint, line = this.lineNumber) {
        return new src/* ConfigurationError */.j1(`lcov: ${message}`, line === 0 ? { file: this.file } : { file: this.file, line }, hint);
    }
}
/**
 * Where `byte` is between start and end, or end. A plain loop: lcov lines are
 * short, and Buffer#indexOf costs more per call than it saves on them.
 */
function findByte(buffer, byte, start, end) {
    let index = start;
    while (index < end && buffer[index] !== byte)
        index += 1;
    return index;
}
function nextComma(buffer, start, end) {
    return findByte(buffer, lcov_COMMA, start, end);
}
/** Decimal digits between start and end as a number, or -1 if there are none or anything else. */
function readUint(buffer, start, end) {
    if (start >= end)
        return -1;
    let value = 0;
    for (let index = start; index < end; index++) {
        const byte = buffer[index];
        if (byte < ZERO || byte > NINE)
            return -1;
        value = value * 10 + (byte - ZERO);
    }
    return value;
}
/** A canonical decimal id ("7", not "07") as a number that fits an Int32Array, else -1. */
function readId(buffer, start, end) {
    if (buffer[start] === ZERO && end - start > 1)
        return -1;
    return end - start > 9 ? -1 : readUint(buffer, start, end);
}
/** Whether the bytes are `text`, for ASCII text; false (decode and compare) otherwise. */
function sameText(text, buffer, start, end) {
    if (text.length !== end - start)
        return false;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code >= 0x80 || code !== buffer[start + index])
            return false;
    }
    return true;
}
/** A bounded, printable piece of a bad line for an error message. */
function excerpt(buffer, start, end) {
    const text = buffer.toString('utf8', Math.max(0, start), Math.min(end, Math.max(0, start) + 80));
    return end - start > 80 ? `${text}\u2026` : text;
}

;// CONCATENATED MODULE: ./packages/coverage/src/read.ts







/**
 * Read a coverage report of any supported format from a file, streaming: the
 * format is detected from the content, and memory holds the parsed coverage,
 * not the file.
 */
async function readCoverageReport(path, shown = path) {
    return parseCoverageReport(await openReportFile(path, shown), shown);
}
/**
 * Parse report content whose format is detected from its first bytes.
 * `file` names it in errors and in the report's `sources`.
 */
async function parseCoverageReport(input, file) {
    const peeked = await peek(toChunks(input));
    const { head, chunks } = peeked;
    const family = detectFamily(head);
    if (family === 'empty' || family === undefined)
        await peeked.close();
    switch (family) {
        case 'lcov':
            return parseLcov(chunks, file);
        case 'json':
            return parseIstanbulJson(chunks, file);
        case 'xml':
            return parseCoverageXml(chunks, file);
        case 'empty':
            throw new src/* ConfigurationError */.j1('the coverage report is empty', { file }, 'the test run may have failed before writing it; check the step that runs the tests');
        case undefined:
            throw new src/* ConfigurationError */.j1('not a coverage report roadstop can read', { file, line: 1 }, 'expected lcov (lcov.info), istanbul JSON (coverage-final.json, coverage-summary.json), Cobertura XML or Clover XML');
    }
}
const LCOV_FIRST_LINE = /^(?:TN|SF|VER|FN|FNDA|FNF|FNH|FNL|FNA|DA|LF|LH|BRDA|BRF|BRH):|^end_of_record$/;
/**
 * Which family a report belongs to, from its first bytes (never its name:
 * CI artifacts get renamed). Undefined when it is none of them; `empty` when
 * there is nothing but whitespace.
 */
function detectFamily(head) {
    let start = 0;
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
        start = 3;
    while (start < head.length && (head[start] === 0x20 || head[start] === 0x0a || head[start] === 0x0d || head[start] === 0x09))
        start += 1;
    if (start >= head.length)
        return 'empty';
    const first = head[start];
    if (first === 0x3c)
        return 'xml';
    if (first === 0x7b)
        return 'json';
    let end = start;
    while (end < head.length && head[end] !== 0x0a && head[end] !== 0x0d)
        end += 1;
    const firstLine = Buffer.from(head.buffer, head.byteOffset + start, end - start).toString('utf8');
    return LCOV_FIRST_LINE.test(firstLine) ? 'lcov' : undefined;
}
const NEITHER_HINT = 'roadstop reads Cobertura (coverage.py xml, istanbul cobertura) and Clover (istanbul clover, OpenClover) XML';
/**
 * Cobertura or Clover XML, told apart by content: both have a `<coverage>`
 * root, Clover's with a `clover` attribute and a `<project>` child,
 * Cobertura's with rate attributes and `<sources>`/`<packages>` children.
 */
async function parseCoverageXml(chunks, file) {
    let dialect;
    let pendingRoot;
    // The root may not say which dialect it is; then its first child does.
    const pick = (name, attributes, parent, line) => {
        if (parent === '') {
            if (name !== 'coverage') {
                throw new src/* ConfigurationError */.j1(`XML is neither Cobertura nor Clover: its root element is <${name}>, not <coverage>`, { file, line }, NEITHER_HINT);
            }
            if ('clover' in attributes)
                return new CloverHandler(file);
            if ('line-rate' in attributes || 'lines-valid' in attributes)
                return new CoberturaHandler(file);
            pendingRoot = { attributes, line };
            return undefined;
        }
        if (name === 'project')
            return new CloverHandler(file);
        if (name === 'sources' || name === 'packages')
            return new CoberturaHandler(file);
        throw new src/* ConfigurationError */.j1(`XML is neither Cobertura nor Clover: <coverage> starts with <${name}>`, { file, line }, NEITHER_HINT);
    };
    const dispatch = {
        open(name, attributes, parent, line) {
            if (dialect === undefined) {
                const chosen = pick(name, attributes, parent, line);
                if (chosen === undefined)
                    return;
                if (pendingRoot)
                    chosen.open('coverage', pendingRoot.attributes, '', pendingRoot.line);
                pendingRoot = undefined;
                dialect = chosen;
            }
            dialect.open(name, attributes, parent, line);
        },
        close(name) {
            dialect?.close(name);
        },
        text(text) {
            dialect?.text(text);
        },
    };
    await parseXml(chunks, file, dispatch);
    if (dialect === undefined) {
        throw new src/* ConfigurationError */.j1('XML is neither Cobertura nor Clover: <coverage> is empty', { file }, NEITHER_HINT);
    }
    return dialect.finish();
}

;// CONCATENATED MODULE: ./packages/coverage/src/gate.ts








/** Below this share of the baseline's files, a report is incomplete, not a drop. */
const INCOMPLETE_SHARE = 0.5;
const round = (value) => Math.round(value * 100) / 100;
/** Read, map and merge the reports; measure them against thresholds, changed lines and the baseline. */
async function runCoverageGate(options, context) {
    const messages = [...(context.messages ?? [])];
    const { report, reportFiles, unmatchedPaths } = await loadReports(options, context.repositoryFiles, messages);
    const totals = (0,model/* reportTotals */.qC)(report);
    const carried = new Set((0,model/* carriedMetrics */.wO)(report));
    refuseEmptyMeasure(report, totals, carried, options, reportFiles);
    const patch = measurePatch(report, context.changes);
    const checks = [
        ...judgeThresholds(report, totals, carried, options),
        ...judgePatch(patch, context.changes, options, messages),
        ...judgeDrops(report, totals, carried, options, context.baseline, messages),
    ];
    for (const check of checks) {
        if (check.status === 'fail')
            messages.push({ level: 'error', title: `Coverage: ${check.name}`, text: check.message ?? check.name });
    }
    const metrics = resultMetrics(report, totals, carried, patch, { 'report-files': reportFiles.length, 'files-unmatched': unmatchedPaths });
    const result = (0,src/* createResult */.kF)({
        gate: gate_options/* GATE */.k6,
        status: checks.length === 0 ? 'pass' : (0,src/* worstStatus */.A4)(checks.map((check) => check.status), 'pass'),
        headline: headline(checks, metrics, carried),
        ...(context.commit ? { commit: context.commit } : {}),
        ...(context.ref ? { ref: context.ref } : {}),
        metrics,
        checks,
        items: buildItems(report, carried, patch),
        messages,
        ...(context.baseline ? { baseline: context.baseline.info } : {}),
        settings: { format: report.format, ...(options.preset ? { preset: options.preset } : {}) },
    });
    (0,src/* applyFailOn */.m3)(result, options.failOn);
    return result;
}
/** The whole project's thresholds, every file's, and each path glob's (its files taken together). */
function judgeThresholds(report, totals, carried, options) {
    const checks = [];
    for (const metric of model/* METRICS */.Cb) {
        const threshold = options.thresholds[metric];
        if (threshold !== undefined)
            checks.push(judgeThreshold(metric, metric, totals[metric], threshold, carried.has(metric)));
    }
    checks.push(...judgePerFile(report, options.perFile, carried));
    for (const { pattern, thresholds } of options.paths) {
        const files = [...report.files.values()].filter((file) => (0,external_node_path_.matchesGlob)(file.path, pattern));
        for (const [metric, threshold] of Object.entries(thresholds)) {
            const ratio = sumRatios(files.map((file) => file.totals[metric]));
            const check = judgeThreshold(`${pattern} ${metric}`, metric, ratio, threshold, carried.has(metric));
            if (files.length === 0)
                Object.assign(check, { status: 'skipped', message: `no file of the report matches ${pattern}` });
            checks.push(check);
        }
    }
    return checks;
}
/**
 * The changed lines' coverage against min-patch, with an annotation per
 * uncovered range; or, when the changed lines are unknown, why (an error when
 * the user named the base, since skipping would turn min-patch green).
 */
function judgePatch(patch, changes, options, messages) {
    if (patch) {
        annotateUncovered(patch, options.maxAnnotations, messages);
        return [patchCheck(patch, options.minPatch)];
    }
    if (!changes || !('unavailable' in changes))
        return [];
    if (options.base !== undefined) {
        // Asked for by name: skipping it would turn min-patch into a notice and a green step.
        throw new src/* ConfigurationError */.j1(`the base '${options.base}' cannot be used for the changed lines: ${changes.unavailable}`, options.baseOrigin ?? { input: 'base' }, 'name a commit or branch this checkout has or can fetch (e.g. origin/main, with actions/checkout fetch-depth: 0)');
    }
    const text = `changed lines unknown: ${changes.unavailable}`;
    messages.push({ level: 'notice', text });
    return options.minPatch === undefined ? [] : [{ name: 'patch', status: 'skipped', value: 0, unit: 'percent', limit: options.minPatch, limitText: `\u2265 ${options.minPatch}%`, message: text }];
}
function patchCheck(patch, minPatch) {
    const check = {
        name: 'patch',
        status: 'pass',
        value: (0,model/* percent */.KN)(patch.ratio),
        unit: 'percent',
        details: { covered: patch.ratio.covered, coverable: patch.ratio.total, via: patch.via, base: patch.base },
        ...(minPatch === undefined ? {} : { limit: minPatch, limitText: `\u2265 ${minPatch}%` }),
    };
    if (patch.ratio.total === 0) {
        check.status = 'skipped';
        check.message = 'no changed line is a line the report can cover';
    }
    else {
        const below = minPatch !== undefined && check.value < minPatch;
        check.status = below ? 'fail' : 'pass';
        check.message = `${patch.ratio.covered} of ${patch.ratio.total} changed lines covered (${check.value}%)${below ? `, below ${minPatch}%` : ''}`;
    }
    return check;
}
/** A warning on each uncovered range of changed lines, up to `limit`, and a notice of how many more. */
function annotateUncovered(patch, limit, messages) {
    let annotated = 0;
    for (const [path, ranges] of patch.uncovered) {
        for (const [start, end] of ranges) {
            if (annotated++ >= limit)
                break;
            messages.push({
                level: 'warning',
                title: 'Not covered by tests',
                file: path,
                line: start,
                text: start === end ? `changed line ${start} is not covered by tests` : `changed lines ${start}-${end} are not covered by tests`,
            });
        }
    }
    const total = [...patch.uncovered.values()].reduce((sum, ranges) => sum + ranges.length, 0);
    if (total > limit)
        messages.push({ level: 'notice', text: `${total - limit} more uncovered ranges of changed lines are listed in the job summary` });
}
/** Each carried metric against the baseline's, within max-drop; a report of far fewer files than the base's is warned of, not judged. */
function judgeDrops(report, totals, carried, options, baseline, messages) {
    const baselineFiles = baseline?.result.metrics.files;
    const incomplete = baselineFiles !== undefined && report.files.size < baselineFiles * INCOMPLETE_SHARE;
    if (incomplete) {
        messages.push({
            level: 'warning',
            title: 'Incomplete report',
            text: `incomplete report: it covers ${report.files.size} files where the base covered ${baselineFiles}; drops against the base are not judged (a missing shard or test job?)`,
        });
    }
    const maxDrop = options.maxDrop;
    if (maxDrop === undefined)
        return [];
    if (!baseline) {
        messages.push((0,src/* notJudgedWithoutBaseline */.CZ)('max-drop needs a baseline; none was found, so drops are not judged'));
        return [];
    }
    const checks = [];
    for (const metric of carried) {
        const before = baseline.result.metrics[metric];
        if (before === undefined)
            continue;
        const now = (0,model/* percent */.KN)(totals[metric]);
        const drop = round(before - now);
        const check = { name: `${metric} vs base`, status: 'pass', value: now, baseline: before, limit: round(before - maxDrop), limitText: `drop \u2264 ${maxDrop}%`, unit: 'percent' };
        if (incomplete) {
            check.status = 'warn';
            check.message = `${metric}: incomplete report, drop not judged`;
        }
        else if (drop > maxDrop) {
            check.status = 'fail';
            check.message = `${metric} coverage dropped by ${drop} points against the base (${before}% \u2192 ${now}%), more than the ${maxDrop} allowed`;
        }
        else {
            check.message = `${metric} ${now}% against ${before}% on the base`;
        }
        checks.push(check);
    }
    return checks;
}
/** The result's figures: files, each carried metric (percent, covered, total) and the patch's. */
function resultMetrics(report, totals, carried, patch, counts) {
    const metrics = { files: report.files.size, ...counts };
    for (const metric of carried)
        putRatio(metrics, metric, totals[metric]);
    if (patch && patch.ratio.total > 0)
        putRatio(metrics, 'patch', patch.ratio);
    return metrics;
}
/** A figure as its percentage, `<name>-covered` and `<name>-total`. */
function putRatio(into, name, ratio) {
    into[name] = (0,model/* percent */.KN)(ratio);
    into[`${name}-covered`] = ratio.covered;
    into[`${name}-total`] = ratio.total;
}
async function loadReports(options, repositoryFiles, messages) {
    const selection = await (0,src/* selectFiles */.AL)(options.workspace, options.files, options.filesOrigin);
    const reportFiles = selection.files;
    const skipped = (0,src/* describeSkippedLinks */.j5)(selection);
    if (reportFiles.length === 0) {
        throw new src/* ConfigurationError */.j1(`no coverage report matches ${options.files.map((glob) => `'${glob}'`).join(', ')} in ${options.workspace}${skipped ? `; ${skipped}` : ''}`, options.filesOrigin, 'run the tests with coverage first, or fix the path');
    }
    if (skipped)
        messages.push({ level: 'warning', title: 'Coverage reports', text: skipped });
    const mapped = [];
    let unmatchedPaths = 0;
    const unmatched = [];
    const ambiguous = [];
    for (const file of reportFiles) {
        const parsed = await readCoverageReport((0,external_node_path_.join)(options.workspace, file), file);
        const mapping = mapReportPaths(parsed.files.keys(), repositoryFiles, { roots: [...options.roots, ...(parsed.sourceRoots ?? [])] });
        unmatchedPaths += mapping.unmatched.length + mapping.ambiguous.length;
        unmatched.push(...mapping.unmatched.slice(0, 3));
        ambiguous.push(...mapping.ambiguous.slice(0, 3));
        for (const line of describePathMapping(mapping))
            messages.push({ level: 'warning', title: 'Coverage paths', text: `${file}: ${line}` });
        const remapped = remapReport(parsed, mapping);
        const beyond = dropLinesBeyondEnd(remapped, options.workspace);
        if (beyond.example) {
            const { path, line, length } = beyond.example;
            messages.push({
                level: 'warning',
                title: 'Coverage report',
                text: `${file}: ${beyond.lines} line record${beyond.lines === 1 ? '' : 's'} beyond the end of ${beyond.lines === 1 ? 'its file' : 'their files'} not counted (e.g. ${(0,src/* escapeControlCharacters */.F7)(path)} line ${line}, which has ${length} lines): the report is stale or not of this checkout`,
            });
        }
        mapped.push(remapped);
    }
    const matched = mapped.reduce((sum, report) => sum + report.files.size, 0);
    if (matched === 0) {
        throw new src/* ConfigurationError */.j1(`no path in the coverage report${reportFiles.length > 1 ? 's' : ''} matches a single file of the repository (${unmatchedPaths} path${unmatchedPaths === 1 ? '' : 's'}): ${describeNoMatch(unmatched, ambiguous)}`, { ...options.filesOrigin, file: reportFiles[0] }, ambiguous.length > 0 && unmatched.length === 0
            ? 'list the folder the tool ran in under coverage-gate.roots, so each path is read from there'
            : 'run the tests in this checkout, or list the folder the tool ran in under coverage-gate.roots');
    }
    if (mapped.length === 1)
        return { report: mapped[0], reportFiles, unmatchedPaths };
    const merged = mergeReports(mapped);
    for (const notice of merged.notices)
        messages.push({ level: 'notice', text: notice });
    return { report: merged.report, reportFiles, unmatchedPaths };
}
/** What the paths that matched nothing were: none of the files, or several equally well. */
function describeNoMatch(unmatched, ambiguous) {
    const parts = [];
    if (unmatched.length > 0)
        parts.push(`${unmatched.length === 1 ? `'${unmatched[0]}' matches` : `${unmatched.slice(0, 3).map((path) => `'${path}'`).join(', ')}${unmatched.length > 3 ? ', \u2026' : ''} match`} no file`);
    if (ambiguous.length > 0) {
        const shown = ambiguous.slice(0, 3).map(({ path, candidates }) => `'${path}' (${candidates.slice(0, 3).join(', ')}${candidates.length > 3 ? ', \u2026' : ''})`);
        parts.push(`${shown.join(', ')}${ambiguous.length > 3 ? ', \u2026' : ''} ${ambiguous.length === 1 ? 'is' : 'are'} ambiguous: ${ambiguous.length === 1 ? 'it matches' : 'each matches'} several files equally well`);
    }
    return parts.join('; ') || 'the report lists no file';
}
/**
 * A report that lists files but measures nothing in them is refused: 0 of 0
 * is not 100%. (A single metric with nothing measured, e.g. no function in a
 * folder, is a check skipped as "not judged", see judgeThreshold.)
 */
function refuseEmptyMeasure(report, totals, carried, options, reportFiles) {
    const where = { ...options.filesOrigin, file: reportFiles[0] };
    const hint = 'check that the tests ran with coverage on the sources and that the report lists their lines';
    const reports = `the coverage report${reportFiles.length > 1 ? 's' : ''}`;
    if (carried.size > 0 && [...carried].every((metric) => totals[metric].total === 0)) {
        throw new src/* ConfigurationError */.j1(`${reports} list${reportFiles.length > 1 ? '' : 's'} ${report.files.size} file${report.files.size === 1 ? '' : 's'} but measure${reportFiles.length > 1 ? '' : 's'} nothing in ${report.files.size === 1 ? 'it' : 'them'} (0 of 0 ${[...carried].join(', ')})`, where, hint);
    }
}
function judgeThreshold(name, metric, ratio, threshold, carried) {
    const value = (0,model/* percent */.KN)(ratio);
    const check = { name, status: 'pass', value, limit: threshold, limitText: `\u2265 ${threshold}%`, unit: 'percent', details: { covered: ratio.covered, total: ratio.total } };
    if (!carried) {
        return { ...check, status: 'skipped', value: 0, message: `the report carries no ${metric} coverage` };
    }
    if (ratio.total === 0) {
        return { ...check, status: 'skipped', value: 0, message: `${name}: nothing measured (0 of 0), not judged` };
    }
    if (value < threshold) {
        check.status = 'fail';
        check.message = `${name} coverage is ${value}% (${ratio.covered}/${ratio.total}), below ${threshold}%`;
    }
    else {
        check.message = `${name} coverage is ${value}% (${ratio.covered}/${ratio.total})`;
    }
    return check;
}
function judgePerFile(report, thresholds, carried) {
    const checks = [];
    for (const [metric, threshold] of Object.entries(thresholds)) {
        if (!carried.has(metric)) {
            checks.push({ name: `per-file ${metric}`, status: 'skipped', value: 0, unit: 'count', message: `the report carries no ${metric} coverage` });
            continue;
        }
        const measured = [...report.files.values()].filter((file) => file.totals[metric].total > 0);
        const below = measured
            .filter((file) => (0,model/* percent */.KN)(file.totals[metric]) < threshold)
            .sort((a, b) => (0,model/* percent */.KN)(a.totals[metric]) - (0,model/* percent */.KN)(b.totals[metric]));
        const shown = below.slice(0, 5).map((file) => `${file.path} ${(0,model/* percent */.KN)(file.totals[metric])}%`);
        checks.push({
            name: `per-file ${metric}`,
            status: below.length > 0 ? 'fail' : 'pass',
            value: below.length,
            limit: 0,
            unit: 'count',
            limitText: `every file \u2265 ${threshold}%`,
            // What the value counts, so renderers print `files under 30%: 0 of 12`, not a bare 0.
            details: { counting: `files under ${threshold}%`, of: measured.length },
            message: below.length > 0
                ? `${below.length} file${below.length === 1 ? '' : 's'} below ${threshold}% ${metric}: ${shown.join(', ')}${below.length > 5 ? ', \u2026' : ''}`
                : `every file has at least ${threshold}% ${metric}`,
        });
    }
    return checks;
}
function measurePatch(report, changes) {
    if (!changes || 'unavailable' in changes)
        return undefined;
    const ratio = { covered: 0, total: 0 };
    const files = new Map();
    const uncovered = new Map();
    for (const [path, lines] of changes.lines) {
        const file = report.files.get(path);
        if (!file)
            continue;
        const own = { covered: 0, total: 0 };
        const missed = [];
        for (const line of [...lines].sort((a, b) => a - b)) {
            const hits = file.lines.get(line);
            if (hits === undefined)
                continue;
            own.total++;
            if (hits > 0)
                own.covered++;
            else
                missed.push(line);
        }
        if (own.total === 0)
            continue;
        files.set(path, own);
        ratio.covered += own.covered;
        ratio.total += own.total;
        if (missed.length > 0)
            uncovered.set(path, toRanges(missed));
    }
    return { ratio, via: changes.via, base: changes.base, files, uncovered };
}
/** [3,4,5,9] \u2192 [[3,5],[9,9]] */
function toRanges(lines) {
    const ranges = [];
    for (const line of lines) {
        const last = ranges.at(-1);
        if (last && line === last[1] + 1)
            last[1] = line;
        else
            ranges.push([line, line]);
    }
    return ranges;
}
function sumRatios(ratios) {
    return ratios.reduce((sum, ratio) => ({ covered: sum.covered + ratio.covered, total: sum.total + ratio.total }), { covered: 0, total: 0 });
}
function buildItems(report, carried, patch) {
    return [...report.files.values()]
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((file) => {
        const item = { id: file.path };
        for (const metric of carried)
            putRatio(item, metric, file.totals[metric]);
        const own = patch?.files.get(file.path);
        if (own) {
            item['patch-covered'] = own.covered;
            item['patch-total'] = own.total;
            const missed = patch?.uncovered.get(file.path);
            if (missed)
                item['uncovered-changed'] = missed.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`)).join(', ');
        }
        return item;
    });
}
function headline(checks, metrics, carried) {
    const failing = checks.filter((check) => check.status === 'fail');
    if (failing.length > 0) {
        const first = failing[0];
        const value = first.unit === 'percent' ? `${first.value}%` : String(first.value);
        return `${failing.length} of ${checks.length} coverage check${checks.length === 1 ? '' : 's'} failed \u00b7 ${first.name} ${value}${first.limitText ? ` (${first.limitText})` : ''}`;
    }
    const parts = [];
    const lead = carried.has('lines') ? 'lines' : [...carried][0];
    if (lead)
        parts.push(`${lead} ${metrics[lead]}%`);
    if (metrics.patch !== undefined)
        parts.push(`patch ${metrics.patch}%`);
    const warned = checks.filter((check) => check.status === 'warn').length;
    return `${warned > 0 ? `${warned} warning${warned === 1 ? '' : 's'}` : 'coverage ok'} \u00b7 ${parts.join(' \u00b7 ') || 'no metric'}`;
}


/***/ })

};
