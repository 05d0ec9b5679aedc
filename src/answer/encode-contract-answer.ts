import { replyBodyOf, type ReplyBody } from './compose-reply';
import { contractRoute, toContractAnswer } from './contract-answer';
import type { ReplyModel } from './reply-model';
import { renderPlainText } from './render-plain-text';

/**
 * The parts of a reply's Answer JSON that follow from its cached body, encoded once: most of an answer's bytes
 * (the text with its quoted sources, the citations, the route and the buttons) are the same for every question
 * that lands on the same council, role, topic and complaint subject (or is declined at the same council).
 */
interface BodyEncoding {
  outOfScope: boolean;
  council: string;
  role: string;
  intent: string | null;
  councilName: string;
  topicTitle: string | null;
  /** `"council":…,"role":…,"intent":…,"confidence":` */
  headFields: string;
  /** `,"outOfScope":…,"text":"…` up to, not including, the closing quote (a "did you mean" line may follow). */
  textOpen: Buffer;
  /** `","citations":[…],"alternatives":` */
  citationsThenAlternatives: Buffer;
  /** `,"topicTitle":…,"route":…,"followUps":[…` without the closing bracket (a "did you mean" button may follow). */
  tailOpen: Buffer;
  /** Whether the body has buttons of its own, so a "did you mean" button needs a comma before it. */
  hasFollowUps: boolean;
}

/** Encodings by body: bodies are cached per council and key, so this is bounded by the protocols too. */
const encodings = new WeakMap<ReplyBody, BodyEncoding>();

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** A JSON string literal without its closing quote. */
const openString = (text: string) => JSON.stringify(text).slice(0, -1);

function encodeBody(reply: ReplyModel, body: ReplyBody): BodyEncoding {
  const bodyOnly: ReplyModel = { ...reply, ...body, followUps: [...body.followUps] };
  const answer = toContractAnswer(bodyOnly);
  const followUps = JSON.stringify(answer.followUps);
  return {
    outOfScope: reply.outOfScope,
    council: reply.council,
    role: reply.role,
    intent: reply.intent,
    headFields: `"council":${JSON.stringify(reply.council)},"role":${JSON.stringify(reply.role)},"intent":${JSON.stringify(reply.intent)},"confidence":`,
    councilName: reply.councilName,
    topicTitle: reply.topicTitle,
    textOpen: utf8(`,"outOfScope":${String(reply.outOfScope)},"text":${openString(renderPlainText(bodyOnly))}`),
    citationsThenAlternatives: utf8(`","citations":${JSON.stringify(answer.citations)},"alternatives":`),
    tailOpen: utf8(`,"topicTitle":${JSON.stringify(reply.topicTitle)},"route":${JSON.stringify(contractRoute(body.route))},"followUps":${followUps.slice(0, -1)}`),
    hasFollowUps: body.followUps.length > 0,
  };
}

/** Whether two lists hold the same items in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** The "did you mean" buttons a reply adds after its body's, or null if the reply is no longer its body plus those. */
function addedDidYouMean(reply: ReplyModel, body: ReplyBody): ReplyModel['followUps'] | null {
  if (reply.headline !== body.headline || reply.route !== body.route) return null;
  if (!sameItems(reply.doList, body.doList) || !sameItems(reply.dontList, body.dontList) || !sameItems(reply.contacts, body.contacts)) return null;
  if (!sameItems(reply.citations, body.citations) || !sameItems(reply.elsewhere, body.elsewhere)) return null;
  const own = body.followUps.length;
  if (reply.followUps.length < own || !sameItems(reply.followUps.slice(0, own), body.followUps)) return null;
  const added = reply.followUps.slice(own);
  // a declined reply lists every button in its text, after any "did you mean": not a simple splice
  if (added.length > 0 && reply.outOfScope) return null;
  return added.every((followUp) => followUp.kind === 'did-you-mean') ? added : null;
}

/** A piece of an encoded answer: UTF-8 bytes, or text to be sent as UTF-8. */
export type AnswerChunk = Buffer | string;

