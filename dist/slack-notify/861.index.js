export const id = 861;
export const ids = [861];
export const modules = {

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
