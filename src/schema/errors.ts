import { GraphQLError } from 'graphql';
import { builder } from './builder';

export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} was not found`, { extensions: { code: 'NOT_FOUND' } });
}

export interface UserError {
  field: string;
  message: string;
}

export const UserErrorType = builder.objectRef<UserError>('UserError').implement({
  description: 'A problem with the input that the caller can fix.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field at fault.' }),
    message: t.exposeString('message', { description: 'What is wrong with it, in words for a person.' }),
  }),
});
