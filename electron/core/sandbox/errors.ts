/** Salt Edge-style errors: an HTTP status plus an error class (see WIRE-v6.md "Error"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorClass: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (field: string, problem = 'is missing or invalid'): ApiError =>
  new ApiError(400, 'WrongRequestFormat', `Field '${field}' ${problem}.`);

export const notFound = (errorClass: string, what: string, id: string): ApiError =>
  new ApiError(404, errorClass, `${what} with id '${id}' was not found.`);

export function documentationUrl(errorClass: string): string {
  return `https://docs.saltedge.com/v6/api_reference#errors-${errorClass.replace(/[A-Z]/g, (c, i: number) => (i ? '_' : '') + c.toLowerCase())}`;
}
