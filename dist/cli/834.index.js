export const id = 834;
export const ids = [834];
export const modules = {

/***/ 4834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   vercelPlatform: () => (/* binding */ vercelPlatform)
/* harmony export */ });
/* unused harmony export RATE_LIMIT_BUDGET_MS */
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5758);
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2153);


/** The longest one Vercel request may take. */
const REQUEST_TIMEOUT_MS = 30_000;
/**
 * The longest one Vercel call (a move, a rollback, a promotion) may wait out Vercel's rate limit in all: a 429 is
 * waited as its Retry-After asks while that fits, and is an environment error naming Vercel once it does not.
 */
const RATE_LIMIT_BUDGET_MS = 120_000;
/** Tries of one call under a rate limit; without a Retry-After the waits are 1, 2, 4, 8 s. */
const RATE_LIMIT_TRIES = 5;
const MAX_TEXT = 300;
/** A body as JSON, or undefined when it is none (an HTML page, a proxy's text). */
const parsed = (raw) => {
    try {
        return JSON.parse(raw);
    }
    catch {
        return undefined;
    }
};
const text = (value) => String(value).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, MAX_TEXT);
/**
 * Vercel Rolling Releases (https://vercel.com/docs/rolling-releases), through @vercel/sdk's standalone functions over
 * VercelCore, imported only here, after every input was checked (the whole `Vercel` class costs seconds to load).
 * prepare: the project's rolling-release config gets one manual-approval stage per step; the canary deployment and
 * its git SHA are read. move: step 1 starts the rolling release for the canary, each later step approves the next
 * stage. promote: complete. rollback: abort, the documented way: an Instant Rollback of production to the stable
 * deployment the rolling release was serving (POST /v1/projects/{projectId}/rollback/{deploymentId}), which ends
 * the rolling release with 100% of traffic on stable. Rolling Releases need a Pro or Enterprise plan: a 403 or 404
 * before any traffic moves is one ConfigurationError naming vercel-project and the plan.
 *
 * Every request, the SDK's included (its HTTPClient's fetcher), goes through `send`: edgeFetch (the runner's proxy;
 * a redirect followed within vercel-api-url's origin only, the token never sent to another) and Vercel's rate
 * limit waited out within RATE_LIMIT_BUDGET_MS. @vercel/sdk's own retries (retryConfig 'backoff') do read
 * Retry-After, but cap each wait at maxInterval and retry 5xx of POSTs too, and never stop at once when the wait
 * asked for is past any budget: so they stay off ('none', the SDK's default) and the waiting is done here.
 *
 * `need` says which labels the metrics still need from the deployments' metadata: explicit labels always win, and
 * with both given (and `deployment` an ID) no deployment is read at all; otherwise each deployment is read once.
 */
