export const id = 943;
export const ids = [943,861];
export const modules = {

/***/ 52943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openSlackApi: () => (/* binding */ openSlackApi)
/* harmony export */ });
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44015);
/* harmony import */ var _roadstop_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4962);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9257);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31554);
/* harmony import */ var _webhook_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(99861);





/**
 * The token transport: @slack/web-api's WebClient, configured, not rewritten.
 * It retries itself (the policy as retryConfig: 5xx and network errors back
 * off, a 429 waits its Retry-After since rejectRateLimitedCalls is false),
 * and its fetch is ours: the proxy, and the budget. The client waits out any
 * Retry-After however long, so a 429 asking for more than the budget has
 * left is handed to it without the header, which it gives up on at once; the
 * error then says what Slack asked for. Loaded when the first message is
 * sent, not by a step that stops at its inputs.
 */
async function openSlackApi(options) {
    const { WebClient, ErrorCode } = await __webpack_require__.e(/* import() */ 105).then(__webpack_require__.t.bind(__webpack_require__, 85105, 23));
    const { policy, startedAt } = options;
    let refusedWait;
    const budgeted = async (url, init) => {
        const left = policy.budgetMs - (Date.now() - startedAt);
        if (left <= 0)
            throw Object.assign(new Error(`the ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(policy.budgetMs)} the step may spend sending are spent`), { name: 'TimeoutError' });
        const signal = AbortSignal.any([AbortSignal.timeout(Math.min(left, policy.requestTimeoutMs)), ...(init?.signal ? [init.signal] : [])]);
        const response = await options.fetch(url, { ...init, signal });
        if (response.status === 429) {
            const seconds = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterSeconds */ .C3)(response.headers.get('retry-after'), Date.now());
            const remaining = policy.budgetMs - (Date.now() - startedAt);
            if (seconds !== undefined && seconds * 1000 >= remaining) {
                refusedWait = `rate limited (429): Slack asked to wait ${seconds} s, more than the ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(Math.max(0, remaining))} left of the ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(policy.budgetMs)} the step may spend sending`;
                return new Response(await response.text(), { status: 429, statusText: response.statusText });
            }
        }
        return response;
    };
    const client = new WebClient(options.token, {
        slackApiUrl: options.apiUrl,
        retryConfig: (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .webApiRetryConfig */ .t4)(policy),
        rejectRateLimitedCalls: false,
        fetch: budgeted,
        timeout: policy.requestTimeoutMs,
        allowAbsoluteUrls: false,
        logger: clientLogger(options),
    });
    const call = async (method, args) => {
        refusedWait = undefined;
        let result;
        try {
            result = await client.apiCall(method, args);
        }
        catch (error) {
            throw toSendError(error, ErrorCode, refusedWait);
        }
        return { channel: typeof result.channel === 'string' ? result.channel : typeof args.channel === 'string' ? args.channel : '', ts: result.ts ?? '' };
    };
    return { post: (args) => call('chat.postMessage', args), update: (args) => call('chat.update', args) };
}
/** Slack's own error code where Slack answered; what happened on the way where it did not. Never the token. */
function toSendError(error, codes, refusedWait) {
    const failure = error;
    if (refusedWait)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .P('ratelimited', refusedWait);
    switch (failure.code) {
        case codes.PlatformError: {
            const details = failure.data?.response_metadata?.messages?.slice(0, 3).join('; ');
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .P(failure.data?.error ?? 'unknown_error', details);
        }
        case codes.HTTPError:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .P(`http_${failure.statusCode ?? 'error'}`, 'Slack answered with an error page, after the retries');
        case codes.RateLimitedError:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .P('ratelimited', `Slack asked to wait ${failure.retryAfter ?? '?'} s`);
        case codes.RequestError:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .P('network_error', `no answer from Slack after the retries (${(0,_webhook_js__WEBPACK_IMPORTED_MODULE_4__/* .describeNetworkError */ .g)(failure.original)})`);
        case undefined:
        default:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .P('unknown_error', failure instanceof Error ? failure.message : String(error));
    }
}
/** The client's own log: its retries and warnings in the step's log, its request traces in the debug log. */
function clientLogger(options) {
    const text = (parts) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
    let level = 'info';
    let name = 'web-api';
    return {
        debug: (...parts) => options.debug(`${name}: ${text(parts)}`),
        info: (...parts) => options.log(`Slack: ${text(parts)}`),
        warn: (...parts) => options.log(`Slack: ${text(parts)}`),
        error: (...parts) => options.log(`Slack: ${text(parts)}`),
        setLevel: (next) => {
            level = next;
        },
        getLevel: () => level,
        setName: (next) => {
            name = next;
        },
    };
}


/***/ }),

/***/ 99861:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ describeNetworkError),
/* harmony export */   postToWebhook: () => (/* binding */ postToWebhook)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9257);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31554);



/**
 * Post a message to an incoming webhook with the retry policy the token's
 * client has: @slack/webhook gives up at once on a 429. Slack answers `ok`,
 * or an error code as the body (`no_service`, `invalid_payload`, \u2026), which is
 * what a failure says. No message names the URL.
 */
async function postToWebhook(url, message, options) {
    const { policy, log, label } = options;
    const sleep = options.sleep ?? ((ms) => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms));
    for (let retries = 0;; retries++) {
        const left = policy.budgetMs - (Date.now() - options.startedAt);
        let attempt;
        let body = '';
        try {
            const response = await options.fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json; charset=utf-8' },
                body: JSON.stringify(message),
                redirect: 'error',
                signal: AbortSignal.timeout(Math.max(1, Math.min(policy.requestTimeoutMs, left))),
            });
            body = (await response.text()).trim();
            if (response.ok)
                return;
            attempt = { status: response.status, retryAfter: response.headers.get('retry-after') };
        }
        catch (error) {
            attempt = { networkError: describeNetworkError(error) };
        }
        const decision = (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .decideRetry */ .tE)(attempt, retries, policy, Date.now() - options.startedAt, Date.now());
        if (!decision.retry) {
            if ('networkError' in attempt)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlackSendError */ .P('network_error', decision.reason);
            // Slack's incoming webhooks answer with the error code as the body.
            const code = /^[a-z_]{2,60}$/.test(body) ? body : `http_${attempt.status}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SlackSendError */ .P(code, attempt.status === 429 || attempt.status >= 500 ? decision.reason : `HTTP ${attempt.status}`);
        }
        log(`${label}: ${decision.reason}; retry ${retries + 1} of ${policy.retries} in ${Math.ceil(decision.waitMs / 1000)} s`);
        await sleep(decision.waitMs);
    }
}
/** The cause without the URL: fetch's errors carry the request, and the URL is a secret. */
function describeNetworkError(error) {
    const cause = error?.cause;
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        return 'no answer in time';
    return cause?.code ?? (error instanceof Error ? error.name : 'network error');
}


/***/ })

};
