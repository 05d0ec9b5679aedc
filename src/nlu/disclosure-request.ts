/**
 * Requests that the bot itself disclose what someone said in a complaint ("tell me what Cllr Patel said in her
 * complaint", "show me every complaint"). Complaint content is confidential and the bot never holds the answer, so
 * such a request is declined however near it reads to a topic about complaints. A question about what an officer
 * may tell others ("can I tell her what the group said?") is not one of these: it asks the protocol, not the bot.
 */
const DISCLOSURE_REQUESTS: readonly RegExp[] = [
  // "tell me what Cllr Patel said about the chief exec in her complaint"
  /\b(?:tell|show|give|send|read|forward)\s+(?:me|us)\s+(?:what|everything|anything)\b[^.?!]*\b(?:said|says|say|wrote|writes|write|put|alleged|claimed)\b[^.?!]*\bcomplain/i,
  // "show me every complaint", "send me her complaint", "read me Cllr Patel's complaints"
  /\b(?:show|send|give|read|forward|list)\s+(?:me|us)\s+(?:every|all(?:\s+the)?|his|her|their|the\s+(?:whole|full|actual)|[\p{L}-]+'s)\s+(?:[\p{L}-]+\s+){0,2}?complaints?\b(?!\s+(?:form|process|procedure|route|policy))/iu,
  // "what did she say in her complaint?"
  /\bwhat\s+(?:did|has|have)\s+[^.?!]{1,40}?\s+(?:say|said|write|written|put|allege|alleged)\s+in\s+(?:his|her|their|the|that|this)\s+complaint/i,
];

/** True when the message asks the bot to reveal a complaint's words. */
export function asksToDiscloseComplaint(text: string): boolean {
  return DISCLOSURE_REQUESTS.some((pattern) => pattern.test(text));
}