function vercelPlatform(options, steps, deps, need = { canary: true, baseline: true }) {
    const team = options.team !== undefined ? { teamId: options.team } : {};
    const query = options.team !== undefined ? `?teamId=${encodeURIComponent(options.team)}` : '';
    const project = encodeURIComponent(options.project);
    let canaryId;
    let canarySha;
    let stableId;
    let stableSha;
    // The calls that move traffic forward stop on a cancel (deps.signal); the rollback never does, it is what a cancel runs.
    const cancellable = deps.signal ? { signal: deps.signal } : {};
    /**
     * One request to Vercel, redirects within the origin only, a 429 waited out while its Retry-After fits the budget.
     * init.signal (a cancel) ends the request and the wait alike: the main step rolls back within the runner's grace period.
     */
    const send = async (url, init, what) => {
        const started = Date.now();
        for (let attempt = 1;; attempt++) {
            let response;
            try {
                const signal = AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...(init.signal ? [init.signal] : [])]);
                response = await (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .edgeFetch */ .aI)(url, { ...init, redirect: 'same-origin', signal });
            }
            catch (error) {
                if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .RedirectRefusedError */ .jw)
                    throw new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk(`Vercel (vercel-api-url) answered ${what} with ${error.message}`);
                throw error;
            }
            if (response.status !== 429)
                return response;
            await response.body?.cancel().catch(() => { });
            const seconds = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterSeconds */ .C3)(response.headers.get('retry-after'), Date.now());
            const waitMs = seconds !== undefined ? seconds * 1000 : 1000 * 2 ** (attempt - 1);
            const leftMs = RATE_LIMIT_BUDGET_MS - (Date.now() - started);
            const asked = seconds !== undefined ? `, Retry-After ${seconds} s` : '';
            const limiting = `Vercel (vercel-api-url) is rate limiting ${what}: HTTP 429${asked}`;
            const tooLong = `more than the ${Math.max(0, Math.floor(leftMs / 1000))} s left of the ${RATE_LIMIT_BUDGET_MS / 1000} s one call may wait`;
            await (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .waitOutRateLimit */ .pO)({
                waitMs, leftMs, attempt: attempt - 1, maxRetries: RATE_LIMIT_TRIES - 1, signal: init.signal ?? undefined, sleep: deps.sleep,
                giveUp: (why) => new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformUnavailableError */ .Sd(`${limiting}, ${why === 'too-long' ? tooLong : `${attempt} times`}`),
                onWait: () => deps.log(`canary-release: Vercel is rate limiting ${what} (HTTP 429${asked}): waiting ${Math.ceil(waitMs / 1000)} s, then try ${attempt + 1} of ${RATE_LIMIT_TRIES}`),
            });
        }
    };
    /**
     * Plain requests for two calls: the deployment (its id and meta.githubCommitSha) and the config. @vercel/sdk
     * 1.28.35's updateRollingReleaseConfig sends no request body (its generated function sets `body = null`), so the
     * stages cannot be configured through it: the documented body goes here instead.
     */
    const call = async (method, path, body) => {
        let response;
        try {
            response = await send(`${options.apiUrl}${path}`, {
                method,
                headers: { Authorization: `Bearer ${options.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
                ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
                ...cancellable,
            }, `${method} ${path.replace(/\?.*$/, '')}`);
        }
        catch (error) {
            if (error instanceof _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk)
                throw error;
            throw new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk(`cannot reach Vercel (vercel-api-url) at ${new URL(options.apiUrl).origin}: ${text(error.cause?.code ?? error.message)}`);
        }
        return { status: response.status, json: parsed((await response.text()).slice(0, 1_000_000)) };
    };
    const refused = (status, what, json) => {
        const detail = text(json?.error?.message ?? 'no message');
        if (status === 401)
            return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Vercel refused the token: HTTP 401 (${detail})`, { input: 'vercel-token' }, 'a Vercel access token with access to the project (and the team, with vercel-team)');
        if (status === 403 || status === 404) {
            return new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Vercel answered HTTP ${status} to ${what} of project '${options.project}' (${detail}): Rolling Releases need a Pro or Enterprise plan, and the project must exist under the token's account${options.team ? ` or team ${options.team}` : ' (set vercel-team for a team project)'}`, { input: 'vercel-project' });
        }
        if (status === 429)
            return new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformUnavailableError */ .Sd(`Vercel (vercel-api-url) is rate limiting ${what}: HTTP 429`);
        return new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk(`Vercel answered HTTP ${status} to ${what}: ${detail}`);
    };
    const loadSdk = async () => {
        const [{ VercelCore }, { HTTPClient }, start, approve, complete, get, rollback] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(536), __webpack_require__.e(526)]).then(__webpack_require__.bind(__webpack_require__, 6145)),
            __webpack_require__.e(/* import() */ 157).then(__webpack_require__.bind(__webpack_require__, 3157)),
            Promise.all(/* import() */[__webpack_require__.e(536), __webpack_require__.e(626), __webpack_require__.e(677)]).then(__webpack_require__.bind(__webpack_require__, 4677)),
            Promise.all(/* import() */[__webpack_require__.e(536), __webpack_require__.e(626), __webpack_require__.e(158)]).then(__webpack_require__.bind(__webpack_require__, 2158)),
            Promise.all(/* import() */[__webpack_require__.e(536), __webpack_require__.e(626), __webpack_require__.e(512)]).then(__webpack_require__.bind(__webpack_require__, 7512)),
            Promise.all(/* import() */[__webpack_require__.e(536), __webpack_require__.e(626), __webpack_require__.e(170)]).then(__webpack_require__.bind(__webpack_require__, 3170)),
            Promise.all(/* import() */[__webpack_require__.e(536), __webpack_require__.e(626), __webpack_require__.e(401)]).then(__webpack_require__.bind(__webpack_require__, 2401)),
        ]);
        // The SDK hands its fetcher a Request; `send` gives each try its own timeout, so the SDK sets none.
        const fetcher = async (input, init) => {
            const request = input instanceof Request ? input : new Request(input, init);
            const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
            return send(request.url, { method: request.method, headers: request.headers, ...(body !== undefined ? { body } : {}), signal: request.signal }, `${request.method} ${new URL(request.url).pathname}`);
        };
        const client = new VercelCore({ bearerToken: options.token, serverURL: options.apiUrl, httpClient: new HTTPClient({ fetcher }) });
        return { client, start: start.rollingReleaseStartRollingRelease, approve: approve.rollingReleaseApproveRollingReleaseStage, complete: complete.rollingReleaseCompleteRollingRelease, get: get.rollingReleaseGetRollingRelease, rollback: rollback.projectsRequestRollback };
    };
    let sdk;
    const client = () => (sdk ??= loadSdk());
    /** An SDK result: its value, or the error as the user's (401/403/404) or the environment's. */
    const value = (result, what) => {
        if (result.ok)
            return result.value;
        // What `send` threw inside the SDK (a rate limit past the budget, a refused redirect) comes back as its cause.
        for (let inner = result.error, depth = 0; inner instanceof Error && depth < 4; inner = inner.cause, depth++) {
            if (inner instanceof _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk)
                throw inner;
        }
        const error = result.error;
        if (typeof error.statusCode === 'number')
            throw refused(error.statusCode, what, parsed(error.body ?? ''));
        throw new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk(`Vercel: ${what} failed: ${text(error.message ?? error)}`);
    };
    const shaOf = async (id) => {
        const { status, json } = await call('GET', `/v13/deployments/${encodeURIComponent(id)}${query}`);
        if (status !== 200)
            throw refused(status, `reading deployment ${id}`, json);
        const sha = json?.meta?.githubCommitSha;
        return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
    };
    const checked = (release, what) => {
        const rr = release?.rollingRelease;
        if (!rr || typeof rr.state !== 'string')
            throw new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk(`Vercel answered ${what} without a rolling release`);
        return rr;
    };
    return {
        async prepare() {
            if (!need.canary && /^dpl_[A-Za-z0-9]+$/.test(options.deployment)) {
                // Both labels given and the deployment named by its ID: nothing of the deployment is needed.
                canaryId = options.deployment;
            }
            else {
                const { status, json } = await call('GET', `/v13/deployments/${encodeURIComponent(options.deployment)}${query}`);
                if (status === 404)
                    throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Vercel knows no deployment '${options.deployment}'`, { input: 'deployment' }, 'the ID (dpl_\u2026) or URL of the canary deployment');
                if (status !== 200)
                    throw refused(status, 'reading the canary deployment', json);
                const deployment = json;
                if (typeof deployment.id !== 'string')
                    throw new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk('Vercel answered the deployment without an id');
                canaryId = deployment.id;
                const sha = deployment.meta?.githubCommitSha;
                if (need.canary && typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha))
                    canarySha = sha;
            }
            const stages = steps.map((targetPercentage) => ({ targetPercentage, requireApproval: targetPercentage < 100 }));
            // https://vercel.com/docs/rest-api/rolling-release/update-the-rolling-release-settings-for-the-project
            const config = await call('PATCH', `/v1/projects/${project}/rolling-release/config${query}`, { enabled: true, advancementType: 'manual-approval', stages });
            if (config.status >= 300)
                throw refused(config.status, 'configuring Rolling Releases', config.json);
            deps.log(`canary-release: Vercel Rolling Releases configured for ${options.project}: manual approval at ${steps.join(', ')}%`);
        },
        async move(weight, step) {
            const api = await client();
            const canaryDeploymentId = canaryId;
            let rr;
            if (step === 1) {
                const started = await api.start(api.client, { idOrName: options.project, ...team, requestBody: { canaryDeploymentId } }, cancellable);
                // The project answered its config in prepare: a 404 here is the deployment (not read, when both labels were given).
                if (!started.ok && started.error.statusCode === 404) {
                    throw new _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Vercel knows no deployment '${options.deployment}' to start the rolling release with`, { input: 'deployment' }, 'the ID (dpl_\u2026) or URL of the canary deployment');
                }
                rr = checked(value(started, 'starting the rolling release'), 'the start');
                stableId = rr.currentDeployment?.id;
            }
            else {
                rr = checked(value(await api.approve(api.client, { idOrName: options.project, ...team, requestBody: { nextStageIndex: step - 1, canaryDeploymentId } }, cancellable), `approving stage ${step}`), 'the approval');
            }
            const now = rr.state === 'COMPLETE' ? 100 : rr.activeStage?.targetPercentage;
            if (now !== weight)
                throw new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk(`Vercel's rolling release is at ${now === undefined ? 'no stage' : `${now}%`} (state ${text(rr.state)}), not ${weight}%`);
            const labels = {};
            if (canarySha !== undefined)
                labels.canary = canarySha;
            // Explicit labels always win: then no deployment's metadata is read.
            // Read once, on the first move (where the stable deployment becomes known), found or not.
            if (need.baseline && stableId !== undefined)
                stableSha ??= shaOf(stableId);
            const baseline = await stableSha;
            if (baseline !== undefined)
                labels.baseline = baseline;
            return labels;
        },
        async rollback() {
            const api = await client();
            // Read the state first: a second call (the post step), a release already over, or none started, does nothing.
            const read = value(await api.get(api.client, { idOrName: options.project, ...team }), 'reading the rolling release');
            if (read.rollingRelease === null) {
                deps.log('canary-release: Vercel has no rolling release for the project: nothing to abort');
                return;
            }
            const rr = checked(read, 'the read');
            // In the post step the canary's id is not known yet: the input (an id or a URL) names it.
            const mine = [canaryId, options.deployment].filter((one) => one !== undefined);
            const ours = mine.includes(rr.canaryDeployment?.id ?? '') || mine.includes(rr.canaryDeployment?.url ?? '');
            const stable = stableId ?? rr.currentDeployment?.id;
            // COMPLETE after the last stage (100%) was approved: the canary serves production, and the same Instant Rollback takes it back.
            const completedHere = rr.state === 'COMPLETE' && stable !== undefined && stable !== rr.canaryDeployment?.id;
            if (!ours || (rr.state !== 'ACTIVE' && !completedHere)) {
                deps.log(`canary-release: Vercel's rolling release is ${text(rr.state)}${ours ? '' : ' for another deployment'}: nothing to abort`);
                return;
            }
            if (stable === undefined)
                throw new _platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk('Vercel\u2019s rolling release names no current deployment to go back to');
            value(await api.rollback(api.client, { projectId: options.project, deploymentId: stable, ...team, description: 'roadstop canary-release: the canary failed its watch' }), 'rolling production back to the stable deployment');
            deps.log(`canary-release: Vercel rolled back to ${stable}: the rolling release is aborted, 100% on stable`);
        },
        async promote() {
            const api = await client();
            const rr = checked(value(await api.get(api.client, { idOrName: options.project, ...team }, cancellable), 'reading the rolling release'), 'the read');
            if (rr.state === 'COMPLETE')
                return;
            value(await api.complete(api.client, { idOrName: options.project, ...team, requestBody: { canaryDeploymentId: canaryId } }, cancellable), 'completing the rolling release');
        },
    };
}


/***/ })

};
