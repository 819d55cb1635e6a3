/**
 * JSONata fragments shared by the Help Scout mappings. Lists are HAL: the records are in
 * `_embedded.<name>`. Writes answer 201/204 with no body; a created record's id is the `Resource-ID`
 * header, and the engine reads the record back.
 */
export const ID = `$encodeUrlComponent(id)`;

/** The id of a record created by a 201 without a body. */
export const CREATED_ID = `{ "id": $number($headers."resource-id") }`;

/** A 204 answer: the record written is the one addressed. */
export const WRITTEN_ID = `{ "id": $number($request.id) }`;

/** HTML to text: tags dropped, whitespace collapsed. */
export const PLAIN = `function($html) { $html ? $trim($replace($html, /<[^>]*>/, " ")) }`;

/**
 * JSON Patch for Help Scout's PATCH endpoints, which take ONE operation per request: the operations a
 * unified body asks for, in order (`$ops`), the first sent by the main request, each next by a follow-up.
 */
export const patchFollowUps = (path: string, ops: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    when: `( $ops := ${ops}; $count($ops) > ${i + 1} )`,
    method: 'PATCH' as const,
    path,
    body: `( $ops := ${ops}; $ops[${i + 1}] )`,
  }));
