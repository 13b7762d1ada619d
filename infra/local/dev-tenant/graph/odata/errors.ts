/** A Graph error raised while reading a request; the Graph error handler answers it with sendGraphError. */
export class GraphRequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Graph's wording when a query needs the advanced query parameters (https://learn.microsoft.com/graph/aad-advanced-queries). */
export function advancedQueryRequired(operator: string): GraphRequestError {
  return new GraphRequestError(
    400,
    'Request_UnsupportedQuery',
    `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

export function unknownProperty(property: string, type: string): GraphRequestError {
  return new GraphRequestError(400, 'BadRequest', `Could not find a property named '${property}' on type 'microsoft.graph.${type}'.`);
}
