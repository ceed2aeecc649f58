export const id = 523;
export const ids = [523];
export const modules = {

/***/ 56523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runResolvedGate: () => (/* binding */ runResolvedGate)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
// EXTERNAL MODULE: ./packages/github/src/errors.ts
var errors = __webpack_require__(73570);
// EXTERNAL MODULE: ./packages/github/src/network-budget.ts
var network_budget = __webpack_require__(1409);
// EXTERNAL MODULE: ./packages/github/src/retry-policy.ts
var retry_policy = __webpack_require__(42610);
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











// EXTERNAL MODULE: ./packages/action/src/io.ts
var src_io = __webpack_require__(88178);
;// CONCATENATED MODULE: ./packages/action/src/gate-run.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.






/**
 * The rest of one gate's step once its config and options are read
 * (gate-step.ts runGateInStep): report path, baseline, run, result file,
 * outputs, annotations, summary and the baseline upload.
 */
async function runResolvedGate(gate, inputs, resolved) {
    const { options, context, workspace, masked, outputPrefix } = resolved;
    const temp = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    // A report written over the baseline it is compared with would destroy the baseline: refused.
    const baselineFile = options.baseline.kind === 'file' ? { baseline: (0,external_node_path_.resolve)(workspace, options.baseline.path) } : {};
    const reportPath = await (0,src/* prepareReportPath */.tk)(inputs.report, { workspace, gate: gate.name, temp, ...baselineFile });
    const acquired = await acquireBaseline(options.baseline, {
        gate: gate.name,
        ranges: gate.resultRanges,
        context,
        token: inputs.token,
        artifactName: inputs.artifactName,
        workspace,
        temp: (0,external_node_path_.join)(temp, `roadstop-baseline-${gate.name}`),
        log: src_io/* info */.pq,
    });
    const scratch = (0,external_node_path_.join)(temp, 'roadstop', gate.name);
    await external_node_fs_.promises.mkdir(scratch, { recursive: true });
    const secrets = inputs.token ? [inputs.token, ...masked] : masked;
    const env = {
        where: 'action',
        workspace,
        scratch,
        ...(acquired.baseline ? { baseline: acquired.baseline } : {}),
        messages: acquired.messages,
        ...(context.sha ? { commit: context.sha } : {}),
        ...(context.ref ? { ref: context.ref } : {}),
        log: src_io/* info */.pq,
        changes: (base) => acquireChanges({ workspace, context, token: inputs.token, log: src_io/* info */.pq, ...(base ? { base } : {}) }),
        uploadArtifact: async (name, files, root) => {
            const [first, ...rest] = files;
            // upload: never means nothing of the step's leaves the runner, reports included.
            if (!first || inputs.upload === 'never')
                return undefined;
            const uploaded = await uploadResultArtifact({ name, file: first, files: rest, root });
            return uploaded.uploaded ? `uploaded ${files.length} file${files.length === 1 ? '' : 's'} as artifact '${name}' (id ${uploaded.id})` : uploaded.reason;
        },
        artifactName: inputs.artifactName,
        secrets,
    };
    const result = (0,src/* redactSecrets */.fp)(await gate.run(options, env), secrets);
    await (0,src/* writeResult */.Zk)(reportPath, result);
    const io = (0,src_io/* coreIo */.I0)((0,src_io/* stepPrefix */.VN)(gate));
    const outputs = { status: result.status, report: reportPath, ...gate.outputValues(result) };
    for (const [name, value] of Object.entries(outputs))
        io.output(`${outputPrefix}${name}`, value === undefined ? '' : String(value));
    for (const message of result.messages) {
        io.annotate(message.file && (0,external_node_path_.isAbsolute)(message.file) ? { ...message, file: (0,external_node_path_.relative)(workspace, message.file) } : message);
    }
    await io.summary(gate.renderMarkdown(result));
    // The result is written and stands: a failed upload (quota, a name taken) is a warning, not the step's end.
    try {
        const published = await publishBaseline({ mode: inputs.upload, context, artifactName: inputs.artifactName, reportPath });
        if (published)
            io.notice(published);
    }
    catch (error) {
        io.annotate({ level: 'warning', title: 'Baseline', text: `the result was not uploaded as the baseline artifact: ${error.message}` });
    }
    return { status: result.status, report: reportPath, headline: result.headline, blocking: (0,src/* isBlocking */.Us)(result, options.failOn) };
}


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


/***/ })

};
