import { startTestServer } from '../support/test-server';

describe('operations endpoints', () => {
  it('serves /metrics only to the bearer of METRICS_TOKEN, and listens on 127.0.0.1 outside production', async () => {
    const bot = await startTestServer({ METRICS_TOKEN: 'a-long-metrics-token-for-tests' });
    try {
      expect((bot.server.address() as { address: string }).address).toBe('127.0.0.1');
      expect((await fetch(`${bot.base}/metrics`)).status).toBe(401);
      expect((await fetch(`${bot.base}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-same-len!!!!!' } })).status).toBe(401);
      const scraped = await fetch(`${bot.base}/metrics`, { headers: { authorization: 'Bearer a-long-metrics-token-for-tests' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/etiquette_cases_overdue 0/);
    } finally {
      await bot.stop();
    }
  });

  it('refuses /metrics without a token outside development, saying what to set', async () => {
    const bot = await startTestServer({});
    try {
      const refused = await fetch(`${bot.base}/metrics`);
      expect(refused.status).toBe(403);
      expect(JSON.stringify(await refused.json())).toMatch(/METRICS_TOKEN/);
    } finally {
      await bot.stop();
    }
  });
});
