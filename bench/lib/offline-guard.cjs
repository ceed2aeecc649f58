// Preloaded (`node --require`) into every process the bench times.
// 1. Refuses any socket connection or DNS lookup that is not to this machine (loopback or a
//    local socket path), writes `BENCH-NETWORK-BLOCKED <what> <host>` to stderr and throws,
//    so no packet leaves; bench/run.mjs counts those lines and fails on any.
// 2. With BENCH_STUB_BUNDLEWATCH_SHORTENER=1: replaces bundlewatch's resultsPage/shortenURL.js,
//    which bundlewatch calls on EVERY run, token or not (app/index.js main() -> createURL ->
//    shortenURL -> axios.post to a URL-shortener service), by one that returns the long URL,
//    so bundlewatch does not even try.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const Module = require('node:module');
const path = require('node:path');

function isLocal(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

function refuse(what, host) {
  process.stderr.write(`BENCH-NETWORK-BLOCKED ${what} ${host}\n`);
  const err = new Error(`bench: network access to ${host} refused (${what})`);
  err.code = 'EBENCHOFFLINE';
  throw err;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') {
    if (!first.path && !isLocal(first.host)) refuse('connect', first.host);
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (!isLocal(typeof args[1] === 'string' ? args[1] : undefined)) refuse('connect', args[1]);
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  if (!isLocal(host)) refuse('dns.lookup', host);
  return lookup.call(this, host, ...rest);
};
const plookup = dns.promises.lookup;
dns.promises.lookup = function (host, ...rest) {
  if (!isLocal(host)) refuse('dns.promises.lookup', host);
  return plookup.call(this, host, ...rest);
};
for (const fn of ['resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  const orig = dns[fn];
  dns[fn] = function (host, ...rest) {
    if (!isLocal(host)) refuse(`dns.${fn}`, host);
    return orig.call(this, host, ...rest);
  };
}

if (process.env.BENCH_STUB_BUNDLEWATCH_SHORTENER === '1') {
  const file = require.resolve('bundlewatch/lib/app/resultsPage/shortenURL.js', { paths: [path.join(__dirname, '..')] });
  const stub = new Module(file, module);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = { __esModule: true, default: async (url) => url };
  require.cache[file] = stub;
}
