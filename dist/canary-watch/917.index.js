export const id = 917;
export const ids = [917];
export const modules = {

/***/ 5917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// UNUSED EXPORTS: DEFAULT_GITHUB_API_URL, describeGitHubError

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(14730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-request-log/dist-src/index.js + 1 modules
var plugin_request_log_dist_src = __webpack_require__(55077);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var dist_bundle = __webpack_require__(93779);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js + 3 modules
var plugin_rest_endpoint_methods_dist_src = __webpack_require__(49210);
;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/version.js
const VERSION = "22.0.1";


;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/index.js





const Octokit = dist_src/* Octokit */.E.plugin(plugin_request_log_dist_src/* requestLog */.M, plugin_rest_endpoint_methods_dist_src/* legacyRestEndpointMethods */.T, dist_bundle/* paginateRest */.ud).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION}`
  }
);


// EXTERNAL MODULE: ./packages/github/src/errors.ts
var errors = __webpack_require__(73570);
// EXTERNAL MODULE: ./packages/github/src/network-budget.ts
var network_budget = __webpack_require__(1409);
// EXTERNAL MODULE: ./packages/github/src/retry-policy.ts
var retry_policy = __webpack_require__(42610);
;// CONCATENATED MODULE: ./packages/github/src/client.ts





// Re-exported: callers that create the client also describe its failures.

const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
const realSleep = (ms, signal) => (0,promises_.setTimeout)(ms, undefined, signal ? { signal } : {});
/**
 * An Octokit that rides out rate limits and GitHub's own hiccups, so a gate
 * fails for the user's reasons only. Permission errors, 404 and 422 are not
 * retried: asking again cannot change the answer.
 */
function createGitHubClient(options) {
    const baseUrl = (options.baseUrl || process.env['GITHUB_API_URL'] || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
    const limits = {
        maxRetries: options.maxRetries ?? 3,
        maxRetryWaitSeconds: options.maxRetryWaitSeconds ?? 60,
        serverErrorBackoffSeconds: options.serverErrorBackoffSeconds ?? 1,
    };
    const log = options.log ?? (() => { });
    const sleep = options.sleep ?? realSleep;
    const { budget } = options;
    const timeoutMs = options.requestTimeoutMs ?? network_budget/* DEFAULT_REQUEST_TIMEOUT_MS */.Zc;
    const token = options.token;
    const octokit = new Octokit({
        ...(token ? { auth: token } : {}),
        baseUrl,
        userAgent: 'roadstop',
        // Octokit logs every request, and every failed one as an error; the failures reach
        // the caller as errors anyway, so only its warnings (deprecations) are passed on.
        log: { debug: () => { }, info: () => { }, warn: log, error: () => { } },
    });
    octokit.hook.wrap('request', async (request, requestOptions) => {
        // Method and path only: the token travels in a header and never reaches a message.
        const label = `${requestOptions.method} ${pathOf(octokit.request.endpoint.parse(requestOptions).url)}`;
        const callerSignal = requestOptions.request?.signal;
        for (let attempt = 0;; attempt++) {
            if (budget?.signal.aborted)
                throw new network_budget/* NetworkBudgetError */.sC(budget.ms, `about to send ${label}`);
            // Octokit hands `request.signal` to fetch, which aborts the body's reading too:
            // a server that sends headers and then stalls is cut off as well.
            const timeout = AbortSignal.timeout(timeoutMs);
            const signal = AbortSignal.any([timeout, ...(budget ? [budget.signal] : []), ...(callerSignal ? [callerSignal] : [])]);
            try {
                // In place: the hooks below this one were bound to this very options object. A new
                // `request` object, because Octokit shares the one of its defaults between calls.
                requestOptions.request = { ...requestOptions.request, signal };
                const response = await request(requestOptions);
                // Octokit turns a body whose reading was aborted into an empty answer: not an answer at all.
                if (signal.aborted)
                    throw signal.reason;
                return response;
            }
            catch (error) {
                if (callerSignal?.aborted)
                    throw error;
                if (budget?.signal.aborted)
                    throw new network_budget/* NetworkBudgetError */.sC(budget.ms, `waiting for ${label}`);
                if (timeout.aborted) {
                    if (attempt >= limits.maxRetries)
                        throw new network_budget/* RequestTimeoutError */.DH(timeoutMs, label);
                    log(`GitHub did not answer ${label} within ${(0,network_budget/* formatMs */._V)(timeoutMs)}; retry ${attempt + 1} of ${limits.maxRetries}`);
                    continue;
                }
                if (!(0,errors/* isHttpError */.d)(error))
                    throw error;
                const headers = error.response?.headers ?? {};
                const decision = (0,retry_policy/* decideRetry */.tE)({ status: error.status, headers, message: (0,errors/* gitHubMessage */.RG)(error) }, attempt, limits, Date.now());
                if (decision.retry) {
                    const waitMs = decision.waitSeconds * 1000;
                    if (budget && waitMs >= budget.remainingMs()) {
                        throw new network_budget/* NetworkBudgetError */.sC(budget.ms, `GitHub asked to wait ${decision.waitSeconds} s before retrying ${label} (${decision.reason}), more than the ${(0,network_budget/* formatMs */._V)(budget.remainingMs())} left`);
                    }
                    log(`GitHub ${decision.reason} on ${label}; retry ${attempt + 1} of ${limits.maxRetries} in ${decision.waitSeconds} s`);
                    try {
                        await sleep(waitMs, budget?.signal);
                    }
                    catch (sleepError) {
                        if (budget?.signal.aborted)
                            throw new network_budget/* NetworkBudgetError */.sC(budget.ms, `waiting to retry ${label}`);
                        throw sleepError;
                    }
                    continue;
                }
                if (decision.reason === 'wait-too-long') {
                    throw new errors/* GitHubRateLimitError */.Rr(error.status, decision.waitSeconds, limits.maxRetryWaitSeconds, label);
                }
                // The body may be an HTML page or a proxy's echo of the request: only the status,
                // GitHub's own message (with the token cut out) and the rate-limit headers go on.
                throw (0,errors/* redactedHttpError */.ZU)(error, token ? [token] : []);
            }
        }
    });
    return octokit;
}
function pathOf(url) {
    return url.replace(/^[a-z]+:\/\/[^/]+/i, '');
}


/***/ })

};
