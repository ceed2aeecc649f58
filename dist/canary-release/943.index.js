export const id = 943;
export const ids = [943,861];
export const modules = {

/***/ 52943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openSlackApi: () => (/* binding */ openSlackApi)
/* harmony export */ });
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95758);
/* harmony import */ var _roadstop_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76610);
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
    // What to say instead of the client's own error, when this fetch made it give up at once.
    let refused;
    // A 429 without Retry-After: the client gives up on it at once (an AbortError), no retry.
    const giveUp = (error) => {
        refused = error;
        return new Response('', { status: 429 });
    };
    const budgeted = async (url, init) => {
        const left = policy.budgetMs - (Date.now() - startedAt);
        if (left <= 0)
            throw Object.assign(new Error(`the ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(policy.budgetMs)} the step may spend sending are spent`), { name: 'TimeoutError' });
        const signal = AbortSignal.any([AbortSignal.timeout(Math.min(left, policy.requestTimeoutMs)), ...(init?.signal ? [init.signal] : [])]);
        // The client asks for redirect: 'error', which fetch answers with a bare TypeError that the client retries
        // as a network failure for the whole budget. The edge's same-origin policy instead: a redirect within api-url's
        // origin is followed, one to another origin is Slack's (or the api-url's) answer, said at once, never followed.
        let response;
        try {
            response = await options.fetch(url, { ...init, redirect: 'same-origin', signal });
        }
        catch (error) {
            if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .RedirectRefusedError */ .jw) {
                // Another origin: never followed. Too many hops, or not to http(s): said as edgeFetch says it.
                return giveUp(error.refusal === 'cross-origin' ? redirectError(error.status, error.targetOrigin, url) : new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('redirected', `Slack answered ${error.message}`));
            }
            throw error;
        }
        if (response.status >= 300 && response.status < 400) {
            await response.body?.cancel().catch(() => { });
            return giveUp(redirectError(response.status, response.headers.get('location'), url));
        }
        if (response.status === 429) {
            const seconds = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterSeconds */ .C3)(response.headers.get('retry-after'), Date.now());
            const remaining = policy.budgetMs - (Date.now() - startedAt);
            if (seconds !== undefined && seconds * 1000 >= remaining) {
                await response.body?.cancel().catch(() => { });
                return giveUp(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('ratelimited', `rate limited (429): Slack asked to wait ${seconds} s, more than the ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(Math.max(0, remaining))} left of the ${(0,_roadstop_github__WEBPACK_IMPORTED_MODULE_1__/* .formatMs */ ._V)(policy.budgetMs)} the step may spend sending`));
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
        refused = undefined;
        let result;
        try {
            result = await client.apiCall(method, args);
        }
        catch (error) {
            throw toSendError(error, ErrorCode, refused);
        }
        // Both go to the log, the outputs and later steps' inputs: only Slack's own shapes are taken.
        const { channel, ts } = result;
        if (typeof channel !== 'string' || !_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SLACK_CHANNEL_ID */ .Xh.test(channel) || typeof ts !== 'string' || !_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SLACK_TS */ .xK.test(ts)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('unreadable_answer', `Slack answered ${method} with ok but without a channel ID and message ts of Slack's form (C0123456789, 1712345678.123456)`);
        }
        return { channel, ts };
    };
    return { post: (args) => call('chat.postMessage', args), update: (args) => call('chat.update', args) };
}
/** A redirect from Slack to another origin (or one that cannot be followed), named with its status and the origin it pointed to: never followed, so the token stays. */
function redirectError(status, location, from) {
    let target = 'nowhere readable';
    try {
        if (location)
            target = new URL(location, from).origin;
    }
    catch {
        // Not a URL: said as such.
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('redirected', `Slack answered HTTP ${status}, a redirect to ${target}, which is not followed: neither the token nor the message goes to another address`);
}
/**
 * Slack's own error code where Slack answered; what happened on the way where
 * it did not. Never the body: a code that is not of Slack's form (a proxy's
 * page, an echo of the request with its Authorization header) is said as
 * unreadable. Never the token.
 */
function toSendError(error, codes, refused) {
    const failure = error;
    if (refused)
        return refused;
    switch (failure.code) {
        case codes.PlatformError: {
            // The client makes a PlatformError of a 200 only (any other status is an HTTPError).
            const code = failure.data?.error;
            return typeof code === 'string' && _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SLACK_ERROR_CODE */ .CZ.test(code) ? new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX(code) : new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('unreadable_answer', 'Slack answered 200 with an unreadable body');
        }
        case codes.HTTPError: {
            const status = Number.isInteger(failure.statusCode) ? String(failure.statusCode) : 'error';
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX(`http_${status}`, 'Slack answered with an error page, after the retries');
        }
        case codes.RateLimitedError:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('ratelimited', `Slack asked to wait ${Number.isFinite(failure.retryAfter) ? failure.retryAfter : '?'} s`);
        case codes.RequestError:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('network_error', `no answer from Slack after the retries (${(0,_webhook_js__WEBPACK_IMPORTED_MODULE_4__/* .describeNetworkError */ .g)(failure.original)})`);
        case undefined:
        default:
            // The client's own failure, not Slack's words: its name only.
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('unknown_error', `the Slack client failed (${failure instanceof Error ? failure.name : typeof error})`);
    }
}
/**
 * The client's own log: its retries and warnings in the step's log, its
 * request traces in the debug log. Its traces quote Slack's answers, which may
 * echo the token: cut out here, not left to the runner's mask.
 */
function clientLogger(options) {
    const text = (parts) => (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '), [options.token]);
    const say = (...parts) => options.log(`Slack: ${text(parts)}`);
    return {
        debug: (...parts) => options.debug(`web-api: ${text(parts)}`),
        info: say,
        warn: say,
        error: say,
        // The client names and levels only a logger of its own (getLogger): never called on a given one.
        setLevel: () => { },
        getLevel: () => 'info',
        setName: () => { },
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
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95758);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9257);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31554);




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
            // A redirect is an answer, not a failure to reach Slack: said at once, not retried, and not followed.
            if (error instanceof _roadstop_core__WEBPACK_IMPORTED_MODULE_1__/* .RedirectRefusedError */ .jw)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('redirected', `Slack answered HTTP ${error.status}, a redirect to ${error.targetOrigin}, which is not followed: the message goes to no other address`);
            attempt = { networkError: describeNetworkError(error) };
        }
        const decision = (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .decideRetry */ .tE)(attempt, retries, policy, Date.now() - options.startedAt, Date.now());
        if (!decision.retry) {
            if ('networkError' in attempt)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX('network_error', decision.reason);
            // Slack's incoming webhooks answer with the error code as the body; any other body is never shown.
            if (!_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SLACK_ERROR_CODE */ .CZ.test(body))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX(`http_${attempt.status}`, `Slack answered ${attempt.status} with an unreadable body${attempt.status === 429 || attempt.status >= 500 ? `; ${decision.reason}` : ''}`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .SlackSendError */ .PX(body, attempt.status === 429 || attempt.status >= 500 ? decision.reason : `HTTP ${attempt.status}`);
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
    // A system error's code (ECONNREFUSED) or the error's name: never its message, which may quote the request.
    const named = cause?.code ?? (error instanceof Error ? error.name : undefined);
    return typeof named === 'string' && /^[A-Za-z_]{1,40}$/.test(named) ? named : 'network error';
}


/***/ })

};
