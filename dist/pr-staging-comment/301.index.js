export const id = 301;
export const ids = [301];
export const modules = {

/***/ 97301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runResolvedGate: () => (/* binding */ runResolvedGate)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _roadstop_core__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(95758);
/* harmony import */ var _roadstop_github__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76610);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(88178);
// fs.promises is read when first used: the promise API (and the streams it loads) costs a step that stops at its config.






/**
 * The rest of one gate's step once its config and options are read
 * (gate-step.ts runGateInStep): report path, baseline, run, result file,
 * outputs, annotations, summary and the baseline upload.
 */
async function runResolvedGate(gate, inputs, resolved) {
    const { options, context, workspace, masked, outputPrefix } = resolved;
    const temp = process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
    // A report written over the baseline it is compared with would destroy the baseline: refused.
    const baselineFile = options.baseline.kind === 'file' ? { baseline: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, options.baseline.path) } : {};
    const reportPath = await (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_3__/* .prepareReportPath */ .tk)(inputs.report, { workspace, gate: gate.name, temp, ...baselineFile });
    const acquired = await (0,_roadstop_github__WEBPACK_IMPORTED_MODULE_4__/* .acquireBaseline */ .Un)(options.baseline, {
        gate: gate.name,
        ranges: gate.resultRanges,
        context,
        token: inputs.token,
        artifactName: inputs.artifactName,
        workspace,
        temp: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(temp, `roadstop-baseline-${gate.name}`),
        log: _io_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq,
    });
    const scratch = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(temp, 'roadstop', gate.name);
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdir(scratch, { recursive: true });
    const secrets = inputs.token ? [inputs.token, ...masked] : masked;
    const env = {
        where: 'action',
        workspace,
        scratch,
        ...(acquired.baseline ? { baseline: acquired.baseline } : {}),
        messages: acquired.messages,
        ...(context.sha ? { commit: context.sha } : {}),
        ...(context.ref ? { ref: context.ref } : {}),
        log: _io_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq,
        changes: (base) => (0,_roadstop_github__WEBPACK_IMPORTED_MODULE_4__/* .acquireChanges */ .Go)({ workspace, context, token: inputs.token, log: _io_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq, ...(base ? { base } : {}) }),
        uploadArtifact: async (name, files, root) => {
            const [first, ...rest] = files;
            // upload: never means nothing of the step's leaves the runner, reports included.
            if (!first || inputs.upload === 'never')
                return undefined;
            const uploaded = await (0,_roadstop_github__WEBPACK_IMPORTED_MODULE_4__/* .uploadResultArtifact */ .cE)({ name, file: first, files: rest, root });
            return uploaded.uploaded ? `uploaded ${files.length} file${files.length === 1 ? '' : 's'} as artifact '${name}' (id ${uploaded.id})` : uploaded.reason;
        },
        artifactName: inputs.artifactName,
        secrets,
    };
    const result = (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_3__/* .redactSecrets */ .fp)(await gate.run(options, env), secrets);
    await (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_3__/* .writeResult */ .Zk)(reportPath, result);
    const io = (0,_io_js__WEBPACK_IMPORTED_MODULE_5__/* .coreIo */ .I0)((0,_io_js__WEBPACK_IMPORTED_MODULE_5__/* .stepPrefix */ .VN)(gate));
    const outputs = { status: result.status, report: reportPath, ...gate.outputValues(result) };
    for (const [name, value] of Object.entries(outputs))
        io.output(`${outputPrefix}${name}`, value === undefined ? '' : String(value));
    for (const message of result.messages) {
        io.annotate(message.file && (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(message.file) ? { ...message, file: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(workspace, message.file) } : message);
    }
    await io.summary(gate.renderMarkdown(result));
    // The result is written and stands: a failed upload (quota, a name taken) is a warning, not the step's end.
    try {
        const published = await (0,_roadstop_github__WEBPACK_IMPORTED_MODULE_4__/* .publishBaseline */ .PE)({ mode: inputs.upload, context, artifactName: inputs.artifactName, reportPath });
        if (published)
            io.notice(published);
    }
    catch (error) {
        io.annotate({ level: 'warning', title: 'Baseline', text: `the result was not uploaded as the baseline artifact: ${error.message}` });
    }
    return { status: result.status, report: reportPath, headline: result.headline, blocking: (0,_roadstop_core__WEBPACK_IMPORTED_MODULE_3__/* .isBlocking */ .Us)(result, options.failOn) };
}


/***/ })

};
