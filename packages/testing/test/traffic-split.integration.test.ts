import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrafficSplit, trafficSplitAvailable, type TrafficSplit } from '../src/traffic-split.js';

const run = promisify(execFile);

// The traffic split the release rehearsal runs against: nginx's weights really split the requests, and Prometheus
// sees each version's share and errors.
describe.skipIf(!trafficSplitAvailable())('the traffic split: nginx weighted between stable and canary, scraped by Prometheus', () => {
  let split: TrafficSplit;
  beforeAll(async () => {
    split = await startTrafficSplit({ requestsPerSecond: 400 });
  }, 60_000);
  afterAll(async () => split?.close());

  /** The canary's share of the requests answered while `ms` pass. */
  async function share(ms: number): Promise<{ share: number; total: number }> {
    const before = split.served();
    await new Promise((done) => setTimeout(done, ms));
    const after = split.served();
    const canary = after.canary - before.canary;
    const total = canary + after.stable - before.stable;
    return { share: canary / total, total };
  }

  it.each([
    [10, 0.05, 0.15],
    [50, 0.4, 0.6],
    [0, 0, 0],
    [100, 1, 1],
  ])('deploy.sh %i: the canary gets that share of the traffic', async (weight, low, high) => {
    const { stdout } = await run(split.deployScript, [String(weight)]);
    expect(stdout).toContain(`the canary gets ${weight}% of the traffic`);
    expect(await split.weight()).toBe(weight);
    const seen = await share(1500);
    expect(seen.total).toBeGreaterThan(300);
    expect(seen.share).toBeGreaterThanOrEqual(low);
    expect(seen.share).toBeLessThanOrEqual(high);
  });

  it.each(['150', 'abc', ''])('deploy.sh %j: refused, the weight unchanged', async (weight) => {
    const before = await split.weight();
    const failure = (await run(split.deployScript, weight === '' ? [] : [weight]).then(
      () => undefined,
      (error: unknown) => error,
    )) as { code: number; stderr: string } | undefined;
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain(`'${weight}' is not a weight from 0 to 100`);
    expect(await split.weight()).toBe(before);
  });

  it("Prometheus sees each version's requests, and a broken canary's 500s", async () => {
    await run(split.deployScript, ['50']);
    split.setBehaviour('canary', { errorRate: 0.08, latencyMs: 0 });
    await new Promise((done) => setTimeout(done, 3500));
    const query = async (promql: string): Promise<Record<string, number>> => {
      const response = await fetch(`${split.prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      return Object.fromEntries(body.data.result.map((series) => [series.metric.version ?? '', Number(series.value[1])]));
    };
    const requests = await query('sum by (version) (increase(http_requests_total[3s]))');
    expect(requests.canary).toBeGreaterThan(100);
    expect(requests.stable).toBeGreaterThan(100);
    const errors = await query('sum by (version) (increase(http_requests_total{code="500"}[3s]))');
    expect(errors.canary! / requests.canary!).toBeGreaterThan(0.04);
    expect(errors.stable ?? 0).toBe(0);
    split.setBehaviour('canary', { errorRate: 0, latencyMs: 0 });
  });
});
