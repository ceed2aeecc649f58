// One build of the example webapp as a server, reporting to Sentry with the real SDK (@sentry/node): its release is
// the build's git SHA, and every page view is one user session (started, then ended: healthy, or errored when the
// page threw). The canary rehearsal runs a stable and a canary build of it behind the Vercel stand-in's traffic split.
// Env: SENTRY_DSN, RELEASE (the build's SHA), ERROR_EVERY (0: never; 5: one page view in five throws), PORT (0: any).
import { createServer } from 'node:http';
import * as Sentry from '@sentry/node';

const release = process.env.RELEASE;
const errorEvery = Number(process.env.ERROR_EVERY ?? '0');
if (!release || !process.env.SENTRY_DSN || !Number.isInteger(errorEvery) || errorEvery < 0) {
  console.error('build-server: SENTRY_DSN, RELEASE and a whole ERROR_EVERY are needed');
  process.exit(2);
}
Sentry.init({ dsn: process.env.SENTRY_DSN, release, environment: 'production', autoSessionTracking: false, sendClientReports: false, defaultIntegrations: false });

let views = 0;
const server = createServer((req, res) => {
  views++;
  // One session per page view, as the browser SDK counts them; nothing awaits in between, so views never interleave.
  Sentry.startSession();
  let failed = false;
  try {
    if (errorEvery > 0 && views % errorEvery === 0) throw new Error(`render failed in ${release}`);
  } catch (error) {
    Sentry.captureException(error);
    failed = true;
  }
  Sentry.endSession();
  res.writeHead(failed ? 500 : 200, { 'content-type': 'text/plain' }).end(`${release}\n`);
});
server.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
// On SIGTERM the sessions still queued are sent first. Sentry.flush rejects when one of them fails to send (Sentry
// gone, the connection reset): said in one line and the exit code, never an unhandled rejection.
process.on('SIGTERM', () => {
  Sentry.flush(2000).then(
    (done) => {
      if (!done) console.error('build-server: sessions not all sent to Sentry within 2 s of shutdown');
      process.exit(done ? 0 : 1);
    },
    (error) => {
      console.error(`build-server: sessions not sent to Sentry at shutdown: ${error?.code ?? error?.message ?? error}`);
      process.exit(1);
    },
  );
});
