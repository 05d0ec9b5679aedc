import { titleOf } from '../../src/knowledge/council-knowledge';
import { measureCoverage } from '../../src/knowledge/coverage';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { buildQuoteIndex } from '../../src/knowledge/quote-check';
import { ASKER_ROLES, SUBJECT_ROLES } from '../../src/knowledge/schemas/identifiers';
import { CONTRACT_COUNCILS, PROTOCOL_DATA_DIR } from '../support/knowledge-base-fixture';

const kb = loadKnowledgeBase(PROTOCOL_DATA_DIR);

describe('the knowledge base', () => {
  it('loads the five councils of the contract', async () => {
    expect(kb.councilIds().sort()).toEqual(CONTRACT_COUNCILS);
  });

  describe.each(CONTRACT_COUNCILS)('%s', (id) => {
    const council = kb.council(id);

    it('quotes every clause word for word from its source text', async () => {
      const index = buildQuoteIndex(council.sourceText);
      const misquoted = council.clauses.filter((clause) => !index.contains(clause.text)).map((clause) => clause.id);
      expect(misquoted).toEqual([]);
    });

    it('uses every substantive clause in a topic, route or briefing rule', async () => {
      expect(measureCoverage(council).unused).toEqual([]);
    });

    it('rests every substantive clause in a point, and gives every point an answer for each asker it is written for', async () => {
      expect(measureCoverage(council).notInPoints).toEqual([]);
      expect(council.points.length).toBeGreaterThan(40);
      for (const point of council.points) {
        for (const role of ASKER_ROLES) {
          if (point.audience === 'both' || point.audience === role) expect(point.answer ?? point.answers?.[role]).toEqual(expect.any(String));
        }
      }
    });

    it('answers every topic of the taxonomy, with guidance that cites clauses or an explicit "not covered"', async () => {
      for (const topic of kb.topics) {
        const guidance = council.topics.get(topic.id);
        expect(guidance).toBeDefined();
        if (guidance?.covered) expect(guidance.clauses.length).toBeGreaterThan(0);
      }
    });

    it('has exactly one route for every complainant and subject pair', async () => {
      for (const from of ASKER_ROLES) {
        for (const about of SUBJECT_ROLES) {
          expect(council.routes.filter((route) => route.from === from && route.about === about)).toHaveLength(1);
        }
      }
    });

    it('quotes clause numbers the way the protocol numbers them', async () => {
      const ids = council.clauses.map((clause) => clause.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(council.clauses.length).toBeGreaterThan(20);
    });
  });

  it("speaks in each council's own titles", async () => {
    expect(titleOf(kb.council('lydney'), 'chief-executive')).toBe('Town Clerk (CEO)');
    expect(titleOf(kb.council('london-councils'), 'chief-officer')).toMatch(/Director/);
    expect(titleOf(kb.council('district-code'), 'chief-officer')).toMatch(/Executive Head|Strategic Director/);
    expect(titleOf(kb.council('lydney'), 'chair')).toMatch(/Chairman/);
  });

  it('keeps the paragraph numbers the protocols use', async () => {
    expect(kb.council('council-2016').clauseById.get('8.4')?.text).toMatch(/^If an individual Member has a complaint about a junior officer/);
    expect(kb.council('lydney').clauseById.get('4.3(d)')?.text).toMatch(/advise all other groups/);
    expect(kb.council('london-councils').clauses.some((clause) => clause.section === '13')).toBe(true);
  });

  it('gives London Councils complaints about members a 5-working-day deadline with copies to the Chief Executive and group leader', async () => {
    const route = kb.council('london-councils').routes.find((r) => r.from === 'officer' && r.about === 'member');
    expect(route?.protocolSpeaks).toBe(true);
    if (!route?.protocolSpeaks) return;
    expect(route.acknowledgeWithinWorkingDays).toBe(5);
    const told = [...route.copies, ...route.informed].map((party) => party.role);
    expect(told).toEqual(expect.arrayContaining(['chief-executive', 'group-leader']));
  });

  it('refuses an unknown council with the list of known ones', async () => {
    expect(() => kb.council('atlantis')).toThrow(/unknown council "atlantis".*lydney/);
  });
});
