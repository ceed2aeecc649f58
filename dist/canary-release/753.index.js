export const id = 753;
export const ids = [753];
export const modules = {

/***/ 30753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderReleaseMarkdown: () => (/* binding */ renderReleaseMarkdown),
/* harmony export */   renderReleaseTerminal: () => (/* binding */ renderReleaseTerminal)
/* harmony export */ });
/* harmony import */ var _roadstop_render__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35715);

const ICON = { promote: '\u2705', rollback: '\u274c', inconclusive: '\u26a0\ufe0f' };
/** The job summary: the outcome, then a row per step with its watch's decision and each metric's reason. */
function renderReleaseMarkdown(outcome, steps) {
    const title = `### ${ICON[outcome.decision]} Canary release: ${outcome.decision}${outcome.rolledBack ? ' (rolled back: all traffic on stable)' : ''}`;
    const rows = steps.map((weight, index) => {
        const record = outcome.steps[index];
        if (!record)
            return [String(index + 1), `${weight}%`, '\u2013', '\u2013', 'not reached'];
        const reasons = record.reasons.map((one) => `${one.name}: ${one.verdict}: ${one.reason}`).join('; ');
        return [String(record.step), `${record.weight}%`, (0,_roadstop_render__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(record.canary) + (record.baseline !== undefined ? ` vs ${(0,_roadstop_render__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(record.baseline)}` : ''), record.decision ?? 'stopped', (0,_roadstop_render__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(`${record.reason}${reasons ? ` \u2014 ${reasons}` : ''}`)];
    });
    return (0,_roadstop_render__WEBPACK_IMPORTED_MODULE_0__/* .markdownBlock */ .dI)([title, `**${(0,_roadstop_render__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(outcome.reason)}**`, (0,_roadstop_render__WEBPACK_IMPORTED_MODULE_0__/* .table */ .tp)(['step', 'weight', 'canary vs stable', 'watch', 'why'], rows)]);
}
function renderReleaseTerminal(outcome) {
    const lines = [`canary-release: ${outcome.decision}: ${outcome.reason}`];
    for (const record of outcome.steps)
        lines.push(`  step ${record.step} ${record.weight}%: ${record.decision ?? 'stopped'}: ${record.reason}`);
    return `${lines.join('\n')}\n`;
}


/***/ })

};
