import { Args, ID } from '@nestjs/graphql';

/**
 * The optional `brandId` of an operation on one session by id (S11R6-1 in docs/METRICS-DECISIONS.md): a
 * session id names a session within its brand, and a reader of several brands may have two of one id.
 */
export const SessionBrandArg = (): ParameterDecorator =>
  Args('brandId', {
    type: () => ID,
    nullable: true,
    description:
      "The session's brand: a session id names a session within its brand, and a reader of several brands may have two of one id. Without it, the newest of the reader's sessions of that id",
  });
