export const id = 917;
export const ids = [917];
export const modules = {

/***/ 5917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// UNUSED EXPORTS: DEFAULT_GITHUB_API_URL, MAX_RESPONSE_BYTES

// EXTERNAL MODULE: ./packages/core/src/index.ts + 22 modules
var src = __webpack_require__(95758);
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





const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/**
 * The largest JSON or text answer read: a page of 100 issue comments of 65,536
 * characters each is under 25 MB. A larger answer is not GitHub's, and is cut
 * off rather than held in memory.
 */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
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
    const { budget } = options;
    const timeoutMs = options.requestTimeoutMs ?? network_budget/* DEFAULT_REQUEST_TIMEOUT_MS */.Zc;
    const token = options.token;
    const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    // The signals of the requests whose answer was cut off for its size: their (empty) data is not an answer.
    const tooLarge = new WeakSet();
    const octokit = new Octokit({
        ...(token ? { auth: token } : {}),
        baseUrl,
        userAgent: 'roadstop',
        // Through the environment's proxy, and no token to another origin on a redirect (core's http-fetch.ts);
        // answers bounded in size on top of it.
        request: { fetch: boundedFetch(maxBytes, tooLarge) },
        // Octokit logs every request, and every failed one as an error; the failures reach
        // the caller as errors anyway, so only its warnings (deprecations) are passed on.
        log: { debug: () => { }, info: () => { }, warn: log, error: () => { } },
    });
    /** The pause before a retry, within the budget, cut short (and named) when the budget runs out during it. */
    const waitToRetry = (waitMs, label, attempt) => ({
        waitMs, leftMs: budget?.remainingMs() ?? Infinity, attempt, signal: budget?.signal, sleep: options.sleep,
        cancelled: () => new network_budget/* NetworkBudgetError */.sC(budget?.ms ?? 0, `waiting to retry ${label}`),
    });
    octokit.hook.wrap('request', async (request, requestOptions) => {
        // Method and path only: the token travels in a header and never reaches a message.
        const label = `${requestOptions.method} ${(0,errors/* pathOf */.XM)(octokit.request.endpoint.parse(requestOptions).url)}`;
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
                if (tooLarge.has(signal))
                    throw new errors/* GitHubGarbageError */.f$(label, `an answer of at most ${formatBytes(maxBytes)}`);
                // The REST and GraphQL APIs answer JSON; Octokit hands anything else (an HTML page, JSON cut short) on as a
                // string, which its paginator would even read as an empty list: missing data is not an empty answer.
                if ((response.status === 200 || response.status === 201) && typeof response.data === 'string')
                    throw new errors/* GitHubGarbageError */.f$(label, 'JSON');
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
                if (error.response === undefined) {
                    // No answer at all (reset, refused, DNS): retried as a 5xx is, and when that cannot help any more,
                    // said as what it is ("could not reach GitHub"), not as a budget or a status GitHub never sent.
                    const waitMs = limits.serverErrorBackoffSeconds * 1000 * 2 ** attempt;
                    await (0,src/* waitOutRateLimit */.pO)({
                        ...waitToRetry(waitMs, label, attempt), maxRetries: limits.maxRetries, giveUp: () => error,
                        onWait: () => log(`GitHub did not answer ${label} (${(0,errors/* gitHubMessage */.RG)(error)}); retry ${attempt + 1} of ${limits.maxRetries} in ${(0,network_budget/* formatMs */._V)(waitMs)}`),
                    });
                    continue;
                }
                const headers = error.response?.headers ?? {};
                const decision = (0,retry_policy/* decideRetry */.tE)({ status: error.status, headers, message: (0,errors/* gitHubMessage */.RG)(error) }, attempt, limits, Date.now());
                if (decision.retry) {
                    // decideRetry counted the retries; only the budget is checked here.
                    await (0,src/* waitOutRateLimit */.pO)({
                        ...waitToRetry(decision.waitSeconds * 1000, label, attempt), maxRetries: Infinity,
                        giveUp: () => new network_budget/* NetworkBudgetError */.sC(budget?.ms ?? 0, `GitHub asked to wait ${decision.waitSeconds} s before retrying ${label} (${decision.reason}), more than the ${(0,network_budget/* formatMs */._V)(budget?.remainingMs() ?? 0)} left`),
                        onWait: () => log(`GitHub ${decision.reason} on ${label}; retry ${attempt + 1} of ${limits.maxRetries} in ${decision.waitSeconds} s`),
                    });
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
/**
 * fetch with JSON and text answers cut off past `maxBytes` (by Content-Length
 * at once, else while reading), the request's signal marked in `tooLarge`.
 */
function boundedFetch(maxBytes, tooLarge) {
    return async (input, init) => {
        const response = await (0,src/* edgeFetch */.aI)(input, init);
        const type = response.headers.get('content-type') ?? '';
        if (!response.body || !/json|^text\//i.test(type))
            return response;
        const signal = init?.signal;
        const refuse = () => {
            if (signal)
                tooLarge.add(signal);
        };
        if (Number(response.headers.get('content-length')) > maxBytes) {
            refuse();
            await response.body.cancel();
            return withBody(response, null);
        }
        let seen = 0;
        const limited = response.body.pipeThrough(new TransformStream({
            transform(chunk, controller) {
                seen += chunk.byteLength;
                if (seen > maxBytes) {
                    refuse();
                    controller.error(new Error(`answer over ${formatBytes(maxBytes)}`));
                }
                else
                    controller.enqueue(chunk);
            },
        }));
        return withBody(response, limited);
    };
}
/** The same answer (status, headers, URL) with another body. */
function withBody(response, body) {
    const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
}
function formatBytes(bytes) {
    return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}


/***/ })

};
