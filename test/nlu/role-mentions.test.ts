import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { complaintSubject, findRoleMentions } from '../../src/nlu/role-mentions';
import { PROTOCOL_DATA_DIR } from '../support/knowledge-base-fixture';

const kb = loadKnowledgeBase(PROTOCOL_DATA_DIR);
const lydney = kb.council('lydney').profile;
const london = kb.council('london-councils').profile;

describe('role mentions', () => {
  it.each([
    ['the director never dealt with my complaint about one of their staff, where do I go now?', london, 'officer'],
    ['who do I complain to about the town clerk?', lydney, 'chief-executive'],
    ['how do I complain about the Clerk', lydney, 'chief-executive'],
    ['a junior officer in planning was rude to me', london, 'officer'],
    ['the party group leader shouted at me in the corridor', london, 'group-leader'],
    ["I'm an officer and a cabinet member shouted at me", london, 'member'],
    ['I want to complain about the Chairman of the Council', lydney, 'chair'],
    ['complaint against the head of paid service', london, 'chief-executive'],
    ['Cllr Jones keeps emailing my team directly', london, 'member'],
    ['my complaint concerns a Director', london, 'chief-officer'],
    ['I wrote to my director about the way a councillor spoke to me at the meeting', london, 'member'],
    ['a councillor was rude to me in front of colleagues after the meeting, who can I raise it with?', london, 'member'],
    ['one of the members made a remark about my colleague in an email to the whole team', london, 'member'],
    ['the cabinet member keeps making jokes about my manager', london, 'member'],
  ])('finds whom "%s" is about', (question, profile, expected) => {
    expect(complaintSubject(question, profile)).toBe(expected);
  });

  it('finds nobody in a question that names no role', async () => {
    expect(complaintSubject('where do complaints go?', london)).toBeUndefined();
  });

  it('prefers the longer phrase ("junior officer" over "officer")', async () => {
    const mentions = findRoleMentions('a junior officer', london);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.phrase).toBe('junior officer');
  });
});
