import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

/** One email the sink took, with its headers (names lower-cased, values unfolded and decoded) and decoded text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  /** The message as it came over the wire, before any decoding. */
  raw: string;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, data: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits a single-part message into decoded headers and text (our notifications are plain text, one part). */
function parseMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const body = raw.slice(split + 4);
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

/** An SMTP error with its reply code, as smtp-server sends it to the client. */
function smtpError(message: string, responseCode: number): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * A local SMTP server on loopback that keeps every message it takes. It can refuse recipients for good (550),
 * answer late (so the client's try times out after the message was taken), and be stopped and started again on its
 * port, as a mail server that goes down and comes back.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /** Addresses refused at RCPT TO, with the reply code (550: no such mailbox). */
  readonly refused = new Map<string, number>();
  private server: SMTPServer | undefined;
  private port = 0;
  private lateReplies = { count: 0, ms: 0 };
  /** Errors of connections that broke off (a client killed mid-session), kept rather than thrown. */
  readonly connectionErrors: string[] = [];

  /** Makes the next `count` messages be taken but answered only after `ms`. */
  answerLate(count: number, ms: number): void {
    this.lateReplies = { count, ms };
  }

  /** Listens on 127.0.0.1 (a free port the first time, the same port after a stop); resolves with the port. */
  async start(): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      logger: false,
      onRcptTo: (address, _session, done) => {
        const code = this.refused.get(address.address);
        done(code ? smtpError('No such mailbox here', code) : null);
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const { headers, text } = parseMail(raw);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.mails.push({ from, to: session.envelope.rcptTo.map((a) => a.address), headers, subject: headers.get('subject') ?? '', text, raw });
          if (this.lateReplies.count > 0) {
            this.lateReplies.count -= 1;
            setTimeout(() => done(), this.lateReplies.ms).unref();
          } else done();
        });
      },
    });
    // A client that goes away mid-session (a bot instance killed while it sends) is reported by smtp-server as an
    // 'error' event ("read ECONNRESET"); unheard, it would be thrown. A mail server lives with that: note it only.
    server.on('error', (error: Error) => {
      this.connectionErrors.push(error.message);
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Stops listening and drops open connections: clients now get "connection refused". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const connection of server.connections) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The mails whose subject names a case reference. */
  about(reference: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.subject.includes(reference));
  }
}
