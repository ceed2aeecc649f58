export const id = 361;
export const ids = [361];
export const modules = {

/***/ 42361:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/src/index.ts + 16 modules
var src = __webpack_require__(44015);
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
    octokit;
    query;
    maxPages;
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
    constructor(octokit, query, maxPages = MAX_FILTERED_PAGES) {
        this.octokit = octokit;
        this.query = query;
        this.maxPages = maxPages;
    }
    /** Exact: every successful run of the workflow on the branch for this commit, newest first. */
    async forHeadSha(sha) {
        const { owner, repo, workflow, branch } = this.query;
        try {
            const { data } = await this.octokit.rest.actions.listWorkflowRuns({
                owner,
                repo,
                workflow_id: workflow,
                branch,
                head_sha: sha,
                status: 'success',
                per_page: PER_PAGE,
            });
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
        const { owner, repo, workflow, branch } = this.query;
        const iterator = this.octokit.paginate.iterator(this.octokit.rest.actions.listWorkflowRuns, {
            owner,
            repo,
            workflow_id: workflow,
            branch,
            status: 'success',
            per_page: PER_PAGE,
        });
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


// Re-exported: callers reach for it together with findBaselineRun.

function isBaselineFound(lookup) {
    return !('notFound' in lookup);
}
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





let artifactModule;
function loadArtifactModule() {
    artifactModule ??= Promise.all(/* import() */[__webpack_require__.e(579), __webpack_require__.e(65)]).then(__webpack_require__.bind(__webpack_require__, 99065));
    return artifactModule;
}
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
        const response = await fetch(url, { signal: AbortSignal.any([timeout, ...(budget ? [budget.signal] : [])]) });
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
    const { DefaultArtifactClient } = await loadArtifactModule();
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
 * this gate (an error otherwise); `auto` looks for the artifact of the run for
 * the pull request's merge base, and anything short of finding it is a notice.
 */
async function acquireBaseline(spec, options) {
    if (spec.kind === 'none')
        return { messages: [] };
    if (spec.kind === 'file') {
        return { baseline: await (0,src/* readBaselineFile */.s$)(spec.path, { workspace: options.workspace, gate: options.gate, origin: spec.origin }), messages: [] };
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
        const result = await (0,src/* readResult */.Uv)(file, { gate: options.gate });
        const where = found.commitsBack === 0 ? 'the merge base' : `${found.commitsBack} commit${found.commitsBack === 1 ? '' : 's'} before the merge base`;
        return {
            baseline: { result, info: { source: 'artifact', commit: found.runHeadSha, runId: found.runId, createdAt: result.createdAt } },
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

;// CONCATENATED MODULE: ./packages/github/src/gate-step.ts




/** The first half every gate step shares: where the report goes, and the baseline. */
async function startGateStep(options) {
    const context = (0,src/* readRunnerContext */.gi)();
    const workspace = options.workspace ?? (0,external_node_path_.resolve)(context.workspace);
    const temp = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    // A report written over the baseline it is compared with would destroy the baseline: refused.
    const baseline = options.baseline.kind === 'file' ? { baseline: (0,external_node_path_.resolve)(workspace, options.baseline.path) } : {};
    const reportPath = await (0,src/* prepareReportPath */.tk)(options.report, { workspace, gate: options.gate, temp, ...baseline });
    const acquired = await acquireBaseline(options.baseline, {
        gate: options.gate,
        context,
        token: options.token,
        artifactName: options.artifactName,
        workspace,
        temp: (0,external_node_path_.join)(temp, `roadstop-baseline-${options.gate}`),
        ...(options.log ? { log: options.log } : {}),
    });
    return { context, workspace, reportPath, acquired };
}
/**
 * The second half: write the result, set `status`, `report` and the gate's own
 * outputs (prefixed when the root action runs several gates), annotate, write
 * the job summary, and publish the baseline on default-branch pushes.
 */
async function finishGateStep(result, options) {
    const { start, io } = options;
    await (0,src/* writeResult */.Zk)(start.reportPath, result);
    const prefix = options.outputPrefix ?? '';
    io.output(`${prefix}status`, result.status);
    io.output(`${prefix}report`, start.reportPath);
    for (const [name, value] of Object.entries(options.outputs))
        io.output(`${prefix}${name}`, value === undefined ? '' : String(value));
    for (const message of result.messages) {
        io.annotate(message.file && (0,external_node_path_.isAbsolute)(message.file) ? { ...message, file: (0,external_node_path_.relative)(start.workspace, message.file) } : message);
    }
    await io.summary(options.markdown);
    const published = await publishBaseline({ mode: options.upload, context: start.context, artifactName: options.artifactName, reportPath: start.reportPath });
    if (published)
        io.notice(published);
}

;// CONCATENATED MODULE: ./packages/git/src/diff.ts
const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
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

;// CONCATENATED MODULE: ./packages/git/src/repo.ts


// child_process is loaded on the first git command, not with every step that bundles this package.
function exec(file, args, options) {
    const { execFile } = process.getBuiltinModule('node:child_process');
    const { promisify } = process.getBuiltinModule('node:util');
    return promisify(execFile)(file, args, { ...options, encoding: 'utf8' });
}
class GitError extends Error {
    args;
    stderr;
    code;
    name = 'GitError';
    constructor(args, stderr, code) {
        super(`git ${args.join(' ')} failed${code !== undefined ? ` (${code})` : ''}: ${stderr.trim().split('\n').at(-1) ?? ''}`);
        this.args = args;
        this.stderr = stderr;
        this.code = code;
    }
}
/** Run git in `cwd`; never through a shell, so no argument is ever interpreted. */
async function git(cwd, args) {
    try {
        const { stdout } = await exec('git', args, { cwd, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
        return stdout;
    }
    catch (error) {
        const failure = error;
        if (failure.code === 'ENOENT')
            throw new src/* ConfigurationError */.j1('git is not installed or not on the PATH', {}, 'install git, or run in a checkout');
        throw new GitError(args, failure.stderr ?? String(error), failure.code);
    }
}
/** Every file git tracks, as repository-relative paths with forward slashes. */
async function lsFiles(cwd) {
    const out = await git(cwd, ['ls-files', '-z', '--full-name']);
    return out.split('\0').filter(Boolean);
}
async function isShallow(cwd) {
    return (await git(cwd, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}
async function hasCommit(cwd, sha) {
    try {
        await git(cwd, ['cat-file', '-e', `${sha}^{commit}`]);
        return true;
    }
    catch {
        return false;
    }
}
async function mergeBaseOf(cwd, a, b) {
    try {
        return (await git(cwd, ['merge-base', a, b])).trim() || undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The lines the change adds or modifies against its merge base with `base`.
 * A shallow checkout (actions/checkout's default depth 1) is deepened step by
 * step until the merge base is there, then unshallowed as a last resort.
 */
async function changedLines(options) {
    const { cwd, base } = options;
    const head = options.head ?? 'HEAD';
    const remote = options.remote ?? 'origin';
    const fetched = [];
    const fetch = async (args) => {
        if (remote === false)
            return false;
        try {
            await git(cwd, ['fetch', '--no-tags', '--quiet', remote, ...args]);
            fetched.push(args.join(' '));
            options.log?.(`git fetch ${args.join(' ')}`);
            return true;
        }
        catch (error) {
            options.log?.(`git fetch ${args.join(' ')}: ${error.message}`);
            return false;
        }
    };
    if (!(await hasCommit(cwd, base)))
        await fetch(['--depth=1', base]);
    if (!(await hasCommit(cwd, base))) {
        throw new GitError(['cat-file', '-e', base], `the base commit ${base} is not in the checkout and could not be fetched`, undefined);
    }
    let mergeBase = await mergeBaseOf(cwd, base, head);
    const steps = options.maxDeepen ?? 6;
    for (let step = 0; !mergeBase && step < steps && (await isShallow(cwd)); step++) {
        const by = (options.deepenBy ?? 50) * 2 ** step;
        if (!(await fetch([`--deepen=${by}`, base])))
            break;
        mergeBase = await mergeBaseOf(cwd, base, head);
    }
    if (!mergeBase && (await isShallow(cwd)) && (await fetch(['--unshallow'])))
        mergeBase = await mergeBaseOf(cwd, base, head);
    if (!mergeBase)
        throw new GitError(['merge-base', base, head], `no merge base between ${base} and ${head}`, undefined);
    const diff = await git(cwd, ['diff', '--no-color', '--no-ext-diff', '--unified=0', '--diff-filter=AMRC', '-M', '--src-prefix=a/', '--dst-prefix=b/', mergeBase, head, '--']);
    return { lines: parseUnifiedDiff(diff), mergeBase, fetched };
}
/**
 * The files of the repository: git's list, or, in a folder that is not a git
 * checkout (a downloaded artifact, a tarball), every file below it but
 * dependencies and build caches.
 */
async function repositoryFiles(cwd) {
    try {
        return await lsFiles(cwd);
    }
    catch {
        const { default: glob } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.t.bind(__webpack_require__, 25648, 23));
        return (await glob('**/*', { cwd, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
    }
}

;// CONCATENATED MODULE: ./packages/git/src/index.ts



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
        lines.set(file.filename, parsePatch(file.filename, file.patch));
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
        const found = await changedLines({ cwd: options.workspace, base, ...(options.log ? { log: options.log } : {}) });
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












;// CONCATENATED MODULE: ./packages/action/src/runner.ts


function runner_getInput(name) {
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
    writeOut(`::${command}${pairs.length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}${external_node_os_.EOL}`);
}
function commandProperties(properties) {
    return {
        title: properties.title,
        file: properties.file,
        line: properties.startLine,
        endLine: properties.endLine,
        col: properties.startColumn,
        endColumn: properties.endColumn,
    };
}
function annotate(level, message, properties = {}) {
    issueCommand(level, commandProperties(properties), message);
}
function runner_info(message) {
    writeOut(`${message}${external_node_os_.EOL}`);
}
function runner_debug(message) {
    issueCommand('debug', {}, message);
}
function runner_setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function setFailed(message) {
    process.exitCode = 1;
    annotate('error', message);
}
/** An output: the GITHUB_OUTPUT file with a random heredoc delimiter, or the old `set-output` command without one. */
function runner_setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT ?? '';
    if (!file) {
        writeOut(external_node_os_.EOL);
        issueCommand('set-output', { name }, toCommandValue(value));
        return;
    }
    const text = toCommandValue(value);
    const delimiter = heredocDelimiter(`${name}\n${text}`);
    appendFileCommand('OUTPUT', file, `${name}<<${delimiter}${external_node_os_.EOL}${text}${external_node_os_.EOL}${delimiter}`);
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
            written += (0,external_node_fs_.writeSync)(1, bytes, written);
    }
    catch (error) {
        if (error.code !== 'EAGAIN')
            throw error;
        throughStream = true;
        process.stdout.write(bytes.subarray(written));
    }
}
function appendFileCommand(command, file, message) {
    if (!(0,external_node_fs_.existsSync)(file))
        throw new Error(`Missing file at path: ${file} (GITHUB_${command})`);
    (0,external_node_fs_.appendFileSync)(file, `${message}${external_node_os_.EOL}`, { encoding: 'utf8' });
}
/** Append markdown to the job summary, as core.summary.addRaw(markdown, true).write() does. */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    (0,external_node_fs_.appendFileSync)(file, `${markdown}${external_node_os_.EOL}`, { encoding: 'utf8' });
}

;// CONCATENATED MODULE: ./packages/action/src/io.ts


/*
 * The one module through which every action speaks to the runner: inputs,
 * outputs, annotations, summary and failure (over runner.ts, the runner's
 * protocol as @actions/core writes it).
 */
const io_getInput = runner_getInput;
const io_info = runner_info;
const io_setOutput = (name, value) => runner_setOutput(name, value);
const io_fail = setFailed;
function io_setSecret(value) {
    if (value)
        runner_setSecret(value);
}
/**
 * Report an error once: the user's mistake as one `::error` on its file and
 * line (the exit code is set without a second annotation), a problem of the
 * runner's environment as such, anything else as a bug with its stack in the
 * debug log only.
 */
function io_reportError(prefix, error) {
    if ((0,src/* isConfigurationError */.p0)(error)) {
        const { file, line } = error.location;
        annotate('error', error.describe(), { title: prefix, ...(file ? { file } : {}), ...(line ? { startLine: line } : {}) });
        process.exitCode = 1;
        return;
    }
    if (!(0,src/* isEnvironmentError */.oz)(error))
        runner_debug(error instanceof Error && error.stack ? error.stack : String(error));
    setFailed(`${prefix}: ${(0,src/* describeFailure */.Ic)(error)}`);
}
/** The runner behind the interface the shared step code speaks. */
function io_coreIo(prefix) {
    return {
        output: io_setOutput,
        annotate: (message) => {
            annotate(message.level, message.text, {
                title: message.title ?? prefix,
                ...(message.file ? { file: message.file } : {}),
                ...(message.line ? { startLine: message.line } : {}),
            });
        },
        // The summary is a courtesy: a runner without a writable GITHUB_STEP_SUMMARY must not turn a verdict into an error.
        summary: (markdown) => {
            try {
                appendSummary(markdown);
            }
            catch (error) {
                annotate('warning', `the job summary was not written: ${describeSummaryProblem(error)}`, { title: prefix });
            }
            return Promise.resolve();
        },
        notice: (text) => annotate('notice', text, { title: prefix }),
    };
}
function describeSummaryProblem(error) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return 'GITHUB_STEP_SUMMARY is not set (this is not a GitHub Actions runner, or it is an old one)';
    return (0,src/* isEnvironmentError */.oz)(error) ? (0,src/* describeFailure */.Ic)(error) : error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./packages/action/src/gate-step.ts
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.






/** Every input of a gate's action.yml, in order: config, the gate's own, then the common step inputs. */
function actionInputNames(gate) {
    return ['config', ...gate.inputs, ...STEP_INPUTS];
}
/** Every output of a gate's action.yml. */
function actionOutputNames(gate) {
    return ['status', 'report', ...gate.outputs];
}
function stepPrefix(gate) {
    return `roadstop ${gate.name}`;
}
/**
 * A single-gate action's whole step: read the inputs once, mask the token,
 * run the gate, fail the step when it blocks; every error reported once,
 * never as a stack.
 */
async function runGateAction(gate) {
    const prefix = stepPrefix(gate);
    try {
        const inputs = (0,src/* readStepInputs */.Wn)(gate.inputs, io_getInput, `roadstop-${gate.name}`);
        io_setSecret(inputs.token);
        const outcome = await gate_step_runGateInStep(gate, inputs);
        if (outcome.blocking)
            io_fail(`${prefix}: ${outcome.headline}`);
    }
    catch (error) {
        io_reportError(prefix, error);
    }
}
/**
 * One gate inside a step: config, options, baseline, run, result file,
 * outputs (prefixed with `outputPrefix` when the root action runs several
 * gates), annotations, summary and the baseline upload.
 */
async function gate_step_runGateInStep(gate, inputs, outputPrefix = '') {
    const workspace = (0,external_node_path_.resolve)((0,src/* readRunnerContext */.gi)().workspace);
    const config = await (0,src/* loadConfig */.Z9)(inputs.config, { workspace, input: 'config' });
    const options = gate.resolveOptions(config.section(gate.name), inputs.gate, workspace);
    const start = await startGateStep({ gate: gate.name, report: inputs.report, token: inputs.token, artifactName: inputs.artifactName, baseline: options.baseline, workspace, log: io_info });
    const scratch = (0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'roadstop', gate.name);
    await external_node_fs_.promises.mkdir(scratch, { recursive: true });
    const secrets = inputs.token ? [inputs.token] : [];
    const env = {
        where: 'action',
        workspace,
        scratch,
        ...(start.acquired.baseline ? { baseline: start.acquired.baseline } : {}),
        messages: start.acquired.messages,
        ...(start.context.sha ? { commit: start.context.sha } : {}),
        ...(start.context.ref ? { ref: start.context.ref } : {}),
        log: io_info,
        changes: (base) => acquireChanges({ workspace, context: start.context, token: inputs.token, log: io_info, ...(base ? { base } : {}) }),
        uploadArtifact: async (name, files, root) => {
            const [first, ...rest] = files;
            if (!first)
                return undefined;
            const uploaded = await uploadResultArtifact({ name, file: first, files: rest, root });
            return uploaded.uploaded ? `uploaded ${files.length} file${files.length === 1 ? '' : 's'} as artifact '${name}' (id ${uploaded.id})` : uploaded.reason;
        },
        secrets,
    };
    const result = (0,src/* redactSecrets */.fp)(await gate.run(options, env), secrets);
    await finishGateStep(result, {
        start,
        io: io_coreIo(stepPrefix(gate)),
        markdown: gate.renderMarkdown(result),
        outputs: gate.outputValues(result),
        outputPrefix,
        upload: inputs.upload,
        artifactName: inputs.artifactName,
    });
    return { status: result.status, report: start.reportPath, headline: result.headline, blocking: (0,src/* isBlocking */.Us)(result, options.failOn) };
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
        const config = await loadConfig(configPath, { workspace, input: 'config' });
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

;// CONCATENATED MODULE: ./packages/action/src/step.ts


/**
 * Run a non-gate action's body with the runner's protocol; any error it
 * throws is reported once (a ConfigurationError on its input, file and line,
 * the runner's problems as such, anything else as a bug), never as a stack.
 */
async function runActionStep(name, body) {
    const prefix = `roadstop ${name}`;
    const io = coreIo(prefix);
    const step = {
        input: getInput,
        output: (output, value) => setOutput(output, value === undefined ? '' : String(value)),
        secret: setSecret,
        info,
        debug,
        annotate: (message) => io.annotate(message),
        summary: (markdown) => io.summary(markdown),
        fail: (text) => fail(`${prefix}: ${text}`),
    };
    try {
        await body(step);
    }
    catch (error) {
        reportError(prefix, error);
    }
}

;// CONCATENATED MODULE: ./packages/action/src/index.ts




;// CONCATENATED MODULE: ./packages/render/src/markdown.ts
const markdown_STATUS_ICON = { pass: '\u2705', warn: '\u26a0\ufe0f', fail: '\u274c', skipped: '\u23ed\ufe0f' };
/** Text safe inside a GitHub markdown table cell. */
function markdown_cell(text) {
    return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Text safe as inline code, whatever backticks it holds. */
function markdown_code(text) {
    const fence = '`'.repeat((text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0) + 1);
    return `${fence}${fence.length > 1 ? ' ' : ''}${text.replace(/\|/g, '\\|')}${fence.length > 1 ? ' ' : ''}${fence}`;
}
function markdown_table(headers, rows, align = []) {
    const rule = headers.map((_, index) => ({ left: ':---', right: '---:', center: ':---:' })[align[index] ?? 'left']);
    return [headers, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
/**
 * One gate's block: its parts apart by blank lines, and a blank line at the
 * end. GitHub reads markdown as CommonMark, where an HTML block (a closing
 * `</details>`) runs on to the next blank line: without one, the next gate's
 * `### heading`, appended to the same summary or comment, shows as raw text.
 */
function markdown_markdownBlock(parts) {
    return `${parts.filter((part) => part !== '').join('\n\n')}\n\n`;
}
function markdown_details(summary, body, open = false) {
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

;// CONCATENATED MODULE: ./packages/render/src/bundle-budget.ts


const LARGEST_FILES = 10;
const CHANGED_FILES = 20;
/** The compression the result's first budget uses: the one tables and charts show. */
function primaryCompression(result) {
    const first = result.checks[0]?.details?.compression;
    return first === 'brotli' || first === 'raw' ? first : 'gzip';
}
function sizeOfItem(item, compression, base = false) {
    const key = base ? `base-${compression}` : compression;
    const value = item[key];
    return typeof value === 'number' ? value : undefined;
}
function renderBundleBudgetMarkdown(result, options = {}) {
    const compression = primaryCompression(result);
    const parts = [];
    parts.push(`${options.heading ?? '###'} ${markdown_STATUS_ICON[result.status]} Bundle budget: ${result.status}`);
    parts.push(`**${markdown_cell(result.headline)}**`);
    parts.push(markdown_table(['Budget', 'Size', 'Limit', '\u0394 vs base', 'State'], result.checks.map((check) => [
        markdown_cell(check.name),
        `${(0,src/* formatBytes */.z3)(check.value)}${check.details?.compression && check.details.compression !== 'raw' ? ` (${String(check.details.compression)})` : ''}`,
        check.limitText ? markdown_cell(check.limitText) : '\u2014',
        check.baseline !== undefined ? (0,src/* formatDelta */.CW)(check.value - check.baseline, check.baseline) : '\u2014',
        `${markdown_STATUS_ICON[check.status]} ${check.status}`,
    ]), ['left', 'right', 'right', 'right', 'center']));
    const problems = result.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
    if (problems.length > 0)
        parts.push(problems.map((check) => `- ${markdown_STATUS_ICON[check.status]} ${markdown_cell(check.message ?? check.name)}`).join('\n'));
    const files = result.items.filter((item) => item.change !== 'removed');
    const largest = [...files].sort((a, b) => (sizeOfItem(b, compression) ?? 0) - (sizeOfItem(a, compression) ?? 0)).slice(0, LARGEST_FILES);
    if (options.chart !== false && largest.length > 1) {
        parts.push(mermaidBarChart(`Largest files (${compression})`, largest.map((item) => shortName(item.id)), largest.map((item) => (sizeOfItem(item, compression) ?? 0) / 1000), 'kB'));
    }
    const changes = renderChanges(result, compression);
    if (changes)
        parts.push(changes);
    parts.push(renderFooter(result));
    return markdown_markdownBlock(parts);
}
function renderChanges(result, compression) {
    if (!result.baseline)
        return undefined;
    const moved = result.items
        .filter((item) => item.change === 'added' || item.change === 'removed' || item.change === 'changed')
        .map((item) => {
        const now = sizeOfItem(item, compression) ?? 0;
        const before = sizeOfItem(item, compression, true) ?? 0;
        return { item, now, before, delta: (item.change === 'removed' ? 0 : now) - (item.change === 'added' ? 0 : before) };
    })
        .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.item.id.localeCompare(b.item.id));
    if (moved.length === 0)
        return `No file changed against the base (${result.baseline.commit ? markdown_code(result.baseline.commit.slice(0, 7)) : result.baseline.source}).`;
    const rows = moved.slice(0, CHANGED_FILES).map(({ item, now, before, delta }) => [
        markdown_code(item.id) + (item.base && item.base !== item.id ? ` \u2190 ${markdown_code(String(item.base))}` : ''),
        item.change === 'removed' ? '\u2014' : (0,src/* formatBytes */.z3)(now),
        item.change === 'added' ? 'new' : item.change === 'removed' ? 'removed' : (0,src/* formatDelta */.CW)(delta, before),
    ]);
    const more = moved.length > CHANGED_FILES ? `\n\n\u2026and ${moved.length - CHANGED_FILES} more changed files.` : '';
    return markdown_details(`${moved.length} file${moved.length === 1 ? '' : 's'} changed against the base (${compression})`, markdown_table(['File', 'Size', '\u0394'], rows, ['left', 'right', 'right']) + more);
}
function renderFooter(result) {
    const facts = [`${result.metrics.files ?? result.items.length} files`];
    if (result.metrics['total-gzip'] !== undefined)
        facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-gzip'])} gzip`);
    if (result.metrics['total-brotli'] !== undefined)
        facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-brotli'])} brotli`);
    facts.push(`${(0,src/* formatBytes */.z3)(result.metrics['total-raw'] ?? 0)} raw`);
    if (result.baseline)
        facts.push(`base: ${result.baseline.commit ? markdown_code(result.baseline.commit.slice(0, 7)) : markdown_cell(result.baseline.source)}`);
    if ((result.metrics.reused ?? 0) > 0)
        facts.push(`${result.metrics.reused} unchanged files not recompressed`);
    return `<sub>${facts.join(' \u00b7 ')}</sub>`;
}
function shortName(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return name.length > 40 ? `\u2026${name.slice(-39)}` : name;
}

;// CONCATENATED MODULE: ./packages/render/src/coverage-gate.ts


const METRICS = (/* unused pure expression or super */ null && (['lines', 'statements', 'functions', 'branches']));
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
    const notes = [...other.map((check) => `- ${STATUS_ICON[check.status]} ${cell(check.message ?? check.name)}`)];
    for (const message of result.messages.filter((entry) => entry.title === 'Incomplete report' || entry.title === 'Coverage paths'))
        notes.push(`- \u26a0\ufe0f ${cell(message.text)}`);
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

;// CONCATENATED MODULE: ./packages/render/src/figures.ts

/** A check's value in its unit, as the gates' own tables print it. */
function formatFigure(value, unit) {
    switch (unit) {
        case 'bytes':
            return formatBytes(value);
        case 'percent':
            return `${trim(value)}%`;
        case 'score':
            return trim(value);
        case 'ms':
            return `${trim(value)} ms`;
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
        return formatDelta(delta, base);
    const sign = delta > 0 ? '+' : delta < 0 ? '\u2212' : '\u00b1';
    const size = trim(Math.abs(delta));
    if (check.unit === 'percent')
        return `${sign}${size} pt`;
    if (check.unit === 'ms')
        return `${sign}${size} ms`;
    return `${sign}${size}`;
}
function trim(value) {
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

;// CONCATENATED MODULE: ./packages/render/src/result.ts

/**
 * Markdown for a result whose gate has no renderer of its own (a newer gate's
 * file read by an older build): the headline and a checks table. Each gate's
 * own renderer is named by its descriptor in the registry (packages/gates).
 */
function renderResultMarkdown(result) {
    const rows = result.checks.map((check) => [cell(check.name), String(check.value), check.limit !== undefined ? String(check.limit) : '\u2014', `${STATUS_ICON[check.status]} ${check.status}`]);
    return markdownBlock([`### ${STATUS_ICON[result.status]} ${result.gate}: ${result.status}`, `**${cell(result.headline)}**`, rows.length ? table(['Check', 'Value', 'Limit', 'State'], rows) : '']);
}

;// CONCATENATED MODULE: ./packages/render/src/check-text.ts
/**
 * A count that says what it counts, when the check tells (`details.counting`,
 * and `details.of` for the whole): `files under 30%: 0 of 12`, not a bare 0
 * a reader cannot place.
 */
function check_text_countText(check) {
    const counting = check.details?.counting;
    const of = check.details?.of;
    if (check.unit !== 'count' || typeof counting !== 'string')
        return undefined;
    return `${counting}: ${check.value}${typeof of === 'number' ? ` of ${of}` : ''}`;
}

;// CONCATENATED MODULE: ./packages/render/src/terminal.ts



const COLORS = { pass: 32, warn: 33, fail: 31, skipped: 90 };
const SYMBOL = { pass: '\u2714', warn: '!', fail: '\u2716', skipped: '-' };
/** The result as a person reads it in a terminal: a headline, a table, the problems. */
function renderResultTerminal(result, options) {
    const paint = (status, text) => (options.color ? `\u001b[${COLORS[status]}m${text}\u001b[39m` : text);
    const bold = (text) => (options.color ? `\u001b[1m${text}\u001b[22m` : text);
    const lines = [];
    lines.push(`${paint(result.status, `${SYMBOL[result.status]} ${result.gate}: ${result.status}`)}  ${bold(result.headline)}`, '');
    const rows = result.checks.map((check) => [
        check.name,
        // A skipped count counted nothing: a 0 there would read as a result.
        check.status === 'skipped' && check.unit === 'count' ? '\u2014' : (check_text_countText(check) ?? formatValue(check.value, check.unit, check.details?.compression)),
        check.limitText ?? (check.limit !== undefined ? formatValue(check.limit, check.unit) : '\u2014'),
        check.baseline !== undefined ? (check.unit === 'bytes' ? (0,src/* formatDelta */.CW)(check.value - check.baseline, check.baseline) : signed(check.value - check.baseline)) : '\u2014',
        check.status,
    ]);
    const headers = result.gate === 'bundle-budget' ? ['Budget', 'Size', 'Limit', '\u0394 vs base', 'State'] : ['Check', 'Value', 'Limit', '\u0394 vs base', 'State'];
    lines.push(...columns(headers, rows, (row, text) => (row ? paint(row[4], text) : text)));
    if (result.gate === 'bundle-budget' && (options.files ?? 10) > 0) {
        const compression = primaryCompression(result);
        const largest = result.items
            .filter((item) => item.change !== 'removed')
            .sort((a, b) => (sizeOfItem(b, compression) ?? 0) - (sizeOfItem(a, compression) ?? 0))
            .slice(0, options.files ?? 10);
        lines.push('', bold(`Largest files (${compression})`));
        lines.push(...columns(['File', 'Raw', compression, 'Change'], largest.map((item) => [item.id, (0,src/* formatBytes */.z3)(Number(item.raw)), (0,src/* formatBytes */.z3)(sizeOfItem(item, compression) ?? 0), String(item.change ?? '')])));
        const files = result.metrics.files ?? 0;
        lines.push('', `${files} files \u00b7 ${(0,src/* formatBytes */.z3)(result.metrics['total-raw'] ?? 0)} raw${result.metrics['total-gzip'] !== undefined ? ` \u00b7 ${(0,src/* formatBytes */.z3)(result.metrics['total-gzip'])} gzip` : ''}${result.metrics['total-brotli'] !== undefined ? ` \u00b7 ${(0,src/* formatBytes */.z3)(result.metrics['total-brotli'])} brotli` : ''}`);
    }
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
function width(text) {
    return [...text].length;
}
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
/** bundle-budget, as the registry, the edges and the renderers know it. */
const bundleBudgetGate = {
    name: options/* GATE */.k6,
    title: 'Bundle budget',
    summary: 'build output sizes against budgets and the base branch',
    inputs: options/* INPUT_NAMES */.Qh,
    outputs: ['total-raw', 'total-gzip', 'total-brotli'],
    resolveOptions: options/* resolveOptions */.$i,
    // The baseline may still be read while the workers start and the globs run.
    // Measuring is loaded when the gate runs: a step that stops at its options never parses it.
    run: async (options, env) => (await __webpack_require__.e(/* import() */ 149).then(__webpack_require__.bind(__webpack_require__, 52149))).runBundleBudget(options, env.baseline, { ...(env.commit ? { commit: env.commit } : {}), ...(env.ref ? { ref: env.ref } : {}), messages: env.messages }),
    outputValues: (result) => ({ 'total-raw': result.metrics['total-raw'], 'total-gzip': result.metrics['total-gzip'], 'total-brotli': result.metrics['total-brotli'] }),
    renderMarkdown: (result) => renderBundleBudgetMarkdown(result),
    renderTerminal: (result, options) => renderResultTerminal(result, options),
    cli: { help: BUNDLE_BUDGET_HELP, positional: 'path', repeatable: ['path'], flags: ['allow-empty'] },
};

;// CONCATENATED MODULE: ./actions/bundle-budget/src/main.ts


const run = () => runGateAction(bundleBudgetGate);


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ resolveOptions),
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   k6: () => (/* binding */ GATE)
/* harmony export */ });
/* unused harmony export COMPRESSIONS */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44015);

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
const SECTION_KEYS = ['budgets', 'total', 'compression', 'max-increase', 'gzip-level', 'brotli-quality', 'baseline', 'fail-on', 'allow-empty', 'artifact-name'];
const BUDGET_KEYS = ['name', 'path', 'max', 'warn', 'compression', 'max-increase'];
const TOTAL_KEYS = ['path', 'max', 'warn', 'compression', 'max-increase'];
/**
 * Merge the config file's `bundle-budget:` section with the inputs: an input,
 * when given, wins over the file. `path` (with `max`, `name`) replaces the
 * file's budgets with one budget, the quick one-budget case.
 */
function resolveOptions(section, inputs, workspace) {
    section.rejectUnknown(SECTION_KEYS);
    const given = (name) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .givenInput */ .CB)(inputs, name);
    const input = (name) => ({ input: name });
    const compression = given('compression')
        ? parseCompression(given('compression'), input('compression'))
        : (section.oneOf('compression', COMPRESSIONS) ?? 'gzip');
    const maxIncreaseText = given('max-increase') ?? section.stringOrNumber('max-increase');
    const maxIncrease = maxIncreaseText === undefined
        ? undefined
        : (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseIncrease */ .KW)(maxIncreaseText, given('max-increase') ? input('max-increase') : section.locate('max-increase'));
    const gzipLevel = given('gzip-level') ? parseInteger(given('gzip-level'), 1, 9, input('gzip-level')) : (section.number('gzip-level', { min: 1, max: 9, integer: true }) ?? 9);
    const brotliQuality = given('brotli-quality')
        ? parseInteger(given('brotli-quality'), 0, 11, input('brotli-quality'))
        : (section.number('brotli-quality', { min: 0, max: 11, integer: true }) ?? 11);
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
        budgets = section.sections('budgets').map((entry, index) => readBudget(entry, index, defaults));
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
    totalSection.rejectUnknown(TOTAL_KEYS);
    const totalPatterns = totalSection.stringList('path');
    const total = {
        ...readLimits(totalSection, defaults),
        patterns: totalPatterns ?? [...new Set(budgets.flatMap((budget) => budget.patterns))],
        origin: totalSection.locate(),
    };
    const baselineText = given('baseline') ?? section.string('baseline');
    const baselineOrigin = given('baseline') ? input('baseline') : section.locate('baseline');
    const baseline = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBaselineSpec */ .gz)(baselineText, baselineOrigin);
    const failOn = given('fail-on') ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseFailOn */ .XV)(given('fail-on'), input('fail-on')) : (section.oneOf('fail-on', _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .FAIL_ON */ .d$) ?? 'fail');
    const allowEmpty = given('allow-empty') ? (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .parseBoolean */ .yG)(given('allow-empty'), input('allow-empty')) : (section.boolean('allow-empty') ?? false);
    return { workspace, budgets, total, gzipLevel, brotliQuality, allowEmpty, baseline, failOn };
}
function readBudget(entry, index, defaults) {
    entry.rejectUnknown(BUDGET_KEYS);
    const patterns = entry.stringList('path');
    if (!patterns || patterns.length === 0) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('a budget needs a path (a glob or a list of globs)', entry.locate());
    }
    return { name: entry.string('name') ?? patterns.join(', ') ?? `budget ${index + 1}`, patterns, ...readLimits(entry, defaults), origin: entry.locate() };
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
function parseCompression(value, where) {
    if (!COMPRESSIONS.includes(value)) {
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value}' is not one of ${COMPRESSIONS.join(', ')}`, where);
    }
    return value;
}
function parseInteger(value, min, max, where) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number))
        throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${value}' is not a number`, where);
    (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .checkRange */ .cd)(number, { min, max, integer: true }, where);
    return number;
}


/***/ }),

/***/ 44015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ errors_ConfigurationError),
  d$: () => (/* reexport */ FAIL_ON),
  m3: () => (/* reexport */ applyFailOn),
  cd: () => (/* reexport */ checkRange),
  kF: () => (/* reexport */ createResult),
  Ic: () => (/* reexport */ describeFailure),
  j5: () => (/* reexport */ globs_describeSkippedLinks),
  z3: () => (/* reexport */ formatBytes),
  CW: () => (/* reexport */ formatDelta),
  Gb: () => (/* reexport */ formatIncrease),
  CB: () => (/* reexport */ givenInput),
  Us: () => (/* reexport */ isBlocking),
  p0: () => (/* reexport */ isConfigurationError),
  oz: () => (/* reexport */ isEnvironmentError),
  Z9: () => (/* reexport */ loadConfig),
  gz: () => (/* reexport */ parseBaselineSpec),
  yG: () => (/* reexport */ parseBoolean),
  XV: () => (/* reexport */ parseFailOn),
  KW: () => (/* reexport */ parseIncrease),
  DB: () => (/* reexport */ parseSize),
  tk: () => (/* reexport */ prepareReportPath),
  s$: () => (/* reexport */ readBaselineFile),
  Uv: () => (/* reexport */ result_readResult),
  gi: () => (/* reexport */ readRunnerContext),
  Wn: () => (/* reexport */ readStepInputs),
  fp: () => (/* reexport */ redactSecrets),
  C3: () => (/* reexport */ retryAfterSeconds),
  AL: () => (/* reexport */ globs_selectFiles),
  ry: () => (/* reexport */ splitList),
  A4: () => (/* reexport */ worstStatus),
  Zk: () => (/* reexport */ writeResult)
});

// UNUSED EXPORTS: CONFIG_SECTIONS, CONFIG_VERSION, ConfigSection, DEFAULT_CONFIG_PATH, EnvironmentError, GATE_NAME, MAX_GLOB_EXPANSIONS, RESULT_SCHEMA_ID, RESULT_SCHEMA_VERSION, STEP_INPUTS, UPLOAD_MODES, checkGlobSize, closest, confinedPath, confinedPathSync, countBraceExpansions, describeUnexpected, fullYaml, insideWorkspace, isLiteralPath, isWithin, loadConfigSync, oneOf, parseConfig, parseResult, parseSectionList, parseYamlFull, parseYamlSubset, parseYamlTree, readResultFiles, realLocation, realLocationSync, serializeResult, treeToJS

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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
/** Text for an error that is not the user's fault: say it is a bug, keep the cause. */
function describeUnexpected(error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return `internal error (a bug in roadstop, please report it): ${detail}`;
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
    return describeUnexpected(error);
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
    return new Promise((done) => done(realLocationSync(path)));
}
/** realLocation, synchronously: a few realpath calls, for the start of a step (the config file). */
function realLocationSync(path) {
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
    return new Promise((done) => done(confinedPathSync(workspace, path, where, options)));
}
/** confinedPath, synchronously, for the start of a step (the config file). */
function confinedPathSync(workspace, path, where, options = {}) {
    const lexical = (0,external_node_path_.resolve)(workspace, path);
    const real = realLocationSync(lexical);
    const roots = [workspace, ...(options.also ?? []).filter((root) => root !== '')];
    for (const root of roots) {
        if (isWithin(realLocationSync(root), real))
            return real;
    }
    const through = real === lexical ? '' : ` (through a symlink, it leads to ${real})`;
    const allowed = roots.length > 1 ? 'the workspace or the runner temp folder' : `the workspace ${(0,external_node_path_.resolve)(workspace)}`;
    throw new errors_ConfigurationError(`${options.what ?? 'the path'} is outside ${allowed}${through}; roadstop reads and writes only inside it`, where, 'use a path inside the repository');
}

;// CONCATENATED MODULE: ./packages/core/src/yaml-tree.ts
/** A plain JavaScript value of a tree, as `yaml`'s toJS() gives it. */
function treeToJS(node) {
    if (node === null)
        return null;
    if (node.kind === 'scalar')
        return node.value;
    if (node.kind === 'list')
        return node.items.map(treeToJS);
    const out = {};
    for (const entry of node.entries)
        out[entry.name] = treeToJS(entry.value);
    return out;
}
class Decline extends Error {
}
const decline = () => {
    throw new Decline();
};
/** A plain key as the subset reads one: letters, digits and `_./+-`, not starting with an indicator. */
const KEY_NAME = '[A-Za-z0-9_][A-Za-z0-9_./+-]*';
const KEY = new RegExp(`^(${KEY_NAME}):(?: +(.*))?$`);
const FLOW_KEY = new RegExp(`^(${KEY_NAME}): +`);
const INT = /^[-+]?[0-9]+$/;
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Characters that may not start a plain scalar here (YAML's indicators, and the quotes handled apart). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** Only printable ASCII, and printable characters past it (no controls, no BOM, no line or paragraph separators). */
const UNSAFE_CHARACTER = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\ud800-\udfff]/;
/**
 * The tree of `text`, or undefined when the text is outside the subset this
 * parser reads exactly (the caller then parses it with `yaml`).
 */
function parseYamlSubset(text) {
    if (UNSAFE_CHARACTER.test(text))
        return undefined;
    try {
        return new SubsetParser(text).document();
    }
    catch (error) {
        if (error instanceof Decline)
            return undefined;
        throw error;
    }
}
class SubsetParser {
    lines = [];
    at = 0;
    constructor(text) {
        const raw = text.split('\n');
        let seenContent = false;
        for (let index = 0; index < raw.length; index++) {
            const line = raw[index];
            const indent = line.length - line.trimStart().length;
            const rest = line.slice(indent).trimEnd();
            if (rest === '' || rest.startsWith('#'))
                continue;
            if (indent === 0 && (rest.startsWith('%') || rest.startsWith('...')))
                decline();
            if (indent === 0 && rest.startsWith('---')) {
                // One document marker, alone on the first line with content.
                if (seenContent || !/^---(?: +#.*)?$/.test(rest))
                    decline();
                seenContent = true;
                continue;
            }
            seenContent = true;
            this.lines.push({ number: index + 1, indent, text: rest });
        }
    }
    document() {
        if (this.lines.length === 0)
            return null;
        const first = this.lines[0];
        const root = this.block(first.indent);
        if (this.at < this.lines.length)
            decline();
        return root;
    }
    /** A block map or list starting at the current line, at `indent`. */
    block(indent) {
        const line = this.lines[this.at];
        if (line.indent !== indent)
            decline();
        if (isDash(line.text))
            return this.list(indent);
        if (KEY.test(line.text))
            return this.map(indent);
        return decline();
    }
    map(indent) {
        const map = { kind: 'map', line: this.lines[this.at].number, entries: [] };
        const names = new Set();
        while (this.at < this.lines.length) {
            const line = this.lines[this.at];
            if (line.indent < indent)
                break;
            if (line.indent > indent)
                decline();
            if (isDash(line.text))
                break;
            const match = KEY.exec(line.text) ?? decline();
            const { key, name } = claimKey(match[1], names);
            this.at++;
            const rest = match[2] ?? '';
            let value;
            if (rest === '' || rest.startsWith('#')) {
                value = this.nested(indent, line.number, true);
            }
            else {
                value = inlineValue(rest, line.number);
                this.noDeeperLine(indent);
            }
            map.entries.push({ key, name, line: line.number, value });
        }
        return map;
    }
    list(indent) {
        const list = { kind: 'list', line: this.lines[this.at].number, items: [] };
        while (this.at < this.lines.length) {
            const line = this.lines[this.at];
            if (line.indent < indent)
                break;
            if (line.indent > indent)
                decline();
            if (!isDash(line.text))
                break;
            const afterDash = line.text.slice(1);
            const spaces = afterDash.length - afterDash.trimStart().length;
            const rest = afterDash.trimStart();
            if (rest === '' || rest.startsWith('#')) {
                this.at++;
                list.items.push(this.nested(indent, line.number, false));
            }
            else if (isDash(rest)) {
                decline();
            }
            else if (KEY.test(rest)) {
                // `- key: value`: a map whose keys sit at the column after the dash.
                const column = indent + 1 + spaces;
                this.lines[this.at] = { number: line.number, indent: column, text: rest };
                list.items.push(this.map(column));
            }
            else {
                this.at++;
                list.items.push(inlineValue(rest, line.number));
                this.noDeeperLine(indent);
            }
        }
        return list;
    }
    /**
     * The value of a key or dash with nothing after it: a block on the lines
     * below, deeper than `indent` (or, under a key, a list at the key's own
     * indent), else null.
     */
    nested(indent, lineNumber, underKey) {
        const next = this.lines[this.at];
        if (next && next.indent > indent)
            return this.block(next.indent);
        if (next && underKey && next.indent === indent && isDash(next.text))
            return this.list(indent);
        return { kind: 'scalar', value: null, line: lineNumber };
    }
    /** After a value on its own line, a deeper line would continue it (a multi-line scalar): not read here. */
    noDeeperLine(indent) {
        const next = this.lines[this.at];
        if (next && next.indent > indent)
            decline();
    }
}
function isDash(text) {
    return text === '-' || text.startsWith('- ');
}
/** A value written after `key: ` or `- `, up to the end of the line. */
function inlineValue(text, line) {
    if (text.startsWith('[') || text.startsWith('{')) {
        const reader = new FlowReader(text, line);
        const node = reader.collection();
        reader.end();
        return node;
    }
    if (text.startsWith('"') || text.startsWith("'")) {
        const { value, end } = quoted(text, 0);
        if (!/^(?: +#.*)?$/.test(text.slice(end)))
            decline();
        return { kind: 'scalar', value, line };
    }
    const comment = text.indexOf(' #');
    const plain = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
    if (INDICATOR_START.test(plain) && !/^-[^ ]/.test(plain))
        decline();
    if (plain.includes(': ') || plain.endsWith(':'))
        decline();
    return { kind: 'scalar', value: resolvePlain(plain), line };
}
/** The escapes of a double-quoted scalar the subset reads; any other declines. */
const SIMPLE_ESCAPES = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r' };
/** A quoted scalar starting at `start`: its value and the index after its closing quote. */
function quoted(text, start) {
    const quote = text[start];
    let value = '';
    let at = start + 1;
    while (at < text.length) {
        const char = text[at];
        if (quote === "'") {
            if (char === "'") {
                if (text[at + 1] === "'") {
                    value += "'";
                    at += 2;
                    continue;
                }
                return { value, end: at + 1 };
            }
            value += char;
            at++;
            continue;
        }
        if (char === '"')
            return { value, end: at + 1 };
        if (char === '\\') {
            const next = text[at + 1];
            if (next !== undefined && SIMPLE_ESCAPES[next] !== undefined) {
                value += SIMPLE_ESCAPES[next];
                at += 2;
                continue;
            }
            if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
                const code = parseInt(text.slice(at + 2, at + 6), 16);
                if (code >= 0xd800 && code <= 0xdfff)
                    decline();
                value += String.fromCharCode(code);
                at += 6;
                continue;
            }
            decline();
        }
        value += char;
        at++;
    }
    // Unclosed on this line: a multi-line quoted scalar, or a mistake.
    return decline();
}
/**
 * A plain key, resolved as YAML resolves it, and kept in `names`. A name the
 * map already holds (`a` twice, or `1` and `01`) is a duplicate key: `yaml`
 * refuses it (uniqueKeys), so the subset declines.
 */
function claimKey(text, names) {
    const key = resolveKey(text);
    const name = String(key);
    if (names.has(name))
        decline();
    names.add(name);
    return { key, name };
}
/** A plain key; a null one (`null:`, `~:`) is left to `yaml`, whose toJS names it '' where the config reader says 'null'. */
function resolveKey(text) {
    const key = resolvePlain(text);
    return key === null ? decline() : key;
}
/** A plain scalar as YAML 1.2's core schema resolves it. */
function resolvePlain(text) {
    if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL')
        return null;
    if (text === 'true' || text === 'True' || text === 'TRUE')
        return true;
    if (text === 'false' || text === 'False' || text === 'FALSE')
        return false;
    if (INT.test(text)) {
        const value = parseInt(text, 10);
        if (!Number.isSafeInteger(value))
            decline();
        return value;
    }
    if (FLOAT.test(text))
        return parseFloat(text);
    // The core schema's other numbers (0x1f, 0o17, 1e3, .inf, .nan): `yaml` reads them.
    if (OTHER_NUMBER.test(text))
        decline();
    return text;
}
/** A flow collection (`[a, b]`, `{a: 1}`) that opens and closes on one line. */
class FlowReader {
    text;
    line;
    at = 0;
    constructor(text, line) {
        this.text = text;
        this.line = line;
    }
    collection() {
        const open = this.text[this.at];
        if (open === '[')
            return this.sequence();
        if (open === '{')
            return this.mapping();
        return decline();
    }
    end() {
        if (!/^(?: +#.*)?$/.test(this.text.slice(this.at)))
            decline();
    }
    sequence() {
        const list = { kind: 'list', line: this.line, items: [] };
        if (this.opened(']'))
            return list;
        do {
            list.items.push(this.item());
        } while (!this.closed(']'));
        return list;
    }
    /** Past the opening bracket: true when the collection closes at once (`[]`, `{}`). */
    opened(close) {
        this.at++;
        this.spaces();
        if (this.text[this.at] !== close)
            return false;
        this.at++;
        return true;
    }
    /** After an item: true at the closing bracket, false after a comma that another item follows (a trailing comma declines). */
    closed(close) {
        this.spaces();
        const char = this.text[this.at++];
        if (char === close)
            return true;
        if (char !== ',')
            decline();
        this.spaces();
        if (this.text[this.at] === close)
            decline();
        return false;
    }
    mapping() {
        const map = { kind: 'map', line: this.line, entries: [] };
        const names = new Set();
        if (this.opened('}'))
            return map;
        do {
            const match = FLOW_KEY.exec(this.text.slice(this.at)) ?? decline();
            const { key, name } = claimKey(match[1], names);
            this.at += match[0].length;
            map.entries.push({ key, name, line: this.line, value: this.item() });
        } while (!this.closed('}'));
        return map;
    }
    item() {
        const char = this.text[this.at];
        if (char === '[' || char === '{')
            return this.collection();
        if (char === '"' || char === "'") {
            const { value, end } = quoted(this.text, this.at);
            this.at = end;
            return { kind: 'scalar', value, line: this.line };
        }
        const match = /^[A-Za-z0-9_./+-][A-Za-z0-9_./+ -]*/.exec(this.text.slice(this.at)) ?? decline();
        const plain = match[0].trimEnd();
        if (plain.startsWith('-') && (plain === '-' || plain[1] === ' '))
            decline();
        this.at += plain.length;
        return { kind: 'scalar', value: resolvePlain(plain), line: this.line };
    }
    spaces() {
        while (this.text[this.at] === ' ')
            this.at++;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/yaml-full.ts


let loaded;
/**
 * The `yaml` package, loaded the first time a document needs it (one the
 * subset parser declines), so that a step whose config is plain YAML never
 * loads it. Synchronous, so the config reader stays synchronous: in a bundle
 * it is `yaml.cjs` beside the bundle's chunks (scripts/build.mjs writes it),
 * in the sources the installed package. The name is not a literal, so the
 * bundler leaves the require alone.
 */
function fullYaml() {
    if (loaded)
        return loaded;
    const { createRequire } = process.getBuiltinModule('node:module');
    const here = import.meta.url;
    const name = here.endsWith('.ts') ? 'yaml' : './yaml.cjs';
    loaded = createRequire(here)(name);
    return loaded;
}
/**
 * Parse YAML into a tree: the subset parser where it reads the text, `yaml`
 * where it declines. `where` locates the text in errors (a file, an input).
 */
function yaml_full_parseYamlTree(text, where) {
    const fast = parseYamlSubset(text);
    if (fast !== undefined)
        return fast;
    return parseYamlFull(text, where);
}
/** The tree `yaml` makes of `text`: its first error, or its first alias, is a ConfigurationError at its line. */
function parseYamlFull(text, where) {
    const yaml = fullYaml();
    const lineCounter = new yaml.LineCounter();
    const doc = yaml.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0];
    if (problem) {
        const line = problem.linePos?.[0]?.line ?? lineCounter.linePos(problem.pos[0]).line;
        throw new errors_ConfigurationError(`invalid YAML: ${problem.message.split('\n')[0]}`, { ...where, line });
    }
    const lineOf = (node) => {
        const offset = node?.range?.[0];
        return offset === undefined ? 1 : lineCounter.linePos(offset).line;
    };
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
 * Anchors and aliases (`&defaults`, `*defaults`, `<<: *defaults`) are refused
 * as such, wherever they stand (a key too), not read as a wrong type: an error
 * must point at the one line the user edits, and an alias makes one value live
 * on two; merge keys are YAML 1.1 only. A config of a few gates is short enough
 * to write out.
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
/** Every section a roadstop config may hold; a gate reads its own and ignores the others. */
const CONFIG_SECTIONS = [
    'version',
    'bundle-budget',
    'coverage-gate',
    'lighthouse-gate',
    'pr-staging-comment',
    'canary-watch',
    'slack-notify',
];
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
        return this.at(key === undefined ? this.path : this.join(key), line);
    }
    /** Reject keys this version does not know, naming the closest known one. */
    rejectUnknown(allowed) {
        for (const key of this.keys()) {
            if (!allowed.includes(key)) {
                const close = closest(key, allowed);
                throw new errors_ConfigurationError(`unknown key '${key}'`, this.locate(key), close ? `did you mean '${close}'?` : `known keys: ${allowed.join(', ')}`);
            }
        }
    }
    string(key) {
        const value = this.scalar(key);
        if (value === undefined)
            return undefined;
        if (typeof value === 'object')
            throw this.typeError(key, 'a string');
        return String(value);
    }
    /** A size or percentage that YAML may have read as a number (`max: 400000`). */
    stringOrNumber(key) {
        const value = this.scalar(key);
        if (value === undefined || typeof value === 'number')
            return value;
        if (typeof value === 'object' || typeof value === 'boolean')
            throw this.typeError(key, 'a string or a number');
        return String(value);
    }
    number(key, range = {}) {
        const value = this.scalar(key);
        if (value === undefined)
            return undefined;
        const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (!Number.isFinite(number))
            throw this.typeError(key, 'a number');
        checkRange(number, range, this.locate(key));
        return number;
    }
    boolean(key) {
        const value = this.scalar(key);
        if (value === undefined)
            return undefined;
        if (typeof value !== 'boolean')
            throw this.typeError(key, 'true or false');
        return value;
    }
    oneOf(key, values) {
        const value = this.string(key);
        if (value === undefined)
            return undefined;
        if (!values.includes(value)) {
            throw new errors_ConfigurationError(`'${value}' is not one of ${values.join(', ')}`, this.locate(key));
        }
        return value;
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
    at(key, line) {
        const location = { key };
        if (this.source) {
            location.file = this.source.file;
            if (line !== undefined)
                location.line = line;
        }
        return location;
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
    scalar(key) {
        const node = this.raw(key);
        if (node === undefined)
            return undefined;
        if (node.kind !== 'scalar')
            return {};
        return node.value;
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
    const tree = parseYamlTree(text, options.where);
    if (tree === null || tree.kind !== 'list')
        throw new ConfigurationError(options.expected, options.where);
    return listSections(tree, options.key, { file: options.file });
}
/**
 * Read the roadstop config. A missing file is fine at the default path and an
 * error at a path the user named; a mistake is a rejection.
 */
function loadConfig(path, options) {
    return new Promise((done) => done(loadConfigSync(path, options)));
}
/**
 * loadConfig, synchronously, as it reads: every step starts with a file of a
 * few kB, and the promise API of node:fs (with the streams it loads) cost
 * more than the read.
 */
function loadConfigSync(path, options) {
    // The default path is optional even when spelled out (action.yml's default): every gate also works from inputs alone.
    const file = path !== undefined && path.trim() !== '' ? path.trim() : DEFAULT_CONFIG_PATH;
    const explicit = file !== DEFAULT_CONFIG_PATH;
    const absolute = (0,external_node_path_.resolve)(options.workspace, file);
    const shown = displayPath(absolute, options.workspace);
    const where = { file: shown, ...(options.input ? { input: options.input } : {}) };
    // Inside the workspace after symlinks (or in `also`, e.g. the CLI's shell folder for --config).
    const real = confinedPathSync(options.workspace, absolute, where, { what: 'the config file', ...(options.also ? { also: options.also } : {}) });
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(real, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' && !explicit)
            return emptyConfig();
        throw new errors_ConfigurationError(code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(error)})`, where);
    }
    return parseConfig(text, shown);
}
function parseConfig(text, file) {
    const contents = yaml_full_parseYamlTree(text, { file });
    if (contents !== null && contents.kind !== 'map') {
        throw new errors_ConfigurationError('the config must be a map of sections such as bundle-budget:', { file, line: 1 });
    }
    const root = new ConfigSection(contents ?? undefined, '', { file });
    root.rejectUnknown(CONFIG_SECTIONS);
    const version = root.number('version', { integer: true });
    if (version !== undefined && version !== CONFIG_VERSION) {
        throw new errors_ConfigurationError(`config version ${version} is not supported (this roadstop reads version ${CONFIG_VERSION})`, root.locate('version'));
    }
    return { file, root, section: (gate) => root.section(gate) };
}
function emptyConfig() {
    const root = new ConfigSection(undefined, '', undefined);
    return { file: undefined, root, section: (gate) => root.section(gate) };
}
function checkRange(value, range, where) {
    if (range.integer && !Number.isInteger(value))
        throw new errors_ConfigurationError(`${value} must be a whole number`, where);
    if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
        const bounds = range.max === undefined ? `at least ${range.min}` : range.min === undefined ? `at most ${range.max}` : `from ${range.min} to ${range.max}`;
        throw new errors_ConfigurationError(`${value} is out of range: must be ${bounds}`, where);
    }
}
function displayPath(absolute, workspace) {
    const inside = (0,external_node_path_.relative)(workspace, absolute);
    return inside && !inside.startsWith('..') && !(0,external_node_path_.isAbsolute)(inside) ? inside : absolute;
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

;// CONCATENATED MODULE: ./packages/core/src/gate-common.ts

/** What every gate does with its own failure: exit 1 (fail), report it as warnings (warn), or only report (never). */
const FAIL_ON = ['fail', 'warn', 'never'];
function parseFailOn(value, where) {
    if (!FAIL_ON.includes(value))
        throw new errors_ConfigurationError(`'${value}' is not one of ${FAIL_ON.join(', ')}`, where);
    return value;
}
/** `none` or nothing, `auto`, or a path. */
function parseBaselineSpec(value, origin) {
    if (value === undefined || value === '' || value === 'none')
        return { kind: 'none' };
    if (value === 'auto')
        return { kind: 'auto' };
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

;// CONCATENATED MODULE: ./packages/core/src/lists.ts


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
/**
 * Resolve a user path or glob against the workspace and refuse one that leaves
 * it: gates read only what the checkout holds.
 */
function insideWorkspace(workspace, path, where) {
    const base = (0,external_node_path_.resolve)(workspace);
    const target = (0,external_node_path_.resolve)(base, path.replace(/^!/, ''));
    const inside = (0,external_node_path_.relative)(base, target);
    if (inside === '..' || inside.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(inside)) {
        throw new errors_ConfigurationError(`'${path}' is outside the workspace ${base}`, where, 'use a path inside the repository');
    }
    return inside.split(external_node_path_.sep).join('/');
}
/** `value` when it is one of `allowed`, else the mistake, located and listing what is allowed. */
function oneOf(value, allowed, where) {
    if (allowed.includes(value))
        return value;
    throw new ConfigurationError(`'${value}' is not one of ${allowed.join(', ')}`, where);
}

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
async function globs_selectFiles(workspace, patterns, origin) {
    const include = [];
    const exclude = [];
    for (const pattern of patterns) {
        checkGlobSize(pattern, origin);
        const relative = insideWorkspace(workspace, pattern, origin);
        (pattern.startsWith('!') ? exclude : include).push(relative);
    }
    if (include.length === 0)
        throw new errors_ConfigurationError('only exclusions (!) were given', origin, 'add a glob that selects files');
    const files = [];
    const skippedLinks = [];
    for (const entry of await matchEntries(workspace, include, exclude)) {
        if (entry.kind.isSymbolicLink())
            skippedLinks.push(entry.path);
        else if (entry.kind.isFile())
            files.push(entry.path);
    }
    files.sort();
    await refuseEscapes(workspace, files, patterns, origin);
    return { files, skippedLinks: skippedLinks.sort() };
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
function globs_describeSkippedLinks(selection, examples = 3) {
    const links = selection.skippedLinks;
    if (links.length === 0)
        return undefined;
    const shown = links.slice(0, examples).join(', ') + (links.length > examples ? ', \u2026' : '');
    return `skipped ${links.length} symlink${links.length === 1 ? '' : 's'} the globs match (${shown}): symlinks are not followed, so nothing outside the workspace is read`;
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
 * the ranges of the numbers each gate reads back from a baseline, which the
 * schema cannot say per gate.
 *
 * By hand rather than with ajv at run time: ajv would add its compiler to every
 * action bundle and its compile time to every step, for a schema of a dozen
 * fields; the tests hold this check and the schema (with ajv) to the same cases.
 */
const STATUSES = ['pass', 'warn', 'fail', 'skipped'];
const UNITS = ['bytes', 'percent', 'score', 'ratio', 'count', 'ms'];
const LEVELS = ['error', 'warning', 'notice'];
const SIZE = { min: 0, integer: true };
const PERCENT = { min: 0, max: 100 };
const COUNT = { min: 0, integer: true };
/** Per gate: the ranges of the numbers its run reads back from a baseline. */
const GATE_RANGES = {
    'bundle-budget': {
        item: (field) => (/^(?:base-)?(?:raw|gzip|brotli)$/.test(field) ? SIZE : undefined),
        metric: (name) => (/^total-(?:raw|gzip|brotli)$|^files/.test(name) ? SIZE : undefined),
        check: (unit) => (unit === 'bytes' ? SIZE : undefined),
    },
    'coverage-gate': {
        item: (field) => (/^(?:lines|statements|functions|branches)$/.test(field) ? PERCENT : /-(?:covered|total)$/.test(field) ? COUNT : undefined),
        metric: (name) => (/^(?:lines|statements|functions|branches|patch)$/.test(name) ? PERCENT : /-(?:covered|total)$|^files$|^report-files$/.test(name) ? COUNT : undefined),
        check: (unit) => (unit === 'percent' ? PERCENT : undefined),
    },
};
/** The first thing wrong with `data` as a result of `gate`, or undefined when it is sound. */
function findResultProblem(data) {
    const ranges = GATE_RANGES[typeof data.gate === 'string' ? data.gate : ''] ?? {};
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
/**
 * Read a result written by any gate, refusing files that are not roadstop
 * results or that another schema version wrote. `input` names the action
 * input or option the path came from, for the error.
 */
async function result_readResult(path, options = {}) {
    const where = { file: path, ...(options.input ? { input: options.input } : {}) };
    let text;
    try {
        text = await external_node_fs_.promises.readFile(path, 'utf8');
    }
    catch (error) {
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
        throw new errors_ConfigurationError(`not a roadstop result: invalid JSON${at ? ` at line ${at[1]}, column ${at[2]}` : ''}`, where, 'point it at a file a roadstop gate wrote');
    }
    if (typeof data !== 'object' || data === null || !('schemaVersion' in data) || !('gate' in data)) {
        throw new errors_ConfigurationError('not a roadstop result: it has no schemaVersion and gate', where, 'point it at a file a roadstop gate wrote');
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
    const problem = findResultProblem(record);
    if (problem)
        throw new errors_ConfigurationError(`not a valid ${String(record.gate)} result: ${problem}`, where, 'a result roadstop wrote holds none of this; regenerate it, or compare with another run');
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
    const input = options.input ?? 'report';
    // Inside the workspace, or the runner's temp folder where the default lives; after symlinks, not by the text.
    const target = await confinedPath(options.workspace, given, { input, file: given }, { also: [options.temp], what: 'the report' });
    if (options.baseline !== undefined && (await realLocation(options.baseline)) === target) {
        throw new errors_ConfigurationError('is the baseline file too: writing the result there would overwrite the baseline it is compared with', { input, file: given }, 'write the report to another path');
    }
    let existing;
    try {
        existing = await external_node_fs_.promises.readFile(target, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'EISDIR')
            throw new errors_ConfigurationError('is a folder, not a file', { input, file: given });
        if (code !== 'ENOENT')
            throw new errors_ConfigurationError(`cannot use it (${code ?? String(error)})`, { input, file: given });
    }
    if (existing !== undefined) {
        try {
            parseResult(existing, { gate: options.gate });
        }
        catch {
            throw new errors_ConfigurationError('already exists and is not a result of this gate; refusing to overwrite it', { input, file: given }, 'choose another path');
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
        result = await result_readResult(real, { gate: options.gate });
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
        paths.push(...selection.files.map((file) => join(root, file)));
    }
    const results = [];
    for (const path of paths) {
        const file = path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path;
        try {
            const result = await readResult(path, { input });
            if (!GATE_NAME.test(result.gate))
                throw new ConfigurationError('not a roadstop result: its gate is not a gate name');
            results.push({ file, result });
        }
        catch (error) {
            if (!(error instanceof ConfigurationError))
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
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
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
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        if (pullRequestEvent) {
            throw new EnvironmentError(`this is a ${pullRequestEvent} run, but its event file ${path} cannot be read (${error.code ?? String(error)})`);
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
const UPLOAD_MODES = ['auto', 'always', 'never'];
/** Read a gate action's inputs once; `read` is @actions/core's getInput, passed in by main.ts. */
function readStepInputs(gateInputs, read, defaultArtifact) {
    const gate = {};
    for (const name of gateInputs) {
        const value = read(name);
        if (value !== '')
            gate[name] = value;
    }
    const upload = read('upload') || 'auto';
    if (!UPLOAD_MODES.includes(upload)) {
        throw new errors_ConfigurationError(`'${upload}' is not one of ${UPLOAD_MODES.join(', ')}`, { input: 'upload' });
    }
    return {
        config: read('config'),
        gate,
        report: read('report'),
        artifactName: read('artifact-name') || defaultArtifact,
        upload: upload,
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
/**
 * Replace every occurrence of every known secret, in every string of a
 * result (headline, messages, checks, items, details, baseline, settings),
 * with `***`. The result file is uploaded as an artifact, which the runner
 * does not mask. Mutates and returns `result`.
 */
function redactSecrets(result, secrets) {
    const known = [...new Set(secrets.filter((secret) => secret.length >= SHORTEST_SECRET))].sort((a, b) => b.length - a.length);
    if (known.length === 0)
        return result;
    const scrub = (value) => {
        if (typeof value === 'string')
            return known.reduce((text, secret) => text.split(secret).join('***'), value);
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++)
                value[index] = scrub(value[index]);
            return value;
        }
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

;// CONCATENATED MODULE: ./packages/core/src/retry-after.ts
/**
 * The wait a `Retry-After` header asks for, in whole seconds (rounded up):
 * delay-seconds or an HTTP date, as RFC 9110 allows both. Undefined when the
 * header is absent or neither.
 */
function retryAfterSeconds(value, nowMs) {
    if (value === undefined || value === null || value.trim() === '')
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds))
        return Math.max(0, Math.ceil(seconds));
    const date = Date.parse(value);
    if (!Number.isNaN(date))
        return Math.max(0, Math.ceil((date - nowMs) / 1000));
    return undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/index.ts


















/***/ }),

/***/ 73570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lg: () => (/* binding */ toGitHubError),
/* harmony export */   RG: () => (/* binding */ gitHubMessage),
/* harmony export */   Rr: () => (/* binding */ GitHubRateLimitError),
/* harmony export */   ZU: () => (/* binding */ redactedHttpError),
/* harmony export */   d: () => (/* binding */ isHttpError),
/* harmony export */   dZ: () => (/* binding */ describeGitHubError)
/* harmony export */ });
/* unused harmony exports MAX_GITHUB_MESSAGE, GitHubFailure, GitHubHttpError, permissionFor */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44015);
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
class GitHubRateLimitError extends Error {
    status;
    waitSeconds;
    maxRetryWaitSeconds;
    name = 'GitHubRateLimitError';
    constructor(status, waitSeconds, maxRetryWaitSeconds, request, options) {
        super(`GitHub rate-limited ${request} (${status}) and asked to wait ${waitSeconds} s, more than the ${maxRetryWaitSeconds} s roadstop waits`, options);
        this.status = status;
        this.waitSeconds = waitSeconds;
        this.maxRetryWaitSeconds = maxRetryWaitSeconds;
    }
}
/** A failure `toGitHubError` has already put in words: described once, never wrapped again. */
class GitHubFailure extends Error {
    name = 'GitHubFailure';
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
    status;
    request;
    response;
    name = 'GitHubHttpError';
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
 * Turns an API failure into roadstop's one way to fail: a `ConfigurationError`
 * when the user can fix it (token, permissions, names), a plain `Error` with
 * one clear line otherwise. `what` names the operation, e.g. `listing workflow runs of ci.yml`.
 */
function toGitHubError(error, what) {
    if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 || error instanceof _network_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkBudgetError */ .sC || error instanceof GitHubFailure)
        return error;
    if (error instanceof _network_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .RequestTimeoutError */ .DH) {
        return new GitHubFailure(`${error.message} while ${what}, nor on its retries; run the job again later`, { cause: error });
    }
    if (error instanceof GitHubRateLimitError) {
        return new GitHubFailure(`GitHub rate-limited ${what} (${error.status}) and asked to wait ${error.waitSeconds} s, more than the ${error.maxRetryWaitSeconds} s roadstop waits; run the job again later`, { cause: error });
    }
    // Octokit reports a request that got no answer at all (refused, reset, DNS) as a 500 without a response.
    if (!isHttpError(error) || error.response === undefined) {
        const detail = error instanceof Error ? truncate(isHttpError(error) ? gitHubMessage(error) : error.message) : String(error);
        return new GitHubFailure(`could not reach GitHub while ${what}: ${detail}`, { cause: error });
    }
    const { status } = error;
    const message = gitHubMessage(error);
    const headers = error.response?.headers ?? {};
    if (status === 401) {
        return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`GitHub refused ${what} (401): ${message}`, {}, 'the token is missing, invalid or expired; pass `${{ github.token }}` or a valid token');
    }
    if ((0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .isRateLimited */ .Jz)({ status, headers, message })) {
        return new GitHubFailure(`GitHub kept rate-limiting ${what} (${status}): ${message}; run the job again later`, { cause: error });
    }
    if (status === 403) {
        const permission = permissionFor(error.request?.method, error.request?.url);
        return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`GitHub refused ${what} (403): ${message}`, {}, `the token needs \`${permission}\` permission: add \`permissions: { ${permission} }\` to the job` +
            (permission.endsWith('write') ? ' (pull requests from forks only get a read-only token)' : ''));
    }
    if (status === 404) {
        return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`GitHub found nothing for ${what} (404): ${message}`, {}, 'check the repository, branch and workflow file names; a token without access to a private repository also gets 404');
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
/** One line for a log or a job summary, e.g. `GitHub refused \u2026 (403): \u2026. The token needs \`actions: read\` \u2026`. */
function describeGitHubError(error, what) {
    const wrapped = toGitHubError(error, what);
    if (wrapped instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 && wrapped.hint) {
        return `${wrapped.message}. ${wrapped.hint.charAt(0).toUpperCase()}${wrapped.hint.slice(1)}.`;
    }
    return wrapped.message;
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
/** The permission a GITHUB_TOKEN needs for the request that was refused. */
function permissionFor(method = 'GET', url = '') {
    const write = !['GET', 'HEAD'].includes(method.toUpperCase());
    const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? '';
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
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44015);

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
class NetworkBudgetError extends Error {
    budgetMs;
    during;
    name = 'NetworkBudgetError';
    constructor(budgetMs, during) {
        super(`GitHub did not answer within the ${formatMs(budgetMs)} budget of the lookup (${NETWORK_BUDGET_ENV}); it was stopped while ${during}`);
        this.budgetMs = budgetMs;
        this.during = during;
    }
}
/** A single request that got no (complete) answer in time, after its retries. */
class RequestTimeoutError extends Error {
    timeoutMs;
    request;
    name = 'RequestTimeoutError';
    constructor(timeoutMs, request) {
        super(`GitHub did not answer ${request} within ${formatMs(timeoutMs)}`);
        this.timeoutMs = timeoutMs;
        this.request = request;
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
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44015);

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
        waitSeconds = limits.serverErrorBackoffSeconds * 2 ** attempt;
        reason = `server error (${response.status})`;
        // A flaky server is not worth failing over a long backoff: cap it instead.
        waitSeconds = Math.min(waitSeconds, limits.maxRetryWaitSeconds);
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
