import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { HTTP_STATUS, toClientError } from './api.exception.js';

/**
 * The REST routes' errors, mapped exactly as GraphQL maps them (`toClientError`): a status, and
 * `{ error: { code, message, field } }` — never SQL or a stack.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const client = toClientError(error);
    if (response.headersSent) {
      // The body had begun: all that is left is to cut it short, so the client sees a broken download.
      response.destroy();
      return;
    }
    response.status(HTTP_STATUS[client.code]).json({ error: client });
  }
}
