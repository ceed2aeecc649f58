export const id = 761;
export const ids = [761];
export const modules = {

/***/ 12761:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   measureLoop: () => (/* binding */ measureLoop)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75919);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(38522);
// The measuring loop, and the program of each measuring worker thread.
//
// A module of its own, in JavaScript: the worker runs this very file, as ncc copies it beside the
// bundle (`new URL('./measure-worker.mjs', import.meta.url)` in measure.ts), so it imports nothing
// but Node's built-ins; the calling thread loads it with import() when a job comes, and runs the
// same loop. Its types are in measure-worker.d.mts.





/**
 * What every thread of a job runs: take the next file index from the shared counter, read the file
 * once into a reused buffer, hash it, and compress it only when the baseline has no size for its
 * hash. Memory stays bounded by one file per thread.
 */
function measureLoop(job, cache) {
  const { files, workspace, gzip, brotli, gzipLevel, brotliQuality } = job;
  const next = new Int32Array(job.counter);
  const results = [];
  let buffer = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= files.length) break;
    const path = files[index];
    let content;
    try {
      const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(workspace + '/' + path, 'r');
      try {
        // No fstat: read until a short read; a full buffer doubles and goes on.
        let read = 0;
        for (;;) {
          const got = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, read, buffer.length - read, read);
          read += got;
          if (got === 0 || read < buffer.length) break;
          const bigger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(bigger, 0, 0, read);
          buffer = bigger;
        }
        content = buffer.subarray(0, read);
      } finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
      }
    } catch (error) {
      // The other threads stop at their next file.
      Atomics.store(next, 0, files.length);
      return { error: { path, code: error?.code ?? String(error) } };
    }
    const entry = { index, raw: content.length, hash: (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.hash)('sha256', content, 'hex'), reused: false };
    const known = cache[entry.hash];
    if (known && (!gzip || known.gzip !== undefined) && (!brotli || known.brotli !== undefined)) {
      if (gzip) entry.gzip = known.gzip;
      if (brotli) entry.brotli = known.brotli;
      entry.reused = true;
    } else {
      if (gzip) entry.gzip = (0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.gzipSync)(content, { level: gzipLevel }).length;
      if (brotli) {
        entry.brotli = (0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.brotliCompressSync)(content, {
          params: { [node_zlib__WEBPACK_IMPORTED_MODULE_3__.constants.BROTLI_PARAM_QUALITY]: brotliQuality, [node_zlib__WEBPACK_IMPORTED_MODULE_3__.constants.BROTLI_PARAM_SIZE_HINT]: content.length },
        }).length;
      }
    }
    results.push(entry);
  }
  return { results };
}

// Only in a worker measure.ts started (its workerData says so), not wherever this module is imported.
if (node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.workerData === 'roadstop-measure' && node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.parentPort) {
  node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.parentPort.once('message', (job) => node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.parentPort.postMessage(measureLoop(job, JSON.parse(job.cache))));
}


/***/ })

};