/**
 * The Answer JSON of CONTRACTS.md for a reply, as chunks: together, in UTF-8, exactly the bytes of
 * `JSON.stringify(toContractAnswer(reply, id))` (test/answer/encode-contract-answer.test.ts holds the two together).
 * A reply composed from a cached body splices the question's own parts (id, confidence, alternatives, "did you
 * mean") between the body's stored chunks, which are sent as they are rather than copied for each answer; a reply
 * changed since it was composed is encoded whole. The question's own parts are left as text: the socket encodes
 * them as it sends, which costs less than making a buffer of each first.
 */
export function encodeContractAnswerChunks(reply: ReplyModel, id?: string): AnswerChunk[] {
  const body = replyBodyOf(reply);
  const didYouMean = body ? addedDidYouMean(reply, body) : null;
  if (!body || !didYouMean) return [JSON.stringify(toContractAnswer(reply, id))];
  let encoding = encodings.get(body);
  if (!encoding || !encodes(encoding, reply)) {
    encoding = encodeBody(reply, body);
    encodings.set(body, encoding);
  }
  const head = `{${id === undefined ? '' : `"id":${JSON.stringify(id)},`}${encoding.headFields}${number(reply.confidence)}`;
  const alternatives = encodeAlternatives(reply.alternatives);
  if (didYouMean.length === 0) {
    return [head, encoding.textOpen, encoding.citationsThenAlternatives, alternatives, encoding.tailOpen, CLOSE];
  }
  const textAdded = JSON.stringify(`\n\n${didYouMean.map((followUp) => followUp.label).join('\n')}`).slice(1, -1);
  const buttons = JSON.stringify(didYouMean).slice(1, -1);
  return [
    head,
    encoding.textOpen,
    textAdded,
    encoding.citationsThenAlternatives,
    alternatives,
    encoding.tailOpen,
    `${encoding.hasFollowUps ? ',' : ''}${buttons}]}`,
  ];
}

const CLOSE = utf8(']}');

/** Whether an encoding was made for a reply of this council, role, intent and titles. */
function encodes(encoding: BodyEncoding, reply: ReplyModel): boolean {
  return (
    encoding.outOfScope === reply.outOfScope &&
    encoding.council === reply.council &&
    encoding.role === reply.role &&
    encoding.intent === reply.intent &&
    encoding.councilName === reply.councilName &&
    encoding.topicTitle === reply.topicTitle
  );
}

/**
 * The text of each confidence a reply can hold (replies round them to thousandths), made once: writing a number
 * out is most of what encoding an answer's own parts costs.
 */
const THOUSANDTHS: Array<string | undefined> = new Array<string | undefined>(1001);

/** A number as JSON.stringify writes it (non-finite numbers are null). */
function number(value: number): string {
  const thousandths = Math.round(value * 1000);
  if (thousandths >= 0 && thousandths <= 1000 && thousandths / 1000 === value) return (THOUSANDTHS[thousandths] ??= String(value));
  return Number.isFinite(value) ? String(value) : 'null';
}

/** `{"intent":…,"confidence":` for each intent met, bounded (intents come from the model, a few dozen). */
const alternativeOpenings = new Map<string, string>();

function alternativeOpening(intent: string): string {
  let opening = alternativeOpenings.get(intent);
  if (opening === undefined) {
    opening = `{"intent":${JSON.stringify(intent)},"confidence":`;
    if (alternativeOpenings.size < 1000) alternativeOpenings.set(intent, opening);
  }
  return opening;
}

/** `[{"intent":…,"confidence":…},…]`, as JSON.stringify writes the contract's alternatives. */
function encodeAlternatives(alternatives: ReplyModel['alternatives']): string {
  let out = '[';
  for (let i = 0; i < alternatives.length; i += 1) {
    const { intent, confidence } = alternatives[i] as ReplyModel['alternatives'][number];
    out += `${i === 0 ? '' : ','}${alternativeOpening(intent)}${number(confidence)}}`;
  }
  return `${out}]`;
}
