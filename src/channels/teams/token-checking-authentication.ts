import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/** The errors the token library throws for a token that is not good: a bad signature, expiry, not yet valid. */
const TOKEN_REFUSALS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The SDK's request authentication, with every refusal of the token itself reported as one: the SDK lets the
 * token library's own errors ("invalid signature", "jwt signature is required") through, and CloudAdapter then
 * answers a forged token with 500, as if the bot had failed. They become 401. Anything else (the signing keys
 * could not be fetched) is left as it was.
 */
export class TokenCheckingAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && TOKEN_REFUSALS.has(error.name)) throw new AuthenticationError(`Unauthorized: ${error.message}`, StatusCodes.UNAUTHORIZED);
      throw error;
    }
  }
}
